import type { CniName } from '../model/ipam/cni.ts';
import type { CellValue } from '../output/csv-format.ts';
import { EPISODE_COLUMNS } from '../output/exhaustion-episodes.ts';
import type { FrameSink } from './case-extension.ts';
import { runScenarioCase, type CaseOptions, type CaseResult } from './run.ts';
import type { Scenario } from './schema/scenario.ts';

/** Columns of the exhaustion episodes (`cnisim run --events`): one row per episode. */
export const EVENT_COLUMNS: readonly string[] = ['cni', 'variant', 'replicate', ...EPISODE_COLUMNS.map((c) => c.name)];

/** Columns of the per-attempt log (`cnisim run --attempts`): one row per refused attempt. */
export const ATTEMPT_COLUMNS = ['cni', 'variant', 'replicate', 'time_s', 'cause', 'detail'] as const;

/** Everything `cnisim run` writes, as rows: the summary, the time series, the episodes and the attempt log. */
export interface ScenarioResult {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly CellValue[]>;
  readonly timeseriesColumns: readonly string[];
  readonly timeseries: ReadonlyArray<readonly CellValue[]>;
  readonly events: ReadonlyArray<readonly CellValue[]>;
  readonly attempts: ReadonlyArray<readonly CellValue[]>;
}

/**
 * Runs every replicate of a scenario, in order, at the scenario's seed. With more than one replicate the time
 * series gains a leading `replicate` column. Pure: no I/O, no clock.
 */
export async function runScenarioReplicates(
  scenario: Scenario,
  opts: {
    readonly kernelModule?: WebAssembly.Module;
    readonly frameSinkFor?: (cni: CniName, variant: string) => FrameSink | undefined;
    readonly onProgress?: NonNullable<CaseOptions['onProgress']>;
  } = {},
): Promise<ScenarioResult> {
  const cases: CaseResult[] = [];
  for (let r = 0; r < scenario.replicates; r++) {
    cases.push(await runScenarioCase(scenario, { ...opts, seed: scenario.seed, replicate: r, timeseries: true }));
  }
  return scenarioResult(scenario, cases);
}

/**
 * What `cnisim run` writes, from each replicate's case result (with time series), given in replicate order:
 * the same rows whether the cases ran one after another or their model runs ran on worker threads.
 */
export function scenarioResult(scenario: Scenario, cases: readonly CaseResult[]): ScenarioResult {
  let columns: readonly string[] = [];
  let tsColumns: readonly string[] = [];
  const rows: (readonly CellValue[])[] = [];
  const timeseries: (readonly CellValue[])[] = [];
  const events: CellValue[][] = [];
  const attempts: CellValue[][] = [];
  const many = scenario.replicates > 1;
  cases.forEach((result, r) => {
    columns = result.columns;
    tsColumns = result.timeseriesColumns;
    rows.push(...result.rows);
    for (const t of result.timeseries) timeseries.push(many ? [r, ...t] : t);
    for (const e of result.episodes) events.push([e.cni, e.variant, r, e.refused, e.cause, e.pool, e.firstNs / 1e9, e.lastNs / 1e9, e.attempts]);
    for (const e of result.exhaustions) attempts.push([e.cni, e.variant, r, e.timeNs / 1e9, e.cause, e.detail]);
  });
  return { columns, rows, timeseriesColumns: many ? ['replicate', ...tsColumns] : tsColumns, timeseries, events, attempts };
}
