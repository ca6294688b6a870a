import { describe, expect, it } from 'vitest';
import { loadBalancerDesign } from '../../src/model/snat/load-balancer.ts';
import { natGatewayDesign } from '../../src/model/snat/nat-gateway.ts';
import { PROTO_TCP, SnatEngine } from '../../src/model/snat/snat-engine.ts';
import { CLOSE_FIN } from '../../src/model/traffic/close-type.ts';
import { planSnat } from '../../src/plan/snat.ts';
import { Simulation } from '../../src/sim/simulation.ts';

const HOUR_NS = 3600e9;

/** Concurrent long flows node 0 can open toward one destination before the first refusal. */
function concurrentCapacity(engine: SnatEngine, limit: number): number {
  let n = 0;
  while (n <= limit && engine.open(0, 0, HOUR_NS, CLOSE_FIN)) n++;
  return n;
}

describe('the closed-form planner and the simulated port ledger agree', () => {
  it.each([1, 48, 50, 51, 100, 101, 200, 201, 400, 401, 800, 801, 1000])('LB default table at %i nodes', (nodes) => {
    const plan = planSnat({ outboundType: 'loadBalancer', outboundIps: 1, outboundPorts: 0, idleTimeoutMin: null, nodes, effectiveNodes: nodes });
    const engine = new SnatEngine(
      new Simulation(),
      loadBalancerDesign({ name: 'lb', outboundType: 'loadBalancer', outboundIps: 1, outboundPorts: 0, idleTimeoutMin: null, firewallInstances: 2, holdDownS: {} }),
      [PROTO_TCP],
    );
    engine.setBackendPoolSize(nodes);
    expect(concurrentCapacity(engine, 2000)).toBe(plan.portsPerNode);
  });

  it.each([8, 1000, 4000])('LB manual %i ports', (ports) => {
    const plan = planSnat({ outboundType: 'loadBalancer', outboundIps: 2, outboundPorts: ports, idleTimeoutMin: null, nodes: 10, effectiveNodes: 10 });
    const engine = new SnatEngine(
      new Simulation(),
      loadBalancerDesign({ name: 'lb', outboundType: 'loadBalancer', outboundIps: 2, outboundPorts: ports, idleTimeoutMin: null, firewallInstances: 2, holdDownS: {} }),
      [PROTO_TCP],
    );
    engine.setBackendPoolSize(10);
    expect(concurrentCapacity(engine, 5000)).toBe(plan.portsPerNode);
  });

  it('NAT gateway with 1 IP: 50,000 open flows toward one destination, from any mix of nodes', () => {
    const engine = new SnatEngine(
      new Simulation(),
      natGatewayDesign({ name: 'nat', outboundType: 'managedNATGateway', outboundIps: 1, outboundPorts: 0, idleTimeoutMin: null, firewallInstances: 2, holdDownS: {} }),
      [PROTO_TCP],
    );
    let n = 0;
    while (n <= 60_000 && engine.open(n % 7, 0, HOUR_NS, CLOSE_FIN)) n++;
    expect(n).toBe(50_000);
    expect(planSnat({ outboundType: 'managedNATGateway', outboundIps: 1, outboundPorts: 0, idleTimeoutMin: null, nodes: 7, effectiveNodes: 7 }).totalPorts).toBe(64_512);
  });
});
