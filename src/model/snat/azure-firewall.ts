/**
 * userDefinedRouting through Azure Firewall: the firewall SNATs to its public IPs.
 * "2,496 SNAT ports per public IP address configured per backend virtual machine scale set instance (Minimum of
 * two instances) … up to 250 public IP addresses". https://learn.microsoft.com/en-us/azure/firewall/integrate-with-nat-gateway
 */
import { NO_HOLD_DOWN, holdDownNs, type DesignInput } from './design-input.ts';
import { NS_PER_MIN, type ResolvedDesign } from './outbound-design.ts';
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

/**
 * Resolves a userDefinedRouting design through Azure Firewall as one shared inventory of 2,496 × IPs × instances
 * ports. The firewall spreads flows over its instances; cnisim pools them (a simplification). Hold-down timers
 * are UNCONFIRMED: 0 unless the scenario sets them.
 */
export function firewallDesign(d: DesignInput): ResolvedDesign {
  const idleNs = (d.idleTimeoutMin ?? FIREWALL_IDLE_TIMEOUT_RULE.defaultMin) * NS_PER_MIN;
  return {
    name: d.name,
    outboundType: 'userDefinedRouting',
    inventory: 'shared',
    fixedPortsPerNode: null,
    perDestinationLimit: firewallTotalPorts(d.outboundIps, d.firewallInstances),
    perDestinationActiveLimit: Number.POSITIVE_INFINITY,
    maxActiveConnections: Number.POSITIVE_INFINITY,
    tcpIdleTimeoutNs: idleNs,
    udpIdleTimeoutNs: idleNs,
    holdDownNs: holdDownNs(d.holdDownS, NO_HOLD_DOWN),
    udpKeyedByIp: false,
  };
}
