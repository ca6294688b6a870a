/**
 * The closed-form planner behind `cnisim plan`: how many VNet addresses, pod-subnet addresses and pod CIDR /24s a
 * cluster needs under one networking model, whether they fit, and the most nodes the address plan holds. The
 * rules are those of ../shared/reference/azure-networking.md; constants come from src/model/azure/limits.ts and
 * src/net/azure-subnet.ts with their sources.
 */
import {
  CLUSTER_LIMITS_SOURCE,
  KUBENET_DUAL_STACK_RULE,
  KUBENET_MAX_ROUTES,
  KUBENET_ROUTES_PER_NODE_DUAL_STACK,
  KUBENET_RULE,
  MAX_NODES_PER_CLUSTER,
  MAX_NODES_PER_POOL,
  NODE_POD_CIDR_SIZE,
  STATIC_BLOCK_SIZE,
  VNET_MAX_PRIVATE_IPS,
  VNET_PRIVATE_IPS_RULE,
} from '../model/azure/limits.ts';
import type { CniName } from '../model/ipam/cni.ts';
import { staticBlocksInSubnet } from '../model/ipam/static-block.ts';
import { usableIps } from '../net/azure-subnet.ts';
import { cidrSize, parseCidr, type Cidr } from '../net/cidr.ts';
import { usedByOthersIn } from '../net/used-by-others.ts';
import { scenarioWarnings, type ScenarioWarning } from '../checks/scenario-warnings.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
import { searchMaxNodes } from './max-nodes.ts';
import { planConcurrency, planPools, usesPodCidr, type PlanPool } from './plan-pools.ts';
import { podSubnetDemand } from './pod-subnet-demand.ts';
import { peakReplicas } from './pod-spread.ts';
import { availableIps, subnetErrors, type LimitingFactor, type PlanError, type SubnetTally } from './subnet-tally.ts';
import { planSnat, type OutboundType, type SnatPlan } from './snat.ts';
import { ipv6NodeBlocks, planFamilies, type FamiliesPlan } from './plan-ipv6.ts';

export type { LimitingFactor, PlanError } from './subnet-tally.ts';

export type PlanWarning = ScenarioWarning;

/** How much of one address space the plan uses. All counts are IPv4 addresses. */
export interface AddressSpaceUse {
  readonly cidr: string;
  /** Addresses the model can hand out: subnet size − 5 (static block: whole /28s of that); pod CIDR: its size. */
  readonly usable: number;
  /** Addresses the planned nodes, their upgrade surge and internal load balancer frontends take. */
  readonly required: number;
  /** usable − required; negative when it does not fit. */
  readonly free: number;
}

/** A node or pod subnet's use: as AddressSpaceUse, and `free` = usable − usedByOthers − required. */
export interface SubnetUse {
  readonly cidr: string;
  readonly usable: number;
  /** Addresses other resources in the subnet use (private endpoints, other VMs, gateways): `network.usedByOthers`. */
  readonly usedByOthers: number;
  readonly required: number;
  readonly free: number;
}

export interface SnatOptions {
  readonly outboundType: OutboundType;
  readonly outboundIps: number;
  /** LB allocatedOutboundPorts; 0 = the default table. */
  readonly outboundPorts: number;
  /** null = the outbound type's default. */
  readonly idleTimeoutMin: number | null;
  /** Dual-stack Load Balancer: managed outbound IPv6 IPs (managedOutboundIPs.countIPv6); default 1 when dual-stack. */
  readonly outboundIpv6Ips?: number | undefined;
}

/** AKS's defaults: a Standard Load Balancer with one managed outbound IP and the default port table. */
export const DEFAULT_SNAT_OPTIONS: SnatOptions = { outboundType: 'loadBalancer', outboundIps: 1, outboundPorts: 0, idleTimeoutMin: null };

/** The plan of one networking model; `planJson` gives its stable JSON form. */
export interface Plan {
  readonly cni: CniName;
  /** Σ pools (autoscaler maxCount if autoscaled, else count). */
  readonly nodes: number;
  /** Σ pools' upgrade surge nodes. */
  readonly surgeNodes: number;
  /** The largest maxPods among the pools. */
  readonly maxPods: number;
  /** The tightest node subnet (least free) when pools use several; every one is checked. */
  readonly nodeSubnet: SubnetUse | null;
  readonly podSubnet: SubnetUse | null;
  readonly podCidr: AddressSpaceUse | null;
  /** IP families, the IPv6 pod CIDR's blocks and which family runs out first (docs/plan.md, dual-stack). */
  readonly families: FamiliesPlan;
  /**
   * The largest N for which the same plan with N nodes fits, its upgrade surge included (several pools: grown
   * one node each in turn). Surge nodes are not counted in N.
   */
  readonly maxNodesThatFit: number;
  /** Pods those nodes run at maxPods each. */
  readonly maxPodsPerCluster: number;
  readonly fits: boolean;
  /** What stops N + 1 fitting. */
  readonly limitingFactor: LimitingFactor;
  readonly errors: readonly PlanError[];
  /** What may still go wrong though the plan fits (e.g. a public pod CIDR, outside Microsoft support). */
  readonly warnings: readonly PlanWarning[];
  readonly snat: SnatPlan;
  /** Every subnet the model draws on (node subnets first), for callers that need more than the tightest. */
  readonly subnets: readonly (SubnetUse & { readonly role: 'node' | 'pod' })[];
  /** The same cluster with no upgrade running: nodes, VNet IPs reserved, pod CIDR /24s (planner vs simulator). */
  readonly steadyState: { readonly nodes: number; readonly vnetIps: number; readonly podCidrBlocks: number };
}

// "Each node is assigned a /24 address space carved out from the same CIDR".
const OVERLAY_CONCEPTS = 'https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-overlay';

function cidrOf(text: string): Cidr {
  const c = parseCidr(text);
  if (c === undefined) throw new Error(`planner given an unvalidated CIDR ${text}`);
  return c;
}


/** Plans one networking model for the scenario's pools and network, with the given outbound design. */
export function planScenario(s: Scenario, cni: CniName, snatOptions: SnatOptions = DEFAULT_SNAT_OPTIONS): Plan {
  const plan = assessPlan(s, cni, snatOptions);
  const maxPods = planPools(s, cni).map((p) => p.maxPods);
  const fill = searchMaxNodes(s.cluster.pools.length, (counts) => assessPlan(withPoolCounts(s, counts), cni, snatOptions).errors);
  return {
    ...plan,
    maxNodesThatFit: fill.total,
    maxPodsPerCluster: Math.min(
      fill.perPool.reduce((sum, n, i) => sum + n * (maxPods[i] ?? 0), 0),
      cni === 'overlay' ? s.assumptions.overlayMaxPodsPerCluster : Number.POSITIVE_INFINITY,
    ),
    limitingFactor: fill.limitingFactor,
  };
}

/** The scenario with each pool fixed at `counts[i]` nodes (no autoscaler), as `cnisim plan --nodes` sets it. */
export function withPoolCounts(s: Scenario, counts: readonly number[]): Scenario {
  const pools = s.cluster.pools.map((p, i) => {
    const { autoscale: _autoscale, ...rest } = p;
    return { ...rest, count: counts[i] ?? p.count };
  });
  return { ...s, cluster: { ...s.cluster, pools } };
}

/** The verdict for the scenario as given: what it takes, its errors, its SNAT budget (no search). */
function assessPlan(s: Scenario, cni: CniName, snatOptions: SnatOptions): Omit<Plan, 'maxNodesThatFit' | 'maxPodsPerCluster' | 'limitingFactor'> {
  const pools = planPools(s, cni);
  const nodes = pools.reduce((sum, p) => sum + p.nodes, 0);
  // Pools upgrading at once add their surges; one after another, the largest surge is the peak.
  const concurrency = planConcurrency(s);
  const atPeak = (a: number, b: number) => (concurrency === 'all' ? a + b : Math.max(a, b));
  const surge = pools.reduce((sum, p) => atPeak(sum, p.surge), 0);
  const errors: PlanError[] = [];

  // Subnets, in order of first use; pools naming the same CIDR share one.
  const tallies = new Map<string, SubnetTally>();
  const tally = (given: string | null, path: string, role: 'node' | 'pod') => {
    if (given === null) throw new Error(`planner given an unvalidated scenario: no subnet for ${path}`);
    const text = given;
    const key = `${role}:${text}`;
    let t = tallies.get(key);
    if (t === undefined) {
      const c = cidrOf(text);
      t = { text, path, role, cidr: c, usable: usableIps(c), usedByOthers: usedByOthersIn(s.network, text), base: 0, surge: 0, ilb: 0, nodes: 0, surgeNodes: 0, pools: [] };
      tallies.set(key, t);
    }
    return t;
  };
  const nodeIpsPerNode = (p: PlanPool) => (cni === 'node-subnet' ? p.maxPods + 1 : 1);
  pools.forEach((p, i) => {
    const t = tally(p.nodeSubnet, p.nodeSubnetPath, 'node');
    t.base += p.nodes * nodeIpsPerNode(p);
    t.surge = atPeak(t.surge, p.surge * nodeIpsPerNode(p));
    t.nodes += p.nodes;
    t.surgeNodes = atPeak(t.surgeNodes, p.surge);
    t.pools.push(i);
  });
  // "If you deploy an internal Azure Load Balancer, its front-end IPs are allocated from the cluster subnet".
  const first = pools[0];
  if (first !== undefined) tally(first.nodeSubnet, first.nodeSubnetPath, 'node').ilb = s.network.internalLoadBalancerFrontends;

  const demand = cni === 'pod-subnet-dynamic' || cni === 'pod-subnet-static' ? podSubnetDemand(s, cni, pools) : null;
  pools.forEach((p, i) => {
    const d = demand?.[i];
    if (p.podSubnet === null || d === undefined) return;
    const t = tally(p.podSubnet, p.podSubnetPath, 'pod');
    // Aligned /28 blocks clear of the reserved addresses, and no more whole blocks than other tenants leave (as the
    // static-block model counts); their own addresses are added back so that free = usable − usedByOthers − required.
    if (cni === 'pod-subnet-static') {
      const blocks = Math.min(staticBlocksInSubnet(t.cidr), Math.floor((usableIps(t.cidr) - t.usedByOthers) / STATIC_BLOCK_SIZE));
      t.usable = blocks * STATIC_BLOCK_SIZE + t.usedByOthers;
    }
    t.base += d.perNode.reduce((a, b) => a + b, 0);
    t.surge = atPeak(t.surge, p.surge * d.surgeNode);
    t.nodes += p.nodes;
    t.surgeNodes = atPeak(t.surgeNodes, p.surge);
    t.pools.push(i);
  });

  for (const t of tallies.values()) subnetErrors(cni, t, errors);

  // Overlay and kubenet: a /24 per node from the pod CIDR.
  let podCidr: AddressSpaceUse | null = null;
  if (usesPodCidr(cni)) {
    const c = cidrOf(s.network.podCidr);
    const size = cidrSize(c);
    const rpNodes = nodes + (s.assumptions.overlayPodCidrCountsSurge ? surge : 0);
    const required = (nodes + surge) * NODE_POD_CIDR_SIZE;
    podCidr = { cidr: s.network.podCidr, usable: size, required, free: size - required };
    if (rpNodes * NODE_POD_CIDR_SIZE > size) {
      // Azure's wording, https://github.com/Azure/AKS-Construction/issues/701 (AKS CHANGELOG 2023-05-07).
      errors.push({
        code: 'InsufficientSubnetSize',
        factor: 'pod-cidr',
        message: `Pre-allocated IPs ${rpNodes * NODE_POD_CIDR_SIZE} exceeds IPs available ${size} in Subnet Cidr ${s.network.podCidr}, Subnet Name networkProfile.podCIDR. If Autoscaler is enabled, the max-count from each nodepool is counted towards this total`,
      });
    } else if (required > size) {
      errors.push({
        code: 'PodCidrFullDuringUpgrade',
        factor: 'pod-cidr',
        message: `Pod CIDR ${s.network.podCidr} has ${size / NODE_POD_CIDR_SIZE} /24 blocks but ${nodes} nodes + ${surge} upgrade surge nodes need ${nodes + surge}: the upgrade cannot add its surge nodes (one /24 per node, ${OVERLAY_CONCEPTS})`,
      });
    }
  }

  const families = planFamilies(s, cni, pools, nodes, surge, snatOptions);
  errors.push(...families.errors);
  // Dual-stack kubenet takes a route per family per node, so the 400-route table holds 200 nodes.
  const routesPerNode = families.podCidrIpv6 === null ? 1 : KUBENET_ROUTES_PER_NODE_DUAL_STACK;
  const warnings: PlanWarning[] = scenarioWarnings(s, cni);

  // Overlay pods per cluster (a CONFLICT, assumptions.overlayMaxPodsPerCluster): the pods the workload runs at its
  // peak, as the nodes can hold them.
  const podCap = s.assumptions.overlayMaxPodsPerCluster;
  const plannedPods = Math.min(
    pools.reduce((sum, p) => sum + p.nodes * p.maxPods, 0),
    s.workload.deployments.reduce((sum, d) => sum + peakReplicas(d), 0) + s.workload.daemonsetPodsPerNode * nodes,
  );
  if (cni === 'overlay' && plannedPods > podCap) {
    errors.push({
      code: 'OverlayPodLimit',
      factor: 'overlay-pods-per-cluster',
      message: `The workload runs ${plannedPods} pods at its peak but an Overlay cluster runs at most ${podCap} (assumptions.overlayMaxPodsPerCluster; 200,000 in best-practices-performance-scale-large, 250,000 in plan-pod-networking, a CONFLICT)`,
    });
  }

  if (cni === 'kubenet' && (nodes + surge) * routesPerNode > KUBENET_MAX_ROUTES) {
    errors.push({
      code: 'KubenetRouteLimit',
      factor: 'kubenet-route-limit',
      message: `${nodes} nodes + ${surge} upgrade surge nodes need ${(nodes + surge) * routesPerNode} routes but a kubenet route table holds at most ${KUBENET_MAX_ROUTES}: ${routesPerNode === 1 ? KUBENET_RULE : KUBENET_DUAL_STACK_RULE}`,
    });
  }
  const clusterMax = MAX_NODES_PER_CLUSTER[s.assumptions.tier];
  if (nodes + surge > clusterMax) {
    errors.push({
      code: 'ClusterNodeLimit',
      factor: 'cluster-node-limit',
      message: `${nodes} nodes + ${surge} upgrade surge nodes exceed the ${clusterMax}-node limit of the ${s.assumptions.tier} tier (${CLUSTER_LIMITS_SOURCE})`,
    });
  }
  for (const p of pools) {
    if (p.nodes + p.surge > MAX_NODES_PER_POOL) {
      errors.push({
        code: 'PoolNodeLimit',
        factor: 'pool-node-limit',
        message: `Pool ${p.name}: ${p.nodes} nodes + ${p.surge} surge nodes exceed ${MAX_NODES_PER_POOL} instances per node pool, so the upgrade is rejected (${CLUSTER_LIMITS_SOURCE})`,
      });
    }
  }

  const list = [...tallies.values()];
  const privateIps = list.reduce((sum, t) => sum + privateIpCount(cni, t), 0);
  if (privateIps > VNET_MAX_PRIVATE_IPS) {
    errors.push({ code: 'VnetPrivateIpLimit', factor: 'vnet-private-ip-limit', message: `The plan takes ${privateIps} private IPs of the VNet, over the limit: ${VNET_PRIVATE_IPS_RULE}` });
  }

  const snat = planSnat({
    outboundType: snatOptions.outboundType,
    outboundIps: snatOptions.outboundIps,
    outboundPorts: snatOptions.outboundPorts,
    idleTimeoutMin: snatOptions.idleTimeoutMin,
    nodes,
    effectiveNodes: nodes + surge,
  });
  errors.push(...snat.errors.map((e) => ({ code: e.code, message: e.message, factor: 'snat-ports' as const })));

  const uses = list.map((t) => {
    const required = t.base + t.surge + t.ilb;
    return { role: t.role, cidr: t.text, usable: t.usable, usedByOthers: t.usedByOthers, required, free: availableIps(t) - required };
  });
  const tightest = (role: 'node' | 'pod') =>
    uses
      .filter((u) => u.role === role)
      .reduce<SubnetUse | null>((m, u) => (m === null || u.free < m.free ? { cidr: u.cidr, usable: u.usable, usedByOthers: u.usedByOthers, required: u.required, free: u.free } : m), null);

  return {
    cni,
    nodes,
    surgeNodes: surge,
    maxPods: pools.reduce((m, p) => Math.max(m, p.maxPods), 0),
    nodeSubnet: tightest('node'),
    podSubnet: tightest('pod'),
    podCidr,
    families,
    fits: errors.length === 0,
    errors,
    warnings,
    snat,
    subnets: uses,
    steadyState: {
      nodes,
      vnetIps: list.reduce((sum, t) => sum + t.base + t.ilb, 0),
      podCidrBlocks: usesPodCidr(cni) ? nodes : 0,
    },
  };
}

/** VNet private IPs a subnet's use counts for: addresses, except static /28 blocks which count one each. */
function privateIpCount(cni: CniName, t: SubnetTally): number {
  const n = t.base + t.surge + t.ilb;
  return cni === 'pod-subnet-static' && t.role === 'pod' ? n / STATIC_BLOCK_SIZE : n;
}
