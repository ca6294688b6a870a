/**
 * Closed-form SNAT capacity behind `cnisim plan`: ports per node, the node count the outbound IPs support, and
 * the checks AKS makes before it accepts an outbound profile. Constants live in src/model/snat/ with their
 * sources; this file only combines them.
 */
import type { InputProblem } from '../error/input-error.ts';
import {
  FIREWALL_IDLE_TIMEOUT_RULE,
  FIREWALL_IPS_MAX,
  FIREWALL_IPS_MIN,
  FIREWALL_IPS_RULE,
  firewallTotalPorts,
} from '../model/snat/azure-firewall.ts';
import {
  LB_DEFAULT_TABLE_MAX_POOL,
  LB_OUTBOUND_SOURCE,
  defaultPortsPerNode,
} from '../model/snat/lb-default-table.ts';
import {
  LB_ALLOCATED_PORTS_ERROR_CODE,
  LB_IDLE_TIMEOUT_MAX_MIN_API,
  LB_IPS_MAX,
  LB_IPS_MIN,
  LB_IPS_RULE,
  LB_PORTS_MAX,
  LB_PORTS_MULTIPLE,
  LB_PORTS_PER_IP,
  LB_PORTS_RULE,
  lbIdleTimeoutRule,
  manualAllocationError,
  manualMaxNodes,
} from '../model/snat/lb-manual-ports.ts';
import { NAT_IDLE_TIMEOUT_RULE, NAT_IPS_MAX, NAT_IPS_MIN, NAT_IPS_RULE, NAT_PORTS_PER_IP } from '../model/snat/nat-gateway.ts';
import { OUTBOUND_TYPES, isNatGateway, type IdleTimeoutRule, type OutboundType } from '../model/snat/outbound-type.ts';

export type { OutboundType } from '../model/snat/outbound-type.ts';

export interface SnatPlanInput {
  readonly outboundType: OutboundType;
  /** Public IPs: LB frontends, NAT gateway IPs, firewall IPs. */
  readonly outboundIps: number;
  /** LB allocatedOutboundPorts; 0 = the default table. */
  readonly outboundPorts: number;
  /** null = the type's documented default. */
  readonly idleTimeoutMin: number | null;
  /** The backend pool at steady state: the planned nodes (Σ maxCount if autoscaled, else count). */
  readonly nodes: number;
  /** The backend pool during an upgrade: `nodes` + surge nodes, as AKS validates. */
  readonly effectiveNodes: number;
}

/** Which of the two per-node figures the verdict rests on: the smaller, steady state when they are equal. */
export type SnatWorstAt = 'steady-state' | 'upgrade';

export interface SnatPlan {
  readonly outboundType: OutboundType;
  /**
   * Ports each node gets at steady state (the backend pool is the `nodes`). Load Balancer default table: its row
   * for `nodes`. Manual: `outboundPorts`. null where ports are shared on demand (NAT gateway, Azure Firewall).
   */
  readonly portsPerNode: number | null;
  /** Ports each node gets while an upgrade's surge nodes are in the backend pool (`effectiveNodes`). */
  readonly portsPerNodeDuringUpgrade: number | null;
  /** Which figure is the worse and so the one the verdict uses; null where ports are shared on demand. */
  readonly worstAt: SnatWorstAt | null;
  /** The SNAT inventory of the outbound IPs: LB IPs × 64,000, NAT IPs × 64,512, firewall 2,496 × IPs × 2 instances. */
  readonly totalPorts: number;
  /** Max nodes the given IPs support at portsPerNode (default table: its last row, 1,000); null if not bounded. */
  readonly maxNodes: number | null;
  /** The idle timeout in force, in minutes. */
  readonly idleTimeoutMin: number;
  /** Capacity failures, in Azure's wording where Azure has one. */
  readonly errors: ReadonlyArray<{ readonly code: string; readonly message: string }>;
}

export interface SnatValidateOptions {
  /** Upper bound of the LB idle timeout: 120 (ARM API, default) or 100 (azure-cli) — a documented CONFLICT. */
  readonly lbIdleTimeoutMaxMin?: number;
}

/** The idle-timeout limits and default of an outbound type. */
export function idleTimeoutRule(t: OutboundType, lbMaxMin = LB_IDLE_TIMEOUT_MAX_MIN_API): IdleTimeoutRule {
  if (t === 'loadBalancer') return lbIdleTimeoutRule(lbMaxMin);
  if (isNatGateway(t)) return NAT_IDLE_TIMEOUT_RULE;
  return FIREWALL_IDLE_TIMEOUT_RULE;
}

export function planSnat(input: SnatPlanInput): SnatPlan {
  const t = input.outboundType;
  const idleTimeoutMin = input.idleTimeoutMin ?? idleTimeoutRule(t).defaultMin;
  const errors: Array<{ code: string; message: string }> = [];
  if (t === 'loadBalancer') {
    const totalPorts = input.outboundIps * LB_PORTS_PER_IP;
    if (input.outboundPorts === 0) {
      if (input.effectiveNodes > LB_DEFAULT_TABLE_MAX_POOL) {
        const when =
          input.nodes > LB_DEFAULT_TABLE_MAX_POOL
            ? `Backend pool of ${input.nodes} nodes at steady state`
            : `Backend pool of ${input.effectiveNodes} nodes during an upgrade (${input.nodes} nodes + ${input.effectiveNodes - input.nodes} surge)`;
        errors.push({
          code: 'DefaultPortTableExceeded',
          message: `${when} is past the default SNAT port table, which covers 1 to 1000 instances (${LB_OUTBOUND_SOURCE}); set allocatedOutboundPorts`,
        });
      }
      const steady = defaultPortsPerNode(Math.max(1, input.nodes));
      const upgrade = defaultPortsPerNode(Math.max(1, input.effectiveNodes));
      return {
        outboundType: t,
        portsPerNode: steady,
        portsPerNodeDuringUpgrade: upgrade,
        worstAt: upgrade < steady ? 'upgrade' : 'steady-state',
        totalPorts,
        maxNodes: LB_DEFAULT_TABLE_MAX_POOL,
        idleTimeoutMin,
        errors,
      };
    }
    // AKS checks the manual allocation against the pool during an upgrade (nodes + surge), the worse case.
    const message = manualAllocationError(input.effectiveNodes, input.outboundPorts, input.outboundIps);
    if (message !== null) errors.push({ code: LB_ALLOCATED_PORTS_ERROR_CODE, message });
    return {
      outboundType: t,
      portsPerNode: input.outboundPorts,
      portsPerNodeDuringUpgrade: input.outboundPorts,
      worstAt: input.effectiveNodes > input.nodes ? 'upgrade' : 'steady-state',
      totalPorts,
      maxNodes: manualMaxNodes(input.outboundPorts, input.outboundIps),
      idleTimeoutMin,
      errors,
    };
  }
  const totalPorts = isNatGateway(t) ? input.outboundIps * NAT_PORTS_PER_IP : firewallTotalPorts(input.outboundIps);
  return { outboundType: t, portsPerNode: null, portsPerNodeDuringUpgrade: null, worstAt: null, totalPorts, maxNodes: null, idleTimeoutMin, errors };
}

const FLAG_NAMES: Readonly<Record<keyof SnatPlanInput, string>> = {
  outboundType: '--outbound-type',
  outboundIps: '--outbound-ips',
  outboundPorts: '--outbound-ports',
  idleTimeoutMin: '--idle-timeout',
  nodes: '--nodes',
  effectiveNodes: '--nodes',
};

/**
 * Field checks (exit code 2), not capacity (that is planSnat's `errors`). Paths: when `pathPrefix` is `--`, the
 * `cnisim plan` flag names (`--outbound-ports`, …); otherwise `pathPrefix` + the input key, e.g.
 * `outbound.designs[1].` + `outboundPorts`.
 */
export function validateSnatInput(
  input: SnatPlanInput,
  pathPrefix: string,
  options: SnatValidateOptions = {},
): InputProblem[] {
  const path = (k: keyof SnatPlanInput) => (pathPrefix === '--' ? FLAG_NAMES[k] : `${pathPrefix}${k}`);
  const problems: InputProblem[] = [];
  const t = input.outboundType;
  if (!OUTBOUND_TYPES.includes(t)) {
    problems.push({ code: 'outbound-type', path: path('outboundType'), value: String(t), allowed: OUTBOUND_TYPES.join(', ') });
    return problems;
  }
  const ipRange: [number, number, string] =
    t === 'loadBalancer'
      ? [LB_IPS_MIN, LB_IPS_MAX, LB_IPS_RULE]
      : isNatGateway(t)
        ? [NAT_IPS_MIN, NAT_IPS_MAX, NAT_IPS_RULE]
        : [FIREWALL_IPS_MIN, FIREWALL_IPS_MAX, FIREWALL_IPS_RULE];
  const [ipMin, ipMax, ipRule] = ipRange;
  if (!Number.isInteger(input.outboundIps) || input.outboundIps < ipMin || input.outboundIps > ipMax) {
    problems.push({
      code: 'outbound-ips',
      path: path('outboundIps'),
      value: String(input.outboundIps),
      allowed: `an integer in ${ipMin}..${ipMax} for ${t}`,
      rule: ipRule,
    });
  }
  const ports = input.outboundPorts;
  if (t === 'loadBalancer') {
    if (!Number.isInteger(ports) || ports < 0 || ports > LB_PORTS_MAX || ports % LB_PORTS_MULTIPLE !== 0) {
      problems.push({
        code: 'outbound-ports',
        path: path('outboundPorts'),
        value: String(ports),
        allowed: 'a multiple of 8 in 0..64000 (0 = default table)',
        rule: LB_PORTS_RULE,
      });
    }
  } else if (ports !== 0) {
    problems.push({
      code: 'outbound-ports-not-applicable',
      path: path('outboundPorts'),
      value: String(ports),
      allowed: `0: allocatedOutboundPorts applies to loadBalancer only, ${t} shares ports on demand`,
    });
  }
  const rule = idleTimeoutRule(t, options.lbIdleTimeoutMaxMin);
  const idle = input.idleTimeoutMin;
  if (idle !== null && (!Number.isInteger(idle) || idle < rule.minMin || idle > rule.maxMin)) {
    problems.push({
      code: 'idle-timeout',
      path: path('idleTimeoutMin'),
      value: String(idle),
      allowed: `an integer number of minutes in ${rule.minMin}..${rule.maxMin} for ${t}`,
      rule: rule.rule,
    });
  }
  if (!Number.isInteger(input.nodes) || input.nodes < 0) {
    problems.push({ code: 'nodes', path: path('nodes'), value: String(input.nodes), allowed: 'an integer ≥ 0' });
  }
  if (!Number.isInteger(input.effectiveNodes) || input.effectiveNodes < input.nodes) {
    problems.push({
      code: 'effective-nodes',
      path: path('effectiveNodes'),
      value: String(input.effectiveNodes),
      allowed: `an integer ≥ nodes (${input.nodes})`,
    });
  }
  return problems;
}
