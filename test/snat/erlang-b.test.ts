import { describe, expect, it } from 'vitest';
import { loadBalancerDesign } from '../../src/model/snat/load-balancer.ts';
import type { ResolvedDesign } from '../../src/model/snat/outbound-design.ts';
import { PROTO_TCP, SnatEngine } from '../../src/model/snat/snat-engine.ts';
import { TrafficDriver } from '../../src/model/traffic/traffic-driver.ts';
import type { DurationModel, TrafficWorkload } from '../../src/model/traffic/traffic-spec.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { FakeCluster } from '../traffic/fake-cluster.ts';

/** Erlang B blocking probability for offered load `a` Erlangs on `c` servers, by the stable recursion. */
function erlangB(a: number, c: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

// Two-sided 99% Student t quantile for 9 degrees of freedom (10 replicates).
const T_995_DF9 = 3.2498;
const REPLICATES = 10;

function workload(ratePerS: number, duration: DurationModel): TrafficWorkload {
  return {
    name: 'hot',
    poolIndex: -1,
    rateSteps: [{ atNs: 0, ratePerPodPerS: ratePerS }],
    destinations: [{ kind: 'external', ip: 0xcb00710a, port: 5432, protocol: 'tcp', weight: 1 }],
    duration,
    closeWeights: [1, 0, 0, 0],
    keepAliveNs: null,
  };
}

/** One node, one pod, one hot destination: a loss system with `design`'s ports as servers. Returns the loss ratio. */
function lossRatio(design: ResolvedDesign, ratePerS: number, duration: DurationModel, replicate: number, runS: number): number {
  const sim = new Simulation();
  const cluster = new FakeCluster();
  const engine = new SnatEngine(sim, design, [PROTO_TCP]);
  const traffic = new TrafficDriver(sim, cluster, engine, {
    seed: 11,
    replicate,
    workloads: [workload(ratePerS, duration)],
    destKeys: [[0]],
    daemonsetPodsPerNode: 0,
  });
  traffic.start();
  const node = cluster.addNode(0);
  cluster.setPods(0, node, 1);
  sim.run(runS * 1e9);
  expect(engine.attempts).toBe(traffic.attempts);
  return engine.failures / engine.attempts;
}

const manualPorts = (c: number) =>
  loadBalancerDesign({ name: `lb-${c}`, outboundType: 'loadBalancer', outboundIps: 1, outboundPorts: c, idleTimeoutMin: null, firewallInstances: 2, holdDownS: {} });

const shared = (c: number): ResolvedDesign => ({ ...manualPorts(8), name: `shared-${c}`, inventory: 'shared', fixedPortsPerNode: null, perDestinationLimit: c, perDestinationActiveLimit: c });

describe('SNAT ports as an Erlang loss system (M/G/c/c)', () => {
  // Rarer losses need longer runs for the same relative precision.
  const cases: Array<{ label: string; design: ResolvedDesign; c: number; a: number; duration: DurationModel; runS: number }> = [
    { label: 'light: 3 Erlangs on 8 LB ports, exponential', design: manualPorts(8), c: 8, a: 3, duration: { kind: 'exponential', meanS: 1 }, runS: 12_000 },
    { label: 'medium: 8 Erlangs on 8 LB ports, exponential', design: manualPorts(8), c: 8, a: 8, duration: { kind: 'exponential', meanS: 1 }, runS: 4_000 },
    { label: 'heavy: 24 Erlangs on 16 LB ports, exponential', design: manualPorts(16), c: 16, a: 24, duration: { kind: 'exponential', meanS: 1 }, runS: 1_500 },
    { label: 'medium: 12 Erlangs on 16 LB ports, fixed duration (insensitivity)', design: manualPorts(16), c: 16, a: 12, duration: { kind: 'fixed', valueS: 2 }, runS: 4_000 },
    { label: 'medium: 6 Erlangs on a shared inventory of 8, exponential', design: shared(8), c: 8, a: 6, duration: { kind: 'exponential', meanS: 1 }, runS: 4_000 },
  ];
  for (const k of cases) {
    it(`${k.label}: simulated loss within the 99% CI of Erlang B`, () => {
      const meanHoldS = k.duration.kind === 'fixed' ? k.duration.valueS : k.duration.kind === 'exponential' ? k.duration.meanS : k.duration.meanS;
      const rate = k.a / meanHoldS;
      const ratios = Array.from({ length: REPLICATES }, (_v, r) => lossRatio(k.design, rate, k.duration, r, k.runS));
      const mean = ratios.reduce((x, y) => x + y, 0) / REPLICATES;
      const variance = ratios.reduce((x, y) => x + (y - mean) ** 2, 0) / (REPLICATES - 1);
      const halfWidth = (T_995_DF9 * Math.sqrt(variance)) / Math.sqrt(REPLICATES);
      const expected = erlangB(k.a, k.c);
      expect(Math.abs(mean - expected)).toBeLessThanOrEqual(halfWidth);
      // The interval is tight enough to mean something: under 10% of the value it brackets.
      expect(halfWidth).toBeLessThan(0.1 * expected);
    });
  }

  it('the Erlang B recursion matches tabulated values', () => {
    expect(erlangB(8, 8)).toBeCloseTo(0.2356, 4);
    expect(erlangB(3, 8)).toBeCloseTo(0.0081, 4);
  });
});
