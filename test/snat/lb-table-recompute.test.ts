import { describe, expect, it } from 'vitest';
import { loadBalancerDesign } from '../../src/model/snat/load-balancer.ts';
import { PROTO_TCP, SnatEngine } from '../../src/model/snat/snat-engine.ts';
import { CLOSE_FIN } from '../../src/model/traffic/close-type.ts';
import { TrafficDriver } from '../../src/model/traffic/traffic-driver.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { FakeCluster } from '../traffic/fake-cluster.ts';

const HOUR_NS = 3600e9;

function setup(outboundPorts = 0) {
  const sim = new Simulation();
  const cluster = new FakeCluster();
  const design = loadBalancerDesign({ name: 'lb', outboundType: 'loadBalancer', outboundIps: 1, outboundPorts, idleTimeoutMin: null, firewallInstances: 2, holdDownS: {} });
  const engine = new SnatEngine(sim, design, [PROTO_TCP]);
  // No workloads: the driver only relays the backend pool size and node removals to the engine.
  new TrafficDriver(sim, cluster, engine, { seed: 1, replicate: 0, workloads: [], destKeys: [], daemonsetPodsPerNode: 0 }).start();
  return { sim, cluster, engine };
}

describe('Load Balancer default table recomputed as the backend pool changes', () => {
  it('50 → 51 nodes cuts every node from 1,024 to 512 ports; existing flows above the new share block new ones', () => {
    const { cluster, engine } = setup();
    for (let i = 0; i < 50; i++) cluster.addNode(0);
    expect(engine.portsPerNode).toBe(1024);
    let opened = 0;
    for (let i = 0; i < 600; i++) if (engine.open(0, 0, HOUR_NS, CLOSE_FIN)) opened++;
    expect(opened).toBe(600);
    expect(engine.canOpen(0, 0)).toBe(true);

    cluster.addNode(0);
    expect([engine.portsPerNode, engine.tableRecomputes, engine.minPortsPerNode]).toEqual([512, 1, 512]);
    expect(engine.open(0, 0, HOUR_NS, CLOSE_FIN)).toBe(false);
    expect(engine.open(1, 0, HOUR_NS, CLOSE_FIN)).toBe(true);
    expect(engine.firstFailureNs).toBe(0);

    cluster.removeNode(0, 50);
    expect([engine.portsPerNode, engine.tableRecomputes]).toEqual([1024, 2]);
    expect(engine.open(0, 0, HOUR_NS, CLOSE_FIN)).toBe(true);
  });

  it('walks every row of the table as the pool grows to 1,000', () => {
    const { cluster, engine } = setup();
    const seen: number[] = [];
    for (let i = 0; i < 1000; i++) {
      cluster.addNode(0);
      if (seen.at(-1) !== engine.portsPerNode) seen.push(engine.portsPerNode);
    }
    expect(seen).toEqual([1024, 512, 256, 128, 64, 32]);
    expect(engine.tableRecomputes).toBe(5);
  });

  it('manual allocation ignores the pool size', () => {
    const { cluster, engine } = setup(4000);
    for (let i = 0; i < 120; i++) cluster.addNode(0);
    expect([engine.portsPerNode, engine.tableRecomputes]).toEqual([4000, 0]);
  });

  it('a removed node takes its ports with it; its pending closes are ignored', () => {
    const { sim, cluster, engine } = setup();
    const a = cluster.addNode(0);
    const b = cluster.addNode(0);
    for (let i = 0; i < 10; i++) engine.open(a, 0, 1e9, CLOSE_FIN);
    for (let i = 0; i < 4; i++) engine.open(b, 0, 1e9, CLOSE_FIN);
    expect([engine.portsInUseTotal, engine.nodePortsNow(a), engine.active]).toEqual([14, 10, 14]);
    cluster.removeNode(0, a);
    expect([engine.portsInUseTotal, engine.nodePortsNow(a), engine.active]).toEqual([4, 0, 4]);
    sim.run(2e9);
    expect([engine.portsInUseTotal, engine.active, engine.nodePortsPeak, engine.totalPortsPeak]).toEqual([0, 0, 10, 14]);
  });
});
