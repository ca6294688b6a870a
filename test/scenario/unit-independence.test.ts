import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import { caseUnits, runScenarioUnit } from '../../src/scenario/run-unit.ts';
import { runScenarioCase } from '../../src/scenario/run.ts';
import type { Scenario } from '../../src/scenario/schema/scenario.ts';

/**
 * What lets `cnisim run --workers` run model runs on any thread in any order: a model run (one networking model
 * and variant) shares nothing mutable with the others. It never writes to the scenario, and run alone it gives
 * what it gives inside the whole case, after the runs that come before it.
 */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// SNAT outbound designs (three), and datapath variants under two models (two × nine); shortened to keep the test quick.
const SNAT: Scenario = deepFreeze({ ...loadScenarioFile('scenarios/snat-exhaustion.yaml'), durationS: 600 });
const DATAPATH: Scenario = deepFreeze({ ...loadScenarioFile('scenarios/mtu-overhead.yaml'), cni: ['overlay', 'kubenet'], durationS: 60 });

describe('model runs are independent', () => {
  it.each([
    ['snat-exhaustion', SNAT, 3],
    ['mtu-overhead under two models', DATAPATH, 18],
  ])('%s: each run alone, last first, gives its rows of the whole case; the frozen scenario is never written', async (_name, scenario, count) => {
    const opts = { seed: scenario.seed, replicate: 1, timeseries: true };
    const whole = await runScenarioCase(scenario, opts);
    const units = caseUnits(scenario);
    expect(units).toHaveLength(count);
    const alone = [];
    for (let i = units.length - 1; i >= 0; i--) alone[i] = await runScenarioUnit(scenario, units[i] as (typeof units)[number], opts);
    expect(alone.map((u) => u.row)).toEqual(whole.rows);
    expect(alone.flatMap((u) => u.timeseries)).toEqual(whole.timeseries);
    expect(alone.flatMap((u) => u.exhaustions)).toEqual(whole.exhaustions);
    expect(alone.flatMap((u) => u.episodes)).toEqual(whole.episodes);
  });
});
