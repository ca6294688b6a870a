import type { ColumnSpec } from '../output/column.ts';
import { toCsv, type CellValue } from '../output/csv-format.ts';
import { parameterCells, type SweepCase, type SweepGrid } from './grid.ts';

/**
 * The sweep CSV: `case`, `case_count`, one column per swept parameter (named by its path), then the columns of
 * `cnisim run`'s summary (scenario, cni, variant axes, seed, replicate, metrics). One record per line.
 *
 * `case` comes first and is a plain integer so resume and merge can read it without parsing the whole record;
 * `case_count` lets merge tell a missing last shard from a complete set.
 */
export const CASE_COLUMNS: readonly ColumnSpec[] = [
  { name: 'case', unit: 'integer', description: 'Index of the case in the sweep\'s canonical order (combination × replicates + replicate), 0-based; rows are sorted by it.' },
  { name: 'case_count', unit: 'integer', description: 'Number of cases in the whole sweep (all shards).' },
];

export function sweepHeader(grid: SweepGrid, resultColumns: readonly string[]): string[] {
  const params = grid.parameters.flatMap((p) => (p.column === null ? [] : [p.column]));
  return [...CASE_COLUMNS.map((c) => c.name), ...params, ...resultColumns];
}

/** The header line as written (with its line feed). */
export function headerLine(header: readonly string[]): string {
  return toCsv([...header], []);
}

/** The leading cells every row of a case has: case, case_count and the swept values. */
export function casePrefixCells(grid: SweepGrid, c: SweepCase): CellValue[] {
  return [c.index, grid.caseCount, ...parameterCells(grid, c)];
}

/** Text every line of a case starts with (its prefix cells and the following comma). */
export function casePrefixText(grid: SweepGrid, c: SweepCase): string {
  return `${toCsv(null, [casePrefixCells(grid, c)]).slice(0, -1)},`;
}

/** A case's rows as CSV text, one line each, prefix cells first. */
export function caseRowsText(prefix: readonly CellValue[], rows: ReadonlyArray<readonly CellValue[]>): string {
  return toCsv(null, rows.map((r) => [...prefix, ...r]));
}

/** Reads `case` and `case_count` from the start of a row line, or undefined when the line is not a sweep row. */
export function parseCaseKey(line: string): { caseIndex: number; caseCount: number } | undefined {
  const m = /^(\d+),(\d+),/.exec(line);
  if (m === null) return undefined;
  return { caseIndex: Number(m[1]), caseCount: Number(m[2]) };
}
