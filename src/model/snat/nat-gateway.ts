/**
 * Azure NAT Gateway constants (managedNATGateway, userAssignedNATGateway): ports are not preallocated per node
 * but drawn on demand from one inventory shared by the whole subnet.
 * https://learn.microsoft.com/en-us/azure/nat-gateway/nat-gateway-resource (ms.date 2023-07-10)
 */
import { NS_PER_S } from '../../sim/time.ts';
import { holdDownNs, type DesignInput } from './design-input.ts';
import { NS_PER_MIN, type ResolvedDesign } from './outbound-design.ts';
import type { IdleTimeoutRule } from './outbound-type.ts';

const NAT_RESOURCE = 'https://learn.microsoft.com/en-us/azure/nat-gateway/nat-gateway-resource';

// "Each NAT gateway public IP address provides 64,512 SNAT ports"; "A single NAT gateway can scale up to 16 IP
// addresses". nat-gateway-resource; AKS https://learn.microsoft.com/en-us/azure/aks/nat-gateway
export const NAT_PORTS_PER_IP = 64_512;
export const NAT_IPS_MIN = 1;
export const NAT_IPS_MAX = 16;
export const NAT_IPS_RULE = `a NAT gateway has 1..16 public IPs (${NAT_RESOURCE})`;
// "up to 50,000 concurrent connections per public IP address to the same destination endpoint". nat-gateway-resource
export const NAT_MAX_CONNECTIONS_PER_IP_PER_DESTINATION = 50_000;
// Reuse of a port toward the same destination waits after close ("subject to change"): FIN 65 s, RST 16 s,
// half-open 30 s, UDP 65 s. nat-gateway-resource
export const NAT_HOLD_DOWN_FIN_NS = 65 * NS_PER_S;
export const NAT_HOLD_DOWN_RST_NS = 16 * NS_PER_S;
export const NAT_HOLD_DOWN_HALF_OPEN_NS = 30 * NS_PER_S;
export const NAT_HOLD_DOWN_UDP_NS = 65 * NS_PER_S;
// TCP idle timeout 4..120 min, default 4; UDP fixed at 4 min. nat-gateway-resource; ARM natGatewayProfile.
export const NAT_IDLE_TIMEOUT_RULE: IdleTimeoutRule = {
  defaultMin: 4,
  minMin: 4,
  maxMin: 120,
  rule: `NAT gateway idleTimeoutInMinutes is 4..120 (${NAT_RESOURCE})`,
};
export const NAT_UDP_IDLE_TIMEOUT_MIN = 4;
export const NAT_SOURCE = NAT_RESOURCE;
// "… up to 2 million" concurrent connections in total. nat-gateway-resource
export const NAT_MAX_CONNECTIONS_TOTAL = 2_000_000;

/**
 * Resolves a NAT gateway design: one inventory shared on demand by every node. Toward one destination endpoint
 * the gateway has 64,512 ports per IP (those in hold-down included) and carries at most 50,000 open connections
 * per IP; 2M open connections in total.
 */
export function natGatewayDesign(d: DesignInput): ResolvedDesign {
  return {
    name: d.name,
    outboundType: d.outboundType,
    inventory: 'shared',
    fixedPortsPerNode: null,
    perDestinationLimit: d.outboundIps * NAT_PORTS_PER_IP,
    perDestinationActiveLimit: d.outboundIps * NAT_MAX_CONNECTIONS_PER_IP_PER_DESTINATION,
    maxActiveConnections: NAT_MAX_CONNECTIONS_TOTAL,
    tcpIdleTimeoutNs: (d.idleTimeoutMin ?? NAT_IDLE_TIMEOUT_RULE.defaultMin) * NS_PER_MIN,
    udpIdleTimeoutNs: NAT_UDP_IDLE_TIMEOUT_MIN * NS_PER_MIN,
    holdDownNs: holdDownNs(d.holdDownS, {
      fin: NAT_HOLD_DOWN_FIN_NS,
      rst: NAT_HOLD_DOWN_RST_NS,
      halfOpen: NAT_HOLD_DOWN_HALF_OPEN_NS,
      udp: NAT_HOLD_DOWN_UDP_NS,
    }),
    udpKeyedByIp: false,
  };
}
