import { describe, expect, it } from 'vitest';
import { ArrivalProcess } from '../../src/model/traffic/arrival-process.ts';
import type { TrafficWorkload } from '../../src/model/traffic/traffic-spec.ts';
import { Simulation } from '../../src/sim/simulation.ts';

const S = 1e9;

function workload(steps: TrafficWorkload['rateSteps']): TrafficWorkload {
  return {
    name: 'w',
    poolIndex: -1,
    rateSteps: steps,
    destinations: [{ kind: 'service', ip: 0, port: 0, protocol: 'tcp', weight: 1 }],
    duration: { kind: 'fixed', valueS: 1 },
    closeWeights: [1, 0, 0, 0],
    keepAliveNs: null,
  };
}

/** Poisson counts: |observed − expected| within 4 standard deviations (√expected). */
function expectPoisson(observed: number, expected: number): void {
  expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt(expected));
}

describe('aggregated Poisson arrivals', () => {
  it('each node receives rate × its pods; nodes without pods receive none', () => {
    const sim = new Simulation();
    const counts = [0, 0, 0, 0];
    const p = new ArrivalProcess(sim, 3, 0, workload([{ atNs: 0, ratePerPodPerS: 2 }]), (n) => {
      counts[n] = (counts[n] ?? 0) + 1;
    });
    p.start();
    [1, 5, 0, 14].forEach((pods, node) => p.setPods(node, pods));
    sim.run(1000 * S);
    expect(counts[2]).toBe(0);
    expectPoisson(counts[0] ?? 0, 2 * 1 * 1000);
    expectPoisson(counts[1] ?? 0, 2 * 5 * 1000);
    expectPoisson(counts[3] ?? 0, 2 * 14 * 1000);
  });

  it('follows rate steps and pod changes over time', () => {
    const sim = new Simulation();
    const times: number[] = [];
    const p = new ArrivalProcess(
      sim,
      4,
      0,
      workload([
        { atNs: 0, ratePerPodPerS: 1 },
        { atNs: 1000 * S, ratePerPodPerS: 0 },
        { atNs: 2000 * S, ratePerPodPerS: 3 },
      ]),
      () => times.push(sim.now),
    );
    p.start();
    p.setPods(0, 10);
    const h = sim.register('scale', () => p.setPods(1, 10));
    sim.scheduleAt(2500 * S, h);
    sim.run(3000 * S);
    const inRange = (a: number, b: number) => times.filter((t) => t >= a * S && t < b * S).length;
    expectPoisson(inRange(0, 1000), 10_000);
    expect(inRange(1000, 2000)).toBe(0);
    expectPoisson(inRange(2000, 2500), 15_000);
    expectPoisson(inRange(2500, 3000), 30_000);
  });

  it('inter-arrival times are exponential: coefficient of variation ≈ 1', () => {
    const sim = new Simulation();
    const times: number[] = [];
    const p = new ArrivalProcess(sim, 5, 0, workload([{ atNs: 0, ratePerPodPerS: 1 }]), () => times.push(sim.now));
    p.start();
    p.setPods(0, 4);
    sim.run(20_000 * S);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / (gaps.length - 1));
    expect(mean / S).toBeCloseTo(0.25, 2);
    expect(sd / mean).toBeGreaterThan(0.97);
    expect(sd / mean).toBeLessThan(1.03);
  });
});
