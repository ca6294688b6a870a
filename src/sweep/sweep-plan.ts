import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import YAML from 'yaml';
import { InputError } from '../error/input-error.ts';
import type { ColumnSpec } from '../output/column.ts';
import { loadScenarioFile } from '../scenario/load.ts';
import { hasIpv6Columns, summaryColumns } from '../scenario/run.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
import { checkAllCombinations } from './case-scenario.ts';
import { CASE_COLUMNS, sweepHeader } from './csv-layout.ts';
import { expandGrid, type SweepGrid } from './grid.ts';

/** A sweep ready to run: the scenario as written, its expanded grid and the CSV header. */
export interface SweepPlan {
  readonly input: unknown;
  readonly fileName: string;
  readonly scenario: Scenario;
  readonly grid: SweepGrid;
  readonly resultColumns: readonly string[];
  readonly header: readonly string[];
  /** Every column of the CSV with its unit, for documentation and the report. */
  readonly columns: readonly ColumnSpec[];
}

/**
 * Loads a scenario file with a `sweep:` section and checks everything before a case runs: the file itself
 * (with line numbers), the sweep entries, and every combination of values. Throws InputError.
 */
export function planSweep(path: string): SweepPlan {
  const scenario = loadScenarioFile(path);
  if (scenario.sweep === undefined) {
    throw new InputError([{ code: 'no-sweep', path: `${path}: sweep`, value: '(missing)', allowed: 'a sweep: section with parameters to vary (see docs/sweeps.md)' }]);
  }
  const text = readFileSync(path, 'utf8');
  const input: unknown = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : YAML.parse(text);
  const fileName = basename(path);
  // The IPv6 columns appear when the scenario has them or its families are swept (IPv4 cases leave them empty).
  const ipv6 = hasIpv6Columns(scenario) || scenario.sweep.parameters.some((p) => /ipFamilies|podCidrs|serviceCidrs|underlay|inner/.test(p.path));
  const specs = summaryColumns(undefined, ipv6);
  const resultColumns = specs.map((c) => c.name);
  const grid = expandGrid(scenario.sweep, input, scenario.seed, scenario.replicates, resultColumns);
  checkAllCombinations(input, fileName, grid);
  const header = sweepHeader(grid, resultColumns);
  const paramColumns: ColumnSpec[] = grid.parameters.flatMap((p) =>
    p.column === null ? [] : [{ name: p.column, unit: 'as in the scenario format', description: `Swept scenario field ${p.path}.` }],
  );
  return { input, fileName, scenario, grid, resultColumns, header, columns: [...CASE_COLUMNS, ...paramColumns, ...specs] };
}
