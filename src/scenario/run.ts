import type { CniName } from '../model/ipam/cni.ts';
import type { ColumnSpec } from '../output/column.ts';
import type { CellValue } from '../output/csv-format.ts';
import type { ExhaustionEpisode } from '../output/exhaustion-episodes.ts';
import { IP_SUMMARY_COLUMNS, IP_TIMESERIES_COLUMNS, IPV6_SUMMARY_COLUMNS, IPV6_TIMESERIES_COLUMNS, type ExhaustionRecord } from '../output/ip-metrics.ts';
import { isDualStack } from '../net/ip-families.ts';
import { secondsToNs } from '../sim/time.ts';
import type { AttachedModel, CaseExtension, FrameSink } from './case-extension.ts';
import { CASE_EXTENSIONS } from './extensions.ts';
import type { Scenario } from './schema/scenario.ts';
import { wireCluster } from './wire.ts';

const SCENARIO_COLUMN: ColumnSpec = { name: 'scenario', unit: 'text', description: 'Scenario name.' };
const CNI_COLUMN: ColumnSpec = {
  name: 'cni',
  unit: 'text',
  description: 'Networking model: overlay, node-subnet, pod-subnet-dynamic, pod-subnet-static, kubenet.',
};
const SEED_COLUMNS: readonly ColumnSpec[] = [
  { name: 'seed', unit: 'integer', description: 'Seed of this replicate; rerunning with it reproduces the row.' },
  { name: 'replicate', unit: 'integer', description: 'Replicate index, 0-based.' },
];

function axisColumns(exts: readonly CaseExtension[]): ColumnSpec[] {
  return exts.flatMap((e) => (e.axis === null ? [] : [e.axis]));
}

/**
 * The summary CSV's columns for a set of extensions: keys, IP metrics (with the IPv6 ones for a dual-stack run,
 * `ipv6`), then each extension's metrics.
 */
export function summaryColumns(exts: readonly CaseExtension[] = CASE_EXTENSIONS, ipv6 = false): ColumnSpec[] {
  return [
    SCENARIO_COLUMN,
    CNI_COLUMN,
    ...axisColumns(exts),
    ...SEED_COLUMNS,
    ...IP_SUMMARY_COLUMNS,
    ...(ipv6 ? IPV6_SUMMARY_COLUMNS : []),
    ...exts.flatMap((e) => e.summaryColumns),
    ...(ipv6 ? exts.flatMap((e) => e.ipv6SummaryColumns ?? []) : []),
  ];
}

/**
 * Whether a scenario's CSVs carry the IPv6 columns: a dual-stack cluster, or a datapath variant with an IPv6
 * underlay or IPv6 pods. IPv4-only scenarios leave them out, so their files stay as they were.
 */
export function hasIpv6Columns(s: Scenario): boolean {
  return isDualStack(s.network.ipFamilies) || (s.datapath?.variants.some((v) => v.underlay === 'ipv6' || v.inner === 'ipv6') ?? false);
}

export function timeseriesColumns(exts: readonly CaseExtension[] = CASE_EXTENSIONS, ipv6 = false): ColumnSpec[] {
  return [
    { name: 't_s', unit: 's', description: 'Simulated time of the sample.' },
    CNI_COLUMN,
    ...axisColumns(exts),
    ...IP_TIMESERIES_COLUMNS,
    ...(ipv6 ? IPV6_TIMESERIES_COLUMNS : []),
    ...exts.flatMap((e) => e.timeseriesColumns),
  ];
}

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

export interface CaseResult {
  readonly columns: readonly string[];
  /** One row per variant, values in `columns` order. */
  readonly rows: ReadonlyArray<readonly CellValue[]>;
  readonly timeseriesColumns: readonly string[];
  readonly timeseries: ReadonlyArray<readonly CellValue[]>;
  /** Every refused attempt of every variant (up to a bound per run), in variant then time order. */
  readonly exhaustions: ReadonlyArray<{ readonly cni: CniName; readonly variant: string } & ExhaustionRecord>;
  /** Refused attempts grouped into episodes, in variant then time order; every attempt is in one. */
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
 * Runs one case — a scenario at one seed and replicate — under every networking model and variant it lists,
 * and returns its rows. A pure function of its inputs: the same scenario, seed and replicate give the same
 * rows. Every variant draws from the same named streams, so all see the same workload (common random numbers).
 */
export async function runScenarioCase(scenario: Scenario, opts: CaseOptions): Promise<CaseResult> {
  const exts = opts.extensions ?? CASE_EXTENSIONS;
  const rows: CellValue[][] = [];
  const timeseries: CellValue[][] = [];
  const exhaustions: Array<{ cni: CniName; variant: string } & ExhaustionRecord> = [];
  const episodes: Array<{ cni: CniName; variant: string } & ExhaustionEpisode> = [];
  const durationNs = secondsToNs(scenario.durationS);
  const sampleNs = secondsToNs(scenario.sampleIntervalS);
  const combos = variantCombos(exts, scenario);
  const ipv6 = opts.ipv6Columns ?? hasIpv6Columns(scenario);
  for (const cni of scenario.cni) {
    for (const combo of combos) {
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
        frameSink: opts.frameSinkFor?.(cni, combo.filter((v) => v !== '').join('/')) ?? opts.frameSink,
      };
      const attached: Array<AttachedModel | null> = [];
      let axisAt = 0;
      for (const e of exts) {
        const variant = e.axis === null ? '' : (combo[axisAt++] ?? '');
        attached.push(await e.attach(ctx, variant));
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
      rows.push([scenario.name, cni, ...combo, opts.seed, opts.replicate, ...ipValues, ...extSummary]);
      const variant = combo.filter((v) => v !== '').join('/');
      for (const r of ipMetrics.records) exhaustions.push({ cni, variant, ...r });
      for (const e of ipMetrics.episodes()) episodes.push({ cni, variant, ...e });
    }
  }
  return {
    columns: summaryColumns(exts, ipv6).map((c) => c.name),
    rows,
    timeseriesColumns: timeseriesColumns(exts, ipv6).map((c) => c.name),
    timeseries,
    exhaustions,
    episodes,
  };
}
