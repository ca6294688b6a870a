/**
 * Resolves the scenario's `traffic` and `outbound` sections into the SNAT model's input: the traffic workloads
 * and the outbound designs, refusing (exit 2) what AKS would refuse and pools the scenario does not have.
 */
import { InputError } from '../error/input-error.ts';
import { surgeNodes } from '../model/cluster/surge.ts';
import { DEFAULT_DESIGN, type DesignInput } from '../model/snat/design-input.ts';
import { LB_ALLOCATED_PORTS_ERROR_CODE, manualAllocationError } from '../model/snat/lb-manual-ports.ts';
import type { SnatInput } from '../model/snat/snat-extension.ts';
import type { TrafficWorkload } from '../model/traffic/traffic-spec.ts';
import { parseIpv4 } from '../net/cidr.ts';
import { secondsToNs } from '../sim/time.ts';
import type { Scenario } from './schema/scenario.ts';

/** Whether the SNAT model runs at all for this scenario. */
export function snatEnabled(s: Scenario): boolean {
  return s.traffic !== undefined || s.outbound !== undefined;
}

export function scenarioDesigns(s: Scenario): DesignInput[] {
  if (s.outbound === undefined) return [DEFAULT_DESIGN];
  return s.outbound.designs.map((d) => ({
    name: d.name,
    outboundType: d.outboundType,
    outboundIps: d.outboundIps,
    outboundPorts: d.outboundPorts,
    idleTimeoutMin: d.idleTimeoutMin ?? null,
    firewallInstances: d.firewallInstances,
    holdDownS: d.holdDown ?? {},
  }));
}

function endpoint(text: string): { ip: number; port: number } {
  const at = text.lastIndexOf(':');
  const ip = parseIpv4(text.slice(0, at));
  if (ip === undefined) throw new Error(`unvalidated endpoint ${text}`);
  return { ip, port: Number(text.slice(at + 1)) };
}

export function scenarioWorkloads(s: Scenario): TrafficWorkload[] {
  const pools = s.cluster.pools.map((p) => p.name);
  return (s.traffic?.workloads ?? []).map((w, i) => {
    const poolIndex = w.pool === undefined ? -1 : pools.indexOf(w.pool);
    if (poolIndex < 0 && w.pool !== undefined) {
      throw new InputError([{ code: 'unknown-pool', path: `traffic.workloads[${i}].pool`, value: w.pool, allowed: `one of the pools: ${pools.join(', ')}` }]);
    }
    const steps = [...w.schedule].filter((st) => st.atS > 0).map((st) => ({ atNs: secondsToNs(st.atS), ratePerPodPerS: st.ratePerPodPerS }));
    const atZero = w.schedule.filter((st) => st.atS === 0).at(-1)?.ratePerPodPerS ?? w.ratePerPodPerS;
    return {
      name: w.name,
      poolIndex,
      rateSteps: [{ atNs: 0, ratePerPodPerS: atZero }, ...steps],
      destinations: w.destinations.map((d) => {
        const ep = d.endpoint === undefined ? { ip: 0, port: 0 } : endpoint(d.endpoint);
        return { kind: d.kind, ip: ep.ip, port: ep.port, protocol: d.protocol, weight: d.weight };
      }),
      duration: w.durationS,
      closeWeights: [w.close.fin, w.close.rst, w.close.idle, w.close.halfOpen],
      keepAliveNs: w.pooling === undefined ? null : secondsToNs(w.pooling.keepAliveS),
    };
  });
}

/**
 * The node count AKS checks an outbound profile against: Σ over pools of (autoscaler maxCount, else the largest
 * count the scenario gives the pool, scale events included) plus each pool's upgrade surge, as the resource
 * provider does (support article InvalidLoadBalancerProfileAllocatedOutboundPorts; SupportArticles-docs PR 2101).
 */
export function effectiveNodes(s: Scenario): { nodes: number; effectiveNodes: number } {
  let nodes = 0;
  let effective = 0;
  for (const p of s.cluster.pools) {
    const scaled = s.cluster.scaleEvents.filter((e) => e.pool === p.name).map((e) => e.count);
    const top = p.autoscale?.maxCount ?? Math.max(p.count, ...scaled);
    nodes += p.count;
    effective += top + surgeNodes(p.maxSurge ?? s.assumptions.maxSurgeDefault, top);
  }
  return { nodes, effectiveNodes: effective };
}

/**
 * Refuses a design AKS itself would refuse: manual LB ports that the outbound IPs cannot give every node,
 * surge included. The message is Azure's.
 */
export function checkDesignAgainstCluster(s: Scenario, d: DesignInput): void {
  if (d.outboundType !== 'loadBalancer' || d.outboundPorts === 0) return;
  const nodes = effectiveNodes(s).effectiveNodes;
  const message = manualAllocationError(nodes, d.outboundPorts, d.outboundIps);
  const index = s.outbound?.designs.findIndex((x) => x.name === d.name) ?? -1;
  if (message !== null) {
    throw new InputError([
      {
        code: LB_ALLOCATED_PORTS_ERROR_CODE,
        path: `outbound.designs[${index}].outboundPorts`,
        value: String(d.outboundPorts),
        allowed: `at most ${Math.floor((d.outboundIps * 64_000) / nodes / 8) * 8} ports per node for ${d.outboundIps} IPs: ${message}`,
        rule: 'AKS validates (Σ pool count or autoscaler maxCount + surge) × ports ≤ IPs × 64,000 (https://learn.microsoft.com/en-us/troubleshoot/azure/azure-kubernetes/create-upgrade-delete/error-code-invalidloadbalancerprofileallocatedoutboundports)',
      },
    ]);
  }
}

/** The SNAT model's input for a scenario; null designs when the scenario has neither traffic nor outbound. */
export function snatInput(s: Scenario): SnatInput {
  const workloads = scenarioWorkloads(s);
  if (!snatEnabled(s)) return { designs: null, workloads, daemonsetPodsPerNode: s.workload.daemonsetPodsPerNode };
  const designs = scenarioDesigns(s);
  for (const d of designs) checkDesignAgainstCluster(s, d);
  return { designs, workloads, daemonsetPodsPerNode: s.workload.daemonsetPodsPerNode };
}
