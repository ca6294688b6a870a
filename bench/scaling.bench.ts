/**
 * Scaling in cluster size: wall time and peak memory of the full-scale workload (250 pods per node under Overlay,
 * a simulated day of churn, one upgrade with surge; scenario-cases.ts) at 100, 500, 1,000 and 5,000 nodes.
 * Every run is a child process (scaling-child.ts), so peak memory (maxRSS) is that run's alone.
 *
 * Rows: "wall time, N nodes" (s), "peak memory, N nodes" (bytes), "events per second, N nodes", and the fitted
 * growth: the exponent k of time ∝ nodes^k by least squares on log-log over all sizes, the local exponent between
 * the two largest sizes (where fixed start-up costs matter least), and the memory added per pod between them.
 * Fitted rows have p25 = p75 = median and samples = the number of sizes used.
 *
 * Then the full-week workload along duration and number of models (see fullWeek below).
 *
 * Quick mode: 100 and 200 nodes, one simulated hour, one run each.
 * Run alone: `npx tsx bench/run.ts --filter scaling`.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ALL_MODELS } from './scenario-cases.ts';
import { quantile, type BenchSuite, type Measurement } from './suite.ts';

interface ChildResult {
  readonly nodes: number;
  readonly models: number;
  /** Null when the runs were on worker threads. */
  readonly events: number | null;
  readonly wallS: number;
  readonly cpuS: number;
  readonly maxRssBytes: number;
}

const child = fileURLToPath(new URL('./scaling-child.ts', import.meta.url));

function runChild(nodes: number, durationS: number, models: readonly string[] = ['overlay'], workers = 1): ChildResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, String(nodes), String(durationS), models.join(','), String(workers)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as ChildResult;
}

/** Least-squares slope of log(y) on log(x): the exponent k in y ∝ x^k. */
export function growthExponent(xs: readonly number[], ys: readonly number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += ((lx[i] as number) - mx) * ((ly[i] as number) - my);
    den += ((lx[i] as number) - mx) ** 2;
  }
  return num / den;
}

function stat(suite: string, name: string, unit: string, values: readonly number[]): Measurement {
  const sorted = [...values].sort((a, b) => a - b);
  return { suite, case: name, unit, median: quantile(sorted, 0.5), p25: quantile(sorted, 0.25), p75: quantile(sorted, 0.75), samples: sorted.length };
}

function fitted(name: string, unit: string, value: number, samples: number): Measurement {
  return { suite: 'scaling', case: name, unit, median: value, p25: value, p75: value, samples };
}

export const suite: BenchSuite = {
  name: 'scaling',
  async run({ quick }): Promise<Measurement[]> {
    const sizes = quick ? [100, 200] : [100, 500, 1000, 5000];
    const durationS = quick ? 3600 : 86400;
    const reps = quick ? 1 : 3;
    const results = new Map<number, ChildResult[]>(sizes.map((n) => [n, []]));
    // Sizes interleave across repetitions, so drift in machine load spreads over all of them.
    for (let r = 0; r < reps; r++) for (const n of sizes) results.get(n)?.push(runChild(n, durationS));
    const out: Measurement[] = [];
    const medianWall: number[] = [];
    const medianRss: number[] = [];
    for (const n of sizes) {
      const rs = results.get(n) ?? [];
      const label = `${n.toLocaleString('en-US')} nodes${quick ? ' (quick: 1 simulated hour)' : ''}`;
      const wall = stat('scaling', `wall time, ${label}`, 's', rs.map((x) => x.wallS));
      const rss = stat('scaling', `peak memory, ${label}`, 'bytes', rs.map((x) => x.maxRssBytes));
      out.push(wall, rss, stat('scaling', `events per second, ${label}`, 'events/s', rs.map((x) => (x.events ?? Number.NaN) / x.wallS)));
      medianWall.push(wall.median);
      medianRss.push(rss.median);
    }
    const k = sizes.length;
    out.push(fitted('growth exponent of wall time in nodes (least squares, all sizes)', 'exponent', growthExponent(sizes, medianWall), k));
    const [a, b] = [k - 2, k - 1];
    const [na, nb] = [sizes[a] as number, sizes[b] as number];
    out.push(
      fitted(
        `growth exponent of wall time in nodes (${na.toLocaleString('en-US')} → ${nb.toLocaleString('en-US')})`,
        'exponent',
        growthExponent([na, nb], [medianWall[a] as number, medianWall[b] as number]),
        2,
      ),
    );
    const perPod = ((medianRss[b] as number) - (medianRss[a] as number)) / ((nb - na) * 250);
    if (perPod > 0) out.push(fitted(`memory per added pod (${na.toLocaleString('en-US')} → ${nb.toLocaleString('en-US')} nodes)`, 'bytes', perPod, 2));
    out.push(...fullWeek(quick));
    return out;
  },
};

/**
 * The full-week workload (scenarios/full-week.yaml: every model, most of which run out) grown along its two other
 * axes, one run per point (a week of five models is minutes of CPU): simulated duration (1, 2, 4 and 7 days, all
 * five models; the 7-day point is full-week.yaml itself, with its wall time, CPU time and peak memory) and number
 * of models (1 to 5 in full-week's order, one day). Exponents are fitted to CPU time, which a shared machine
 * disturbs less than wall time. The longest point is also run as `cnisim run` runs it by default, its five model
 * runs on worker threads (one per core, at most five): the wall time a user sees, and the whole process's CPU
 * time and peak memory, every thread included. Quick mode: 100 nodes, 1 and 2 simulated hours, 1 and 5 models.
 */
function fullWeek(quick: boolean): Measurement[] {
  const nodes = quick ? 100 : 5000;
  const unitS = quick ? 3600 : 86400;
  const unit = quick ? 'hours' : 'days';
  const lengths = quick ? [1, 2] : [1, 2, 4, 7];
  const byLength = lengths.map((d) => runChild(nodes, d * unitS, ALL_MODELS));
  const out: Measurement[] = [];
  const at = `${nodes.toLocaleString('en-US')} nodes, 5 models`;
  byLength.forEach((r, i) => {
    const label = `${lengths[i]} ${lengths[i] === 1 ? unit.slice(0, -1) : unit}, ${at}`;
    out.push(fitted(`full week: wall time, ${label}`, 's', r.wallS, 1), fitted(`full week: CPU time, ${label}`, 's', r.cpuS, 1));
    out.push(fitted(`full week: peak memory, ${label}`, 'bytes', r.maxRssBytes, 1));
  });
  const workers = Math.min(ALL_MODELS.length, availableParallelism());
  const longest = lengths.at(-1) as number;
  if (workers > 1) {
    const r = runChild(nodes, longest * unitS, ALL_MODELS, workers);
    const label = `${longest} ${unit}, ${at}, on ${workers} worker threads`;
    out.push(fitted(`full week: wall time, ${label}`, 's', r.wallS, 1), fitted(`full week: CPU time, ${label}`, 's', r.cpuS, 1));
    out.push(fitted(`full week: peak memory, ${label}`, 'bytes', r.maxRssBytes, 1));
  }
  out.push(fitted(`full week: growth exponent of CPU time in simulated duration (${at})`, 'exponent', growthExponent(lengths, byLength.map((r) => r.cpuS)), lengths.length));
  const counts = quick ? [1, 5] : [1, 2, 3, 4, 5];
  // Five models for one unit is the first duration point: reused, not run again.
  const byModels = counts.map((k) => (k === ALL_MODELS.length ? (byLength[0] as ChildResult) : runChild(nodes, unitS, ALL_MODELS.slice(0, k))));
  byModels.forEach((r, i) => {
    out.push(fitted(`full week: CPU time, ${counts[i]} model${counts[i] === 1 ? '' : 's'}, 1 ${unit.slice(0, -1)}, ${nodes.toLocaleString('en-US')} nodes`, 's', r.cpuS, 1));
  });
  out.push(fitted(`full week: growth exponent of CPU time in number of models (1 ${unit.slice(0, -1)})`, 'exponent', growthExponent(counts, byModels.map((r) => r.cpuS)), counts.length));
  return out;
}
