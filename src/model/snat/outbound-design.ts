import { CLOSE_CODES } from '../traffic/close-type.ts';
import type { OutboundType } from './outbound-type.ts';

/**
 * An outbound design resolved into what the port ledger needs: where ports live, how many a flow may take
 * toward one destination, and how long closed flows keep them. Built by one function per outbound type
 * (lb-design.ts, nat-gateway-design.ts, firewall-design.ts).
 */
export interface ResolvedDesign {
  readonly name: string;
  readonly outboundType: OutboundType;
  /**
   * perNode: each node owns its ports (Load Balancer); a flow fails when its node already holds
   * `portsPerNode` ports toward the destination. shared: one inventory for the cluster (NAT gateway, firewall);
   * a flow fails when the gateway holds `perDestinationLimit` ports toward the destination (in use or in
   * hold-down), when `perDestinationActiveLimit` flows toward it are open, or when `maxActiveConnections` flows
   * are open in all.
   */
  readonly inventory: 'perNode' | 'shared';
  /** Load Balancer: fixed allocation (manual ports), or null to follow the default table by backend pool size. */
  readonly fixedPortsPerNode: number | null;
  readonly perDestinationLimit: number;
  readonly perDestinationActiveLimit: number;
  readonly maxActiveConnections: number;
  /** TCP idle timeout: an idle-close flow holds its port this long after its last packet. */
  readonly tcpIdleTimeoutNs: number;
  readonly udpIdleTimeoutNs: number;
  /** Hold-down after the flow ends, by close code (see close-type.ts). */
  readonly holdDownNs: Float64Array;
  /** UDP takes one port per destination IP (port-restricted cone NAT, LB); otherwise per IP:port. */
  readonly udpKeyedByIp: boolean;
}

/** Hold-down table indexed by close code. */
export function holdDownTable(byCode: { fin: number; rst: number; idle: number; halfOpen: number; udp: number }): Float64Array {
  const t = new Float64Array(CLOSE_CODES);
  t.set([byCode.fin, byCode.rst, byCode.idle, byCode.halfOpen, byCode.udp]);
  return t;
}

export const NS_PER_MIN = 60_000_000_000;
