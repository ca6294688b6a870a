/**
 * Closed-form SNAT capacity behind `cnisim plan`: ports per node at steady state and during an upgrade, and the
 * node count the outbound IPs support. The field checks AKS makes first are in src/model/snat/outbound-checks.ts.
 * Constants live in src/model/snat/ with their sources; this file only combines them.
 */
import { firewallTotalPorts } from '../model/snat/azure-firewall.ts';
import { LB_DEFAULT_TABLE_MAX_POOL, LB_OUTBOUND_SOURCE, defaultPortsPerNode } from '../model/snat/lb-default-table.ts';
import { LB_ALLOCATED_PORTS_ERROR_CODE, LB_PORTS_PER_IP, manualAllocationError, manualMaxNodes } from '../model/snat/lb-manual-ports.ts';
import { NAT_PORTS_PER_IP } from '../model/snat/nat-gateway.ts';
import { idleTimeoutRule, type SnatPlanInput } from '../model/snat/outbound-checks.ts';
import { isNatGateway, type OutboundType } from '../model/snat/outbound-type.ts';

export type { OutboundType } from '../model/snat/outbound-type.ts';
export { idleTimeoutRule, validateSnatInput, type SnatPlanInput, type SnatValidateOptions } from '../model/snat/outbound-checks.ts';

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

