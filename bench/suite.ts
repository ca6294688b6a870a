import type { Bench } from 'tinybench';

/** One benchmark figure: a throughput in `unit` (items per second) with its spread over the samples. */
export interface Measurement {
  readonly suite: string;
  readonly case: string;
  readonly unit: string;
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  readonly samples: number;
}

/** A file bench/<name>.bench.ts exports `suite: BenchSuite`; `npm run bench` discovers and runs them. */
export interface BenchSuite {
  readonly name: string;
  run(opts: { readonly quick: boolean }): Promise<Measurement[]>;
}

/**
 * Turns a finished tinybench run into throughput measurements. Each task iteration processes
 * `itemsPerIteration(taskName)` items (packets, events, connections), so throughput = items / latency.
 * The Bench must have been created with `retainSamples: true`. Quantiles of throughput are taken from the
 * per-sample throughputs (p25 of throughput is the slow quarter).
 */
export function measurementsFromBench(
  suite: string,
  bench: Bench,
  unit: string,
  itemsPerIteration: (taskName: string) => number,
): Measurement[] {
  const out: Measurement[] = [];
  for (const task of bench.tasks) {
    const result = task.result;
    if (result === undefined || !('latency' in result)) continue;
    const latencySamplesMs = result.latency.samples;
    if (latencySamplesMs === undefined || latencySamplesMs.length === 0) continue;
    const items = itemsPerIteration(task.name);
    const throughputs = latencySamplesMs.filter((ms) => ms > 0).map((ms) => (items * 1000) / ms);
    throughputs.sort((a, b) => a - b);
    out.push({
      suite,
      case: task.name,
      unit,
      median: quantile(throughputs, 0.5),
      p25: quantile(throughputs, 0.25),
      p75: quantile(throughputs, 0.75),
      samples: throughputs.length,
    });
  }
  return out;
}

/** Linear-interpolated quantile of an ascending array. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}
