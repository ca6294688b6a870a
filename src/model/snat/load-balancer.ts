/**
 * Resolves a `loadBalancer` design: per-node ports, either the default table (outboundPorts 0) or a fixed
 * allocation. Each node owns its ports; TCP takes a port per concurrent flow to the same (destination IP,
 * destination port), UDP one per destination IP (port-restricted cone NAT).
 * https://learn.microsoft.com/en-us/azure/load-balancer/load-balancer-outbound-connections (Constraints)
 *
 * LB port reuse timers after FIN/RST are UNCONFIRMED in the reference: every hold-down defaults to 0 and a
 * scenario may set `holdDown` per design.
 */
import { NO_HOLD_DOWN, holdDownNs, type DesignInput } from './design-input.ts';
import { LB_IDLE_TIMEOUT_DEFAULT_MIN } from './lb-manual-ports.ts';
import { NS_PER_MIN, type ResolvedDesign } from './outbound-design.ts';

export function loadBalancerDesign(d: DesignInput): ResolvedDesign {
  const idleNs = (d.idleTimeoutMin ?? LB_IDLE_TIMEOUT_DEFAULT_MIN) * NS_PER_MIN;
  return {
    name: d.name,
    outboundType: 'loadBalancer',
    inventory: 'perNode',
    fixedPortsPerNode: d.outboundPorts === 0 ? null : d.outboundPorts,
    perDestinationLimit: Number.POSITIVE_INFINITY,
    perDestinationActiveLimit: Number.POSITIVE_INFINITY,
    maxActiveConnections: Number.POSITIVE_INFINITY,
    tcpIdleTimeoutNs: idleNs,
    // The outbound rule's idle timeout covers UDP as well ("Idle UDP flows hold SNAT ports for the idle timeout",
    // troubleshoot-source-network-address-translation).
    udpIdleTimeoutNs: idleNs,
    holdDownNs: holdDownNs(d.holdDownS, NO_HOLD_DOWN),
    udpKeyedByIp: true,
  };
}
