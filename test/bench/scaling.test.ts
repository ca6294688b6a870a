import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scaledFullScale } from '../../bench/scenario-cases.ts';
import { growthExponent } from '../../bench/scaling.bench.ts';
import { parseScenarioText } from '../../src/scenario/load.ts';

describe('scaling suite', () => {
  it('fits the exponent of a power law exactly', () => {
    const xs = [100, 500, 1000, 5000];
    expect(growthExponent(xs, xs.map((x) => 3 * x * x))).toBeCloseTo(2, 12);
    expect(growthExponent(xs, xs.map((x) => 0.5 * x))).toBeCloseTo(1, 12);
    expect(growthExponent(xs, xs.map((x) => 7 * x * Math.log(x)))).toBeGreaterThan(1);
  });

  it('at 5,000 nodes runs exactly scenarios/full-scale.yaml (cluster, workload, network, duration)', () => {
    const file = parseScenarioText(readFileSync('scenarios/full-scale.yaml', 'utf8'), 'full-scale.yaml');
    const scaled = scaledFullScale(5000);
    expect(scaled.cluster).toEqual(file.cluster);
    expect(scaled.workload).toEqual(file.workload);
    expect(scaled.network).toEqual(file.network);
    expect(scaled.assumptions).toEqual(file.assumptions);
    expect([scaled.durationS, scaled.cni, scaled.seed]).toEqual([file.durationS, file.cni, file.seed]);
  });

  it('keeps 250 pods per node and the 1% surge at every size', () => {
    for (const nodes of [100, 500, 1000]) {
      const s = scaledFullScale(nodes);
      const counts = s.cluster.pools.map((p) => p.count);
      const first = counts[0] as number;
      const steady = counts.reduce((a, b) => a + b, 0);
      expect(steady + Math.ceil(first * 0.01)).toBe(nodes);
      expect(s.workload.deployments[0]?.replicas).toBe(steady * 250);
    }
  });
});
