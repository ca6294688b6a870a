import type { CniName } from '../model/ipam/cni.ts';
import type { CellValue } from '../output/csv-format.ts';
import type { ExhaustionEpisode } from '../output/exhaustion-episodes.ts';
import type { ExhaustionRecord } from '../output/ip-metrics.ts';
import { secondsToNs } from '../sim/time.ts';
import type { AttachedModel, CaseExtension, FrameSink } from './case-extension.ts';
import { hasIpv6Columns } from './case-columns.ts';
import { CASE_EXTENSIONS } from './extensions.ts';
import type { Scenario } from './schema/scenario.ts';
import { wireCluster } from './wire.ts';

export interface CaseOptions {
  readonly seed: number;
  readonly replicate: number;
  /** Compiled kernel module, shared by every case of a process. */
  readonly kernelModule?: WebAssembly.Module;
  /** Collect time-series rows (memory grows with duration ÷ sample interval × variants). */
  readonly timeseries?: boolean;
  /** Capture of underlay frames shared by every run of the case. */
  readonly frameSink?: FrameSink;
  /** Capture per (model, variant), for `--pcap`; takes precedence over `frameSink`. */
  readonly frameSinkFor?: (cni: CniName, variant: string) => FrameSink | undefined;
  /**
   * Called as simulated time advances (about 100 times per model run, and at its end) with the time reached and
   * the run's duration; for a progress bar. Without it a run goes in one piece.
   */
  readonly onProgress?: (doneNs: number, durationNs: number) => void;
  /** Extensions to run; all registered ones by default (tests pass fewer). */
  readonly extensions?: readonly CaseExtension[];
  /** Include the IPv6 columns; default: hasIpv6Columns(scenario) (a sweep passes its header's choice). */
  readonly ipv6Columns?: boolean;
}


/**
 * One model run of a case: a networking model and one variant label per extension axis (in CASE_EXTENSIONS
 * order; empty for an extension the scenario does not use).
 */
export interface CaseUnit {
  readonly cni: CniName;
  readonly combo: readonly string[];
}

/** What one model run produces: its summary row, its time-series rows, its refused attempts and their episodes. */
export interface UnitResult {
  readonly row: readonly CellValue[];
  readonly timeseries: ReadonlyArray<readonly CellValue[]>;
  readonly exhaustions: ReadonlyArray<{ readonly cni: CniName; readonly variant: string } & ExhaustionRecord>;
  readonly episodes: ReadonlyArray<{ readonly cni: CniName; readonly variant: string } & ExhaustionEpisode>;
}

/** Every combination of the extensions' variant labels, first extension varying slowest. */
function variantCombos(exts: readonly CaseExtension[], s: Scenario): string[][] {
  let combos: string[][] = [[]];
  for (const e of exts) {
    if (e.axis === null) continue;
    const values = e.variants(s);
    combos = combos.flatMap((c) => values.map((v) => [...c, v]));
  }
  return combos;
}

/**
 * The model runs of one case, in the order their rows appear: networking models in scenario order, then
 * variant combinations (first extension varying slowest).
 */
export function caseUnits(scenario: Scenario, exts: readonly CaseExtension[] = CASE_EXTENSIONS): CaseUnit[] {
  const combos = variantCombos(exts, scenario);
  return scenario.cni.flatMap((cni) => combos.map((combo) => ({ cni, combo })));
}

/** Progress reports per model run. */
const PROGRESS_SLICES = 100;

/**
 * Runs to `durationNs`, in slices when progress is wanted. Slicing changes nothing: run(until) dispatches every
 * event up to `until` in (time, seq) order, and the next slice continues from there.
 */
function runInSlices(sim: { run(untilNs: number): number }, durationNs: number, onProgress?: (doneNs: number, durationNs: number) => void): void {
  if (onProgress === undefined) {
    sim.run(durationNs);
    return;
  }
  const sliceNs = Math.max(1, Math.ceil(durationNs / PROGRESS_SLICES));
  let t = 0;
  do {
    t = Math.min(durationNs, t + sliceNs);
    sim.run(t);
    onProgress(t, durationNs);
  } while (t < durationNs);
}

function emptyCells(n: number): CellValue[] {
  return new Array<CellValue>(n).fill(null);
}

/**
 * Runs one model run of a case. It builds everything it uses (simulation, cluster, IPAM, metrics and episode
 * tracker, kernel instance) and draws only from named streams keyed by (seed, replicate, name), so its result
 * does not depend on which runs came before it or where it runs: a worker thread gives the same bytes.
 * Nothing is shared with other runs but the read-only scenario, the compiled kernel module and the caller's
 * frame sink.
 */
export async function runScenarioUnit(scenario: Scenario, unit: CaseUnit, opts: CaseOptions): Promise<UnitResult> {
  const exts = opts.extensions ?? CASE_EXTENSIONS;
  const { cni, combo } = unit;
  const durationNs = secondsToNs(scenario.durationS);
  const sampleNs = secondsToNs(scenario.sampleIntervalS);
  const ipv6 = opts.ipv6Columns ?? hasIpv6Columns(scenario);
  const variant = combo.filter((v) => v !== '').join('/');
  const timeseries: CellValue[][] = [];
  const wired = wireCluster(scenario, cni, opts.seed, opts.replicate);
  const { sim, ipMetrics } = wired;
  const ctx = {
    scenario,
    cni,
    seed: opts.seed,
    replicate: opts.replicate,
    sim,
    cluster: wired.cluster,
    upgrades: wired.upgrades,
    kernelModule: opts.kernelModule,
    frameSink: opts.frameSinkFor?.(cni, variant) ?? opts.frameSink,
  };
  const attached: Array<AttachedModel | null> = [];
  let axisAt = 0;
  for (const e of exts) {
    const label = e.axis === null ? '' : (combo[axisAt++] ?? '');
    attached.push(await e.attach(ctx, label));
  }
  const sampler = sim.register('sample', (s) => {
    const values = ipv6 ? [...ipMetrics.sample(), ...ipMetrics.sampleIpv6()] : ipMetrics.sample();
    const extValues = exts.flatMap((e, i) => attached[i]?.sample() ?? emptyCells(e.timeseriesColumns.length));
    if (opts.timeseries === true) timeseries.push([s.now / 1e9, cni, ...combo, ...values, ...extValues]);
    if (s.now + sampleNs <= durationNs) s.schedule(sampleNs, sampler);
  });
  wired.start();
  sim.scheduleAt(0, sampler);
  runInSlices(sim, durationNs, opts.onProgress);
  const extSummary = exts.flatMap((e, i) => attached[i]?.summary() ?? emptyCells(e.summaryColumns.length));
  if (ipv6) {
    exts.forEach((e, i) => {
      const n = e.ipv6SummaryColumns?.length ?? 0;
      if (n > 0) extSummary.push(...(attached[i]?.summaryIpv6?.() ?? emptyCells(n)));
    });
  }
  const ipValues = ipv6 ? [...ipMetrics.summary(), ...ipMetrics.summaryIpv6()] : ipMetrics.summary();
  return {
    row: [scenario.name, cni, ...combo, opts.seed, opts.replicate, ...ipValues, ...extSummary],
    timeseries,
    exhaustions: ipMetrics.records.map((r) => ({ cni, variant, ...r })),
    episodes: ipMetrics.episodes().map((e) => ({ cni, variant, ...e })),
  };
}
