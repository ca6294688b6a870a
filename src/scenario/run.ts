import type { CniName } from '../model/ipam/cni.ts';
import type { CellValue } from '../output/csv-format.ts';
import type { ExhaustionEpisode } from '../output/exhaustion-episodes.ts';
import type { ExhaustionRecord } from '../output/ip-metrics.ts';
import { hasIpv6Columns, summaryColumns, timeseriesColumns } from './case-columns.ts';
import { CASE_EXTENSIONS } from './extensions.ts';
import { caseUnits, runScenarioUnit, type CaseOptions, type UnitResult } from './run-unit.ts';
import type { Scenario } from './schema/scenario.ts';

export { hasIpv6Columns, summaryColumns, timeseriesColumns } from './case-columns.ts';
export type { CaseOptions, CaseUnit, UnitResult } from './run-unit.ts';

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

/**
 * Runs one case — a scenario at one seed and replicate — under every networking model and variant it lists,
 * and returns its rows. A pure function of its inputs: the same scenario, seed and replicate give the same
 * rows. Every variant draws from the same named streams, so all see the same workload (common random numbers).
 */
export async function runScenarioCase(scenario: Scenario, opts: CaseOptions): Promise<CaseResult> {
  const exts = opts.extensions ?? CASE_EXTENSIONS;
  const results: UnitResult[] = [];
  for (const unit of caseUnits(scenario, exts)) results.push(await runScenarioUnit(scenario, unit, opts));
  return caseResult(scenario, opts, results);
}

/**
 * A case's result from its units' results, given in caseUnits order: rows, time series, attempts and episodes
 * concatenated in that order, which is the order runScenarioCase produces whatever order the units ran in.
 */
export function caseResult(scenario: Scenario, opts: Pick<CaseOptions, 'extensions' | 'ipv6Columns'>, units: readonly UnitResult[]): CaseResult {
  const exts = opts.extensions ?? CASE_EXTENSIONS;
  const ipv6 = opts.ipv6Columns ?? hasIpv6Columns(scenario);
  return {
    columns: summaryColumns(exts, ipv6).map((c) => c.name),
    rows: units.map((u) => u.row),
    timeseriesColumns: timeseriesColumns(exts, ipv6).map((c) => c.name),
    timeseries: units.flatMap((u) => u.timeseries),
    exhaustions: units.flatMap((u) => u.exhaustions),
    episodes: units.flatMap((u) => u.episodes),
  };
}
