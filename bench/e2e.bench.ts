/**
 * End to end: `cnisim run` on the default scenario (scenarios/overlay-vs-flat.yaml: five networking models, one
 * simulated day) and on scenarios/full-scale.yaml (5,000 nodes × 250 pods under Overlay, a day of churn and one
 * upgrade) and scenarios/full-week.yaml (the same cluster for a week under all five models), every registered
 * model extension attached and the time series collected, as the CLI does. Parsing
 * the YAML and writing the CSV files are outside the timing; compiling the kernel happens once, before it.
 *
 * Two figures per scenario: events per second (every simulation of the case, every model) and simulated seconds
 * per wall second (duration × number of model runs ÷ wall time).
 *
 * A scenario with more than one model run is also timed the way `cnisim run` runs it by default: its model runs on
 * a pool of worker threads (src/sweep/run-units.ts, one per core up to the number of runs), the wall time a user
 * sees (thread start-up and the results' copy back included); the case name gives the worker count.
 *
 * Quick mode runs one simulated hour, and full scale shrunk to 100 nodes; its case names say so.
 * Run alone: `npx tsx bench/run.ts --filter e2e`.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import type { Scenario } from '../src/scenario/schema/scenario.ts';
import { runScenarioOnWorkers } from '../src/sweep/run-units.ts';
import { ALL_MODELS, compiledUnitWorker, loadScenarioAt, scaledFullScale, ScenarioRunner, type CaseRun } from './scenario-cases.ts';
import { measurementsFromBench, type BenchSuite, type Measurement } from './suite.ts';

const scenarioPath = (name: string) => fileURLToPath(new URL(`../scenarios/${name}`, import.meta.url));

export const suite: BenchSuite = {
  name: 'e2e',
  async run({ quick }): Promise<Measurement[]> {
    const cases: Array<[string, Scenario, number]> = quick
      ? [
          ['overlay-vs-flat (quick: 1 simulated hour)', loadScenarioAt(scenarioPath('overlay-vs-flat.yaml'), { durationS: 3600 }), 2],
          ['full-scale (quick: 100 nodes, 1 simulated hour)', scaledFullScale(100, 3600), 2],
          ['full-week (quick: 100 nodes, 5 models, 1 simulated hour)', scaledFullScale(100, 3600, ALL_MODELS), 1],
        ]
      : [
          ['overlay-vs-flat', loadScenarioAt(scenarioPath('overlay-vs-flat.yaml')), 10],
          ['full-scale', loadScenarioAt(scenarioPath('full-scale.yaml')), 3],
          // A week of all five models: minutes of CPU, so one timed run (its time and peak memory: scaling suite).
          ['full-week', loadScenarioAt(scenarioPath('full-week.yaml')), 1],
        ];
    const runner = new ScenarioRunner();
    const out: Measurement[] = [];
    for (const [name, scenario, iterations] of cases) {
      // One untimed run first: it warms the JIT and tells how many events and simulated seconds a run covers
      // (the same every time: the run is deterministic).
      const shape: CaseRun = await runner.run(scenario);
      const bench = new Bench({ time: 0, iterations, warmupTime: 0, warmupIterations: 0, retainSamples: true, throws: true });
      bench.add(name, async () => {
        const r = await runner.run(scenario);
        if (r.events !== shape.events) throw new Error(`${name}: ${r.events} events, expected ${shape.events} (not deterministic?)`);
      });
      const workers = Math.min(shape.runs, availableParallelism());
      if (workers > 1) {
        // The same runs (these scenarios have one replicate), so the same events; the rows are checked against
        // the in-process run's.
        const rows = JSON.stringify(shape.rows);
        const kernelModule = await runner.ready();
        bench.add(`${name}, on ${workers} worker threads`, async () => {
          const r = await runScenarioOnWorkers(scenario, { workers, kernelModule, ...compiledUnitWorker() });
          if (JSON.stringify(r.rows) !== rows) throw new Error(`${name}: the worker threads' rows differ from the in-process run's`);
        });
      }
      await bench.run();
      out.push(...measurementsFromBench('e2e', bench, 'events/s', () => shape.events));
      out.push(...measurementsFromBench('e2e', bench, 'simulated s/s', () => shape.simulatedS));
    }
    return out;
  },
};
