import { afterEach, describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario/load.ts';
import { runScenarioCase } from '../../src/scenario/run.ts';
import { formatCount } from '../../src/scenario/work-budget.ts';
import { estimateWork } from '../../src/scenario/work-estimate.ts';
import { Simulation } from '../../src/sim/simulation.ts';

/** Counts the events every simulation dispatches, by wrapping Simulation.run for the test's duration. */
const originalRun = Simulation.prototype.run;
let dispatched = 0;
function countEvents(): void {
  dispatched = 0;
  Simulation.prototype.run = function run(this: Simulation, untilNs: number): number {
    const n = originalRun.call(this, untilNs);
    dispatched += n;
    return n;
  };
}
afterEach(() => {
  Simulation.prototype.run = originalRun;
});

const POOLS = 'cluster:\n  pools:\n    - { name: user, count: 4, maxPods: 60, autoscale: { minCount: 4, maxCount: 12 } }\n';
const SCENARIOS: Array<[string, string]> = [
  ['churn and a diurnal swing', `name: a\ndurationS: 7200\nsampleIntervalS: 60\ncni: [overlay, node-subnet]\nnetwork: { nodeSubnet: 10.224.0.0/22 }\n${POOLS}workload:\n  tickS: 30\n  deployments:\n    - { name: web, replicas: 100, churn: { restartsPerPodHour: 6 }, schedule: [{ kind: diurnal, periodS: 3600, min: 50, max: 400 }] }\n`],
  ['an upgrade and a scale event', `name: b\ndurationS: 3600\n${POOLS}  upgrades: [{ atS: 600 }]\n  scaleEvents: [{ atS: 1800, pool: user, count: 8 }]\nworkload:\n  deployments: [{ name: web, replicas: 150 }]\n`],
];

describe('the work estimate', () => {
  it.each(SCENARIOS)('errs high, within 20×, against the events a run dispatches: %s', async (_label, text) => {
    const s = parseScenarioText(text, 'e.yaml');
    const e = estimateWork(s);
    countEvents();
    await runScenarioCase(s, { seed: 1, replicate: 0 });
    const estimated = e.eventsPerRun * e.runsPerReplicate * e.replicates;
    expect(dispatched).toBeGreaterThan(0);
    expect(estimated).toBeGreaterThanOrEqual(dispatched);
    expect(estimated).toBeLessThanOrEqual(20 * dispatched);
  });

  it('names the field that drives it first, with the arithmetic', () => {
    const s = parseScenarioText(`name: c\ndurationS: 604800\nsampleIntervalS: 0.01\n${POOLS}`, 'c.yaml');
    const top = estimateWork(s).drivers[0];
    expect(top).toEqual({ field: 'sampleIntervalS', value: '0.01', events: 60_480_001, how: '604,800 s ÷ 0.01 s samples' });
  });

  it.each([
    [86_400, '86,400'],
    [999_999, '999,999'],
    [1e6, '10⁶'],
    [6e11, '6×10¹¹'],
    [3.6e12, '3.6×10¹²'],
    [9.96e9, '10¹⁰'],
    [Infinity, 'unbounded'],
  ])('writes %d as %s', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });
});

describe('progress slices', () => {
  it('change nothing: a run reported in slices gives the same rows as one in a piece', async () => {
    const s = parseScenarioText(SCENARIOS[0]?.[1] ?? '', 'a.yaml');
    const whole = await runScenarioCase(s, { seed: 3, replicate: 0, timeseries: true });
    const seen: number[] = [];
    const sliced = await runScenarioCase(s, { seed: 3, replicate: 0, timeseries: true, onProgress: (doneNs) => seen.push(doneNs) });
    expect(sliced.rows).toEqual(whole.rows);
    expect(sliced.timeseries).toEqual(whole.timeseries);
    // 100 slices per model run, two models, each ending at the run's duration.
    expect(seen.length).toBe(200);
    expect(seen.filter((t) => t === 7200e9).length).toBe(2);
  });
});
