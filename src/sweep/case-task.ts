import { IPV6_SUMMARY_COLUMNS } from '../output/ip-metrics.ts';
import { runScenarioCase } from '../scenario/run.ts';
import { combinationScenario } from './case-scenario.ts';
import { caseRowsText, casePrefixCells } from './csv-layout.ts';
import { caseAt, type SweepGrid } from './grid.ts';

/** What every case of a sweep shares; sent once to each worker. */
export interface SweepContext {
  /** The scenario as written (parsed YAML/JSON, before validation). */
  readonly input: unknown;
  readonly fileName: string;
  readonly grid: SweepGrid;
  /** The run's result columns, as the header promises them. */
  readonly resultColumns: readonly string[];
  readonly kernelModule: WebAssembly.Module | undefined;
}

/**
 * Runs one case and returns its rows as CSV text. A pure function of (context, index): the scenario comes from
 * the combination, the seed from the replicate.
 */
export async function runSweepCase(ctx: SweepContext, index: number): Promise<string> {
  const c = caseAt(ctx.grid, index);
  const scenario = combinationScenario(ctx.input, ctx.fileName, ctx.grid, c.combination);
  const result = await runScenarioCase(scenario, {
    seed: c.seed,
    replicate: c.replicate,
    ipv6Columns: ctx.resultColumns.includes(IPV6_SUMMARY_COLUMNS[0]?.name ?? ''),
    ...(ctx.kernelModule === undefined ? {} : { kernelModule: ctx.kernelModule }),
  });
  if (result.columns.join(',') !== ctx.resultColumns.join(',')) {
    throw new Error(`case ${index}: the run returned columns ${result.columns.join(',')}, not the header's ${ctx.resultColumns.join(',')}`);
  }
  return caseRowsText(casePrefixCells(ctx.grid, c), result.rows);
}
