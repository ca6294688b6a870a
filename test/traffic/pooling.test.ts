import { describe, expect, it } from 'vitest';
import { loadBalancerDesign } from '../../src/model/snat/load-balancer.ts';
import { PROTO_TCP, SnatEngine } from '../../src/model/snat/snat-engine.ts';
import { TrafficDriver } from '../../src/model/traffic/traffic-driver.ts';
import type { TrafficWorkload } from '../../src/model/traffic/traffic-spec.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { FakeCluster } from './fake-cluster.ts';

const S = 1e9;

function run(keepAliveS: number, ratePerS: number, runS: number, stopAtS = runS) {
  const sim = new Simulation();
  const cluster = new FakeCluster();
  const design = loadBalancerDesign({ name: 'lb', outboundType: 'loadBalancer', outboundIps: 1, outboundPorts: 64_000, idleTimeoutMin: null, firewallInstances: 2, holdDownS: {} });
  const engine = new SnatEngine(sim, design, [PROTO_TCP]);
  const w: TrafficWorkload = {
    name: 'pooled',
    poolIndex: -1,
    rateSteps: [
      { atNs: 0, ratePerPodPerS: ratePerS },
      { atNs: stopAtS * S, ratePerPodPerS: 0 },
    ],
    destinations: [{ kind: 'external', ip: 0xcb00710a, port: 5432, protocol: 'tcp', weight: 1 }],
    duration: { kind: 'exponential', meanS: 1 },
    closeWeights: [1, 0, 0, 0],
    keepAliveNs: keepAliveS * S,
  };
  const requests: Array<[number, number]> = [];
  const traffic = new TrafficDriver(sim, cluster, engine, {
    seed: 9,
    replicate: 0,
    workloads: [w],
    destKeys: [[0]],
    daemonsetPodsPerNode: 0,
    hook: (t, _w, _n, _d, durationNs) => requests.push([t, t + durationNs]),
  });
  traffic.start();
  cluster.setPods(0, cluster.addNode(0), 1);
  sim.run(runS * S);
  return { engine, traffic, requests };
}

/** Most requests in flight at once (ends sort before starts at the same instant, as a finished request frees first). */
function maxConcurrency(intervals: ReadonlyArray<[number, number]>): number {
  const edges = intervals.flatMap(([a, b]) => [[a, 1] as const, [b, -1] as const]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let now = 0;
  let peak = 0;
  for (const [, d] of edges) peak = Math.max(peak, (now += d));
  return peak;
}

describe('connection pooling', () => {
  it('with a keep-alive longer than the run, connections opened = peak requests in flight, and all stay bound', () => {
    const { engine, traffic, requests } = run(100_000, 5, 2000);
    expect(traffic.requests).toBe(requests.length);
    expect(traffic.attempts + traffic.requestsPooled).toBe(traffic.requests);
    expect(traffic.attempts).toBe(maxConcurrency(requests));
    expect(traffic.requestsPooled).toBeGreaterThan(0.99 * traffic.requests);
    expect([engine.attempts, engine.nodePortsNow(0), engine.failures]).toEqual([traffic.attempts, traffic.attempts, 0]);
  });

  it('with a keep-alive far shorter than the gaps between requests, every request opens a connection and ports come back', () => {
    const { engine, traffic } = run(0.001, 0.01, 100_000);
    expect(traffic.requestsPooled).toBeLessThan(0.01 * traffic.requests);
    expect(traffic.attempts).toBeGreaterThan(900);
    expect(engine.active).toBeLessThanOrEqual(1);
  });

  it('idle connections close with FIN after the keep-alive and free their ports', () => {
    // Requests stop at 5,000 s; by 5,100 s every request has ended and every idle connection has aged out.
    const { engine, traffic } = run(30, 0.2, 5100, 5000);
    // A 30 s keep-alive bridges most gaps between requests (mean 5 s).
    expect(traffic.requestsPooled).toBeGreaterThan(0.8 * traffic.requests);
    expect(traffic.attempts).toBeGreaterThan(1);
    expect(engine.nodePortsPeak).toBeGreaterThan(0);
    expect([engine.active, engine.nodePortsNow(0), engine.portsInUseTotal]).toEqual([0, 0, 0]);
  });
});
