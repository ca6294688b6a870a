/**
 * The field checks AKS makes on an outbound profile before it looks at capacity: IP counts, manual port
 * allocations, idle timeouts. Below both the scenario format (schema/outbound.ts) and the planner, which share them.
 * Constants live beside each outbound type with their sources.
 */
import type { InputProblem } from '../../error/input-error.ts';
import { FIREWALL_IDLE_TIMEOUT_RULE, FIREWALL_IPS_MAX, FIREWALL_IPS_MIN, FIREWALL_IPS_RULE } from './azure-firewall.ts';
import {
  LB_IDLE_TIMEOUT_MAX_MIN_API,
  LB_IPS_MAX,
  LB_IPS_MIN,
  LB_IPS_RULE,
  LB_PORTS_MAX,
  LB_PORTS_MULTIPLE,
  LB_PORTS_RULE,
  lbIdleTimeoutRule,
} from './lb-manual-ports.ts';
import { NAT_IDLE_TIMEOUT_RULE, NAT_IPS_MAX, NAT_IPS_MIN, NAT_IPS_RULE } from './nat-gateway.ts';
import { OUTBOUND_TYPES, isNatGateway, type IdleTimeoutRule, type OutboundType } from './outbound-type.ts';

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
