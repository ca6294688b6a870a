import type { InputProblem } from '../error/input-error.ts';
import type { WorkEstimate } from './work-estimate.ts';

/**
 * How much work one command may start (docs/limits.md). Both are counts, so the answer does not depend on the
 * machine: an event costs about 0.5 to 4 µs of CPU, a time-series row about 500 bytes of memory until the
 * CSV is written.
 */
export interface WorkBudget {
  /** Events `run` may simulate over all models, variants and replicates (`--max-events`). */
  readonly maxRunEvents: number;
  /** Events `sweep` may simulate over all its cases (`--max-events`). */
  readonly maxSweepEvents: number;
  /** Time-series rows `run` may hold in memory (`--max-samples`). */
  readonly maxSamples: number;
}

/** 10⁹ events: minutes to an hour of one core. */
export const DEFAULT_MAX_RUN_EVENTS = 1e9;
/** 10¹¹ events: a day of one core, or hours on a few machines with --shard. */
export const DEFAULT_MAX_SWEEP_EVENTS = 1e11;
/** 2×10⁶ rows: about 1 GB of memory, under Node's default heap limit. */
export const DEFAULT_MAX_SAMPLES = 2e6;
/** Bytes a time-series row takes in memory (measured: 864,005 rows took 438 MB of heap, see docs/limits.md). */
export const BYTES_PER_SAMPLE = 500;
/** Work of a sweep case besides its events: validating its scenario and wiring its cluster, in events' worth. */
export const EVENTS_PER_CASE_OVERHEAD = 10_000;

export const DEFAULT_WORK_BUDGET: WorkBudget = {
  maxRunEvents: DEFAULT_MAX_RUN_EVENTS,
  maxSweepEvents: DEFAULT_MAX_SWEEP_EVENTS,
  maxSamples: DEFAULT_MAX_SAMPLES,
};

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** `6×10¹¹` for large counts, `86,400` for small ones: easy to read and compare. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return 'unbounded';
  if (n < 1e6) return Math.round(n).toLocaleString('en-US');
  const exp = Math.floor(Math.log10(n));
  const mantissa = n / 10 ** exp;
  const sup = String(exp).split('').map((c) => SUPERSCRIPT[Number(c)] ?? c).join('');
  const m = mantissa.toFixed(1).replace(/\.0$/, '');
  if (m === '10') return `10${String(exp + 1).split('').map((c) => SUPERSCRIPT[Number(c)] ?? c).join('')}`;
  return m === '1' ? `10${sup}` : `${m}×10${sup}`;
}

function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === units.length - 1 && v >= 1000 ? `${formatCount(bytes)} bytes` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** The drivers that make up most of the work, for the message: `field value (how → N events)`. */
function describeDrivers(e: WorkEstimate): string {
  const total = e.eventsPerRun;
  const shown = e.drivers.filter((d, i) => i === 0 || d.events >= total / 10).slice(0, 3);
  return shown.map((d) => `${d.field} ${d.value} (${d.how}: ${formatCount(d.events)} events)`).join('; ');
}

/** Total events of a run: every model and variant of every replicate. */
export function runEvents(e: WorkEstimate): number {
  return e.eventsPerRun * e.runsPerReplicate * e.replicates;
}

function multiplier(e: WorkEstimate): string {
  const parts = [`${e.runsPerReplicate} model run(s)`, ...(e.replicates > 1 ? [`${formatCount(e.replicates)} replicates`] : [])];
  return parts.join(' × ');
}

/**
 * The problems of a `run` whose estimate exceeds the budget: too many events, too many time-series rows.
 * `where(field)` turns a scenario field into the path printed (with the file name and its line).
 */
export function runBudgetProblems(e: WorkEstimate, budget: WorkBudget, where: (field: string) => Pick<InputProblem, 'path' | 'at'>): InputProblem[] {
  const problems: InputProblem[] = [];
  const events = runEvents(e);
  const top = e.drivers[0];
  if (!(events <= budget.maxRunEvents) && top !== undefined) {
    problems.push({
      code: 'over-work-budget',
      ...where(top.field),
      value: top.value,
      allowed: `a run within the work budget of ${formatCount(budget.maxRunEvents)} events; this one needs about ${formatCount(events)} (${formatCount(e.eventsPerRun)} per model run × ${multiplier(e)}), driven by ${describeDrivers(e)}. Raise the budget with --max-events N if you mean it (docs/limits.md)`,
    });
  }
  const samples = e.samplesPerRun * e.runsPerReplicate * e.replicates;
  if (!(samples <= budget.maxSamples)) {
    problems.push({
      code: 'over-sample-budget',
      ...where('sampleIntervalS'),
      value: problemsValue(e),
      allowed: `at most ${formatCount(budget.maxSamples)} time-series rows in memory (about ${formatBytes(budget.maxSamples * BYTES_PER_SAMPLE)}); this run would hold ${formatCount(samples)} (${formatCount(e.samplesPerRun)} samples per model run × ${multiplier(e)}), about ${formatBytes(samples * BYTES_PER_SAMPLE)}. Use a longer sampleIntervalS, or raise the limit with --max-samples N (docs/limits.md)`,
    });
  }
  return problems;
}

function problemsValue(e: WorkEstimate): string {
  const d = e.drivers.find((x) => x.field === 'sampleIntervalS');
  return d === undefined ? '' : `${d.value} (${d.how})`;
}

/** The work of a sweep: the events of one replicate of every combination, and its largest case. */
export interface SweepWork {
  readonly combinations: number;
  readonly replicates: number;
  /** Σ over the combinations of caseEvents. */
  readonly eventsPerReplicate: number;
  readonly largest: WorkEstimate | undefined;
}

/** The events of one sweep case: every model run of one replicate, plus checking and wiring it. */
export function caseEvents(e: WorkEstimate): number {
  return e.eventsPerRun * e.runsPerReplicate + EVENTS_PER_CASE_OVERHEAD;
}

/** Estimated events of a whole sweep. */
export function sweepEvents(w: SweepWork): number {
  return w.eventsPerReplicate * w.replicates;
}

/** The problem of a sweep whose estimated events are over the budget. */
export function sweepBudgetProblems(w: SweepWork, budget: WorkBudget, path: string): InputProblem[] {
  const events = sweepEvents(w);
  if (events <= budget.maxSweepEvents) return [];
  const cases = w.combinations * w.replicates;
  const biggest = w.largest === undefined ? '' : `; its largest case needs ${formatCount(caseEvents(w.largest))} events, driven by ${describeDrivers(w.largest)}`;
  return [
    {
      code: 'over-work-budget',
      path,
      value: `${formatCount(cases)} cases`,
      allowed: `a sweep within the work budget of ${formatCount(budget.maxSweepEvents)} events; this one needs about ${formatCount(events)} (${formatCount(w.combinations)} combinations × ${formatCount(w.replicates)} replicates, at least ${formatCount(EVENTS_PER_CASE_OVERHEAD)} per case)${biggest}. Fewer values or replicates, --shard, or raise the budget with --max-events N (docs/limits.md)`,
    },
  ];
}

/** A lower bound of a sweep's events before its combinations are validated: its case count times the overhead. */
export function sweepCasesProblem(cases: number, budget: WorkBudget, path: string): InputProblem[] {
  const events = cases * EVENTS_PER_CASE_OVERHEAD;
  if (events <= budget.maxSweepEvents) return [];
  return [
    {
      code: 'over-work-budget',
      path,
      value: `${formatCount(cases)} cases`,
      allowed: `a sweep within the work budget of ${formatCount(budget.maxSweepEvents)} events; ${formatCount(cases)} cases take at least ${formatCount(events)} (${formatCount(EVENTS_PER_CASE_OVERHEAD)} per case to check and wire it). Fewer values or replicates, or raise the budget with --max-events N (docs/limits.md)`,
    },
  ];
}
