/**
 * Azure Load Balancer with manual SNAT allocation (AKS `loadBalancerProfile.allocatedOutboundPorts` > 0): every
 * node gets exactly that many ports, whatever the pool size, and AKS refuses a profile whose nodes cannot all
 * get them. https://learn.microsoft.com/en-us/azure/aks/configure-load-balancer-standard
 */
import type { IdleTimeoutRule } from './outbound-type.ts';

const CONFIGURE_LB = 'https://learn.microsoft.com/en-us/azure/aks/configure-load-balancer-standard';
const ARM_REF = 'https://learn.microsoft.com/en-us/azure/templates/microsoft.containerservice/managedclusters';
const SUPPORT_ARTICLE =
  'https://learn.microsoft.com/en-us/troubleshoot/azure/azure-kubernetes/create-upgrade-delete/error-code-invalidloadbalancerprofileallocatedoutboundports';

// "When a public IP address is added as a frontend IP to a load balancer, 64,000 ports are eligible for SNAT".
// https://learn.microsoft.com/en-us/azure/load-balancer/load-balancer-outbound-connections
export const LB_PORTS_PER_IP = 64_000;
// allocatedOutboundPorts 0..64,000, a multiple of 8 (ARM reference; configure-load-balancer-standard; azure-cli).
export const LB_PORTS_MAX = 64_000;
export const LB_PORTS_MULTIPLE = 8;
export const LB_PORTS_RULE = `allocatedOutboundPorts must be a multiple of 8 in 0..64,000 (${CONFIGURE_LB}; ${ARM_REF})`;
// managedOutboundIPs.count 1..100, default 1 (ARM reference).
export const LB_IPS_MIN = 1;
export const LB_IPS_MAX = 100;
export const LB_IPS_RULE = `managedOutboundIPs.count is 1..100 (${ARM_REF})`;

/**
 * Outbound rule idle timeout. AKS default 30 min ("the AKS-configured load balancer uses a 30-minute idle timeout
 * for reclaiming SNAT ports", configure-load-balancer-standard). Range: CONFLICT — the ARM reference and
 * outbound-rules say 4..120, the stable azure-cli validator and load-balancer-tcp-idle-timeout say 4..100.
 * cnisim accepts 4..120 by default; the scenario's `outbound.lbIdleTimeoutMaxMin: 100` selects the CLI range.
 */
export const LB_IDLE_TIMEOUT_DEFAULT_MIN = 30;
export const LB_IDLE_TIMEOUT_MIN_MIN = 4;
export const LB_IDLE_TIMEOUT_MAX_MIN_API = 120;
export const LB_IDLE_TIMEOUT_MAX_MIN_CLI = 100;

export function lbIdleTimeoutRule(maxMin: number): IdleTimeoutRule {
  return {
    defaultMin: LB_IDLE_TIMEOUT_DEFAULT_MIN,
    minMin: LB_IDLE_TIMEOUT_MIN_MIN,
    maxMin,
    rule: `idleTimeoutInMinutes is 4..120 in the ARM API (${ARM_REF}) but 4..100 in azure-cli and load-balancer-tcp-idle-timeout (CONFLICT); using 4..${maxMin}`,
  };
}

/** "64,000 ports per IP / <outbound ports per node> * <number of outbound IPs> = <maximum number of nodes>". */
export function manualMaxNodes(portsPerNode: number, ips: number): number {
  return Math.floor((LB_PORTS_PER_IP * ips) / portsPerNode);
}

export const LB_ALLOCATED_PORTS_ERROR_CODE = 'InvalidLoadBalancerProfileAllocatedOutboundPorts';

/**
 * AKS's resource-provider check, `effectiveNodes × ports ≤ IPs × 64,000`, where effectiveNodes is Σ(maxCount if
 * autoscaled, else count) + surge. Returns Azure's message when it fails, e.g. "Total node count 9 requires
 * 72000 ports but only 64000 ports are available given 1 outbound public IPs" (support article, ${SUPPORT_ARTICLE};
 * https://github.com/Azure/azure-cli/issues/22374), or null.
 */
export function manualAllocationError(effectiveNodes: number, portsPerNode: number, ips: number): string | null {
  const required = effectiveNodes * portsPerNode;
  const available = ips * LB_PORTS_PER_IP;
  if (required <= available) return null;
  return `Total node count ${effectiveNodes} requires ${required} ports but only ${available} ports are available given ${ips} outbound public IPs`;
}

export const LB_MANUAL_SOURCE = SUPPORT_ARTICLE;
