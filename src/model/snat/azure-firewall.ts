/**
 * userDefinedRouting through Azure Firewall: the firewall SNATs to its public IPs.
 * "2,496 SNAT ports per public IP address configured per backend virtual machine scale set instance (Minimum of
 * two instances) … up to 250 public IP addresses". https://learn.microsoft.com/en-us/azure/firewall/integrate-with-nat-gateway
 */
import type { IdleTimeoutRule } from './outbound-type.ts';

const FIREWALL = 'https://learn.microsoft.com/en-us/azure/firewall/integrate-with-nat-gateway';

export const FIREWALL_PORTS_PER_IP_PER_INSTANCE = 2_496;
export const FIREWALL_MIN_INSTANCES = 2;
export const FIREWALL_IPS_MIN = 1;
export const FIREWALL_IPS_MAX = 250;
export const FIREWALL_IPS_RULE = `Azure Firewall has 1..250 public IPs (${FIREWALL})`;
/**
 * The firewall's TCP idle timeout is not in the reference: UNCONFIRMED. cnisim defaults it to 4 minutes (the
 * plain Azure networking default) and accepts 4..120 like the NAT gateway; a scenario sets it per design.
 */
export const FIREWALL_IDLE_TIMEOUT_RULE: IdleTimeoutRule = {
  defaultMin: 4,
  minMin: 4,
  maxMin: 120,
  rule: 'Azure Firewall idle timeout range is UNCONFIRMED; cnisim accepts 4..120 minutes',
};

/** The firewall's SNAT inventory: 2,496 × IPs × instances, shared by every node routed through it. */
export function firewallTotalPorts(ips: number, instances = FIREWALL_MIN_INSTANCES): number {
  return FIREWALL_PORTS_PER_IP_PER_INSTANCE * ips * Math.max(instances, FIREWALL_MIN_INSTANCES);
}
export const FIREWALL_SOURCE = FIREWALL;
