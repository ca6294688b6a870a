import { describe, expect, it } from 'vitest';
import { loadBalancerDesign } from '../../src/model/snat/load-balancer.ts';
import { natGatewayDesign } from '../../src/model/snat/nat-gateway.ts';
import { egressPath } from '../../src/model/snat/no-snat.ts';
import { destinationKeys } from '../../src/model/snat/destination-keys.ts';
import type { TrafficDestination, TrafficWorkload } from '../../src/model/traffic/traffic-spec.ts';

const ip = 0xcb00710a;
const dest = (kind: TrafficDestination['kind'], protocol: 'tcp' | 'udp', port: number, addr = ip): TrafficDestination => ({ kind, ip: addr, port, protocol, weight: 1 });
const w = (destinations: TrafficDestination[]): TrafficWorkload => ({
  name: 'w',
  poolIndex: -1,
  rateSteps: [{ atNs: 0, ratePerPodPerS: 1 }],
  destinations,
  duration: { kind: 'fixed', valueS: 1 },
  closeWeights: [1, 0, 0, 0],
  keepAliveNs: null,
});
const base = { outboundIps: 1, outboundPorts: 0, idleTimeoutMin: null, firewallInstances: 2, holdDownS: {} };
const lb = loadBalancerDesign({ ...base, name: 'lb', outboundType: 'loadBalancer' });
const nat = natGatewayDesign({ ...base, name: 'nat', outboundType: 'managedNATGateway' });

describe('what takes a SNAT port, and toward which destination', () => {
  const dests = [
    dest('external', 'tcp', 5432),
    dest('external', 'tcp', 6379),
    dest('external', 'udp', 53),
    dest('external', 'udp', 123),
    dest('external', 'tcp', 5432, ip + 1),
    dest('service', 'tcp', 0, 0),
    dest('pod-same-node', 'tcp', 0, 0),
    dest('pod-other-node', 'tcp', 0, 0),
    dest('vnet', 'tcp', 0, 0),
  ];

  it('LB: TCP per (IP, port), UDP per IP (port-restricted cone); in-cluster and VNet destinations not SNATed', () => {
    expect(destinationKeys([w(dests)], lb, 'overlay')).toEqual({ destKeys: [[0, 1, 2, 2, 3, -1, -1, -1, -1]], keyProtocols: [0, 0, 1, 0] });
  });

  it('NAT gateway: a port per destination endpoint for both protocols', () => {
    expect(destinationKeys([w(dests)], nat, 'node-subnet').destKeys).toEqual([[0, 1, 2, 3, 4, -1, -1, -1, -1]]);
  });

  it('egress path per networking model', () => {
    expect(egressPath('external', 'pod-subnet-dynamic')).toBe('outbound-snat');
    expect(egressPath('vnet', 'overlay')).toBe('node-ip-masquerade');
    expect(egressPath('vnet', 'kubenet')).toBe('node-ip-masquerade');
    expect(egressPath('vnet', 'node-subnet')).toBe('no-snat');
    expect(egressPath('pod-other-node', 'overlay')).toBe('no-snat');
  });
});
