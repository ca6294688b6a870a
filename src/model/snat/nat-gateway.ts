/**
 * Azure NAT Gateway constants (managedNATGateway, userAssignedNATGateway): ports are not preallocated per node
 * but drawn on demand from one inventory shared by the whole subnet.
 * https://learn.microsoft.com/en-us/azure/nat-gateway/nat-gateway-resource (ms.date 2023-07-10)
 */
import { NS_PER_S } from '../../sim/time.ts';
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
