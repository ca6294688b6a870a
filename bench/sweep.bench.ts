import { Bench } from 'tinybench';
import { createCasePool } from '../src/sweep/run-sweep.ts';
import { loadSweepKernel } from '../src/sweep/sweep-kernel.ts';
import { planSweep } from '../src/sweep/sweep-plan.ts';
import { measurementsFromBench, type BenchSuite, type Measurement } from './suite.ts';

/**
 * Sweep throughput in cases per second with 1 and 2 worker threads, on the small cases of
 * scenarios/sweeps/ip-exhaustion.yaml (one hour of a packed 10-node pool under five networking models). The pools are started and warmed up before timing, so thread start-up is not counted; each
 * iteration runs the same cases, so both worker counts do identical work. Scaling efficiency = rate(2) ÷
 * (2 × rate(1)).
 */
export const suite: BenchSuite = {
  name: 'sweep',
  async run({ quick }): Promise<Measurement[]> {
    const plan = planSweep('scenarios/sweeps/ip-exhaustion.yaml');
    const context = { input: plan.input, fileName: plan.fileName, grid: plan.grid, resultColumns: plan.resultColumns, kernelModule: await loadSweepKernel() };
    const cases = quick ? 12 : 48;
    // The 12 smallest cases (10 nodes; every maxPods and subnet), repeated: equal-sized work, so the measure is the
    // pool's scaling, not the tail of one large case finishing last.
    const indexes = Array.from({ length: cases }, (_, k) => k % 12);
    const bench = new Bench({ time: 0, iterations: quick ? 2 : 5, warmupIterations: 1, retainSamples: true });
    const pools = [1, 2].map((workers) => ({ workers, pool: createCasePool(context, workers) }));
    try {
      for (const { workers, pool } of pools) {
        bench.add(`${workers} worker${workers === 1 ? '' : 's'}`, async () => {
          await Promise.all(indexes.map((index) => pool.run({ index })));
        });
      }
      await bench.run();
    } finally {
      for (const { pool } of pools) await pool.destroy();
    }
    return measurementsFromBench('sweep', bench, 'cases/s', () => cases);
  },
};
