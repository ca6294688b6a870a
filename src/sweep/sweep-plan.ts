import { basename } from 'node:path';
import { InputError, sortByPosition, type InputProblem } from '../error/input-error.ts';
import type { ColumnSpec } from '../output/column.ts';
import { validateScenarioData } from '../scenario/load.ts';
import { parseFieldPath } from '../scenario/field-path.ts';
import { parseDocument, positionText } from '../scenario/parse-document.ts';
import { readScenarioText } from '../scenario/read-text.ts';
import { hasIpv6Columns, summaryColumns } from '../scenario/run.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
import { SweepSchema } from '../scenario/schema/sweep.ts';
import { DEFAULT_WORK_BUDGET, sweepBudgetProblems, sweepCasesProblem, sweepEvents, type WorkBudget } from '../scenario/work-budget.ts';
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
  /** Estimated events of the whole sweep (docs/limits.md). */
  readonly estimatedEvents: number;
}

export interface PlanOptions {
  readonly budget?: WorkBudget;
  /** Progress of checking the combinations, which takes seconds for large grids. */
  readonly onCheckProgress?: (checked: number, total: number) => void;
}

function problemsOf(err: unknown): InputProblem[] {
  if (err instanceof InputError) return [...err.problems];
  throw err;
}

/** A number the file gives at the top level, or a fallback (for expanding the grid of an invalid scenario). */
function topNumber(input: unknown, key: string, fallback: number): number {
  const v = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : fallback;
}

/**
 * Loads a scenario file with a `sweep:` section and checks everything before a case runs: the file itself
 * (with line numbers), the sweep entries, every combination of values, and the work of the whole sweep
 * against the budget. Problems of the scenario and of its grid come together in one InputError.
 */
export function planSweep(path: string, opts: PlanOptions = {}): SweepPlan {
  const budget = opts.budget ?? DEFAULT_WORK_BUDGET;
  const { data: input, locate } = parseDocument(readScenarioText(path), path);
  const problems: InputProblem[] = [];
  let scenario: Scenario | undefined;
  try {
    scenario = validateScenarioData(input, path, locate);
  } catch (err) {
    problems.push(...problemsOf(err));
  }
  const rawSweep = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)['sweep'] : undefined;
  const sweepSpec = SweepSchema.safeParse(rawSweep);
  if (rawSweep === undefined) {
    problems.push({ code: 'no-sweep', path: `${path}: sweep`, value: '(missing)', allowed: 'a sweep: section with parameters to vary (see docs/sweeps.md)' });
  }
  // The IPv6 columns appear when the scenario has them or its families are swept (IPv4 cases leave them empty).
  const ipv6 =
    (scenario !== undefined && hasIpv6Columns(scenario)) ||
    (sweepSpec.success && (sweepSpec.data?.parameters.some((p) => /ipFamilies|podCidrs|serviceCidrs|underlay|inner/.test(p.path)) ?? false));
  const specs = summaryColumns(undefined, ipv6);
  const resultColumns = specs.map((c) => c.name);
  let grid: SweepGrid | undefined;
  if (sweepSpec.success && sweepSpec.data !== undefined) {
    try {
      grid = expandGrid(sweepSpec.data, input, topNumber(input, 'seed', 1), topNumber(input, 'replicates', 1), resultColumns);
    } catch (err) {
      problems.push(
        ...problemsOf(err).map((p) => {
          const at = locate(parseFieldPath(p.path));
          return { ...p, path: `${path}: ${p.path}${positionText(at)}`, ...(at === undefined ? {} : { at }) };
        }),
      );
    }
  }
  const fileName = basename(path);
  const gridWhere = `${path}: sweep`;
  if (grid !== undefined) problems.push(...sweepCasesProblem(grid.caseCount, budget, gridWhere));
  if (problems.length > 0 || scenario === undefined || grid === undefined) throw new InputError(sortByPosition(problems));

  const work = checkAllCombinations(input, fileName, grid, opts.onCheckProgress === undefined ? {} : { onProgress: opts.onCheckProgress });
  const over = sweepBudgetProblems(work, budget, gridWhere);
  if (over.length > 0) throw new InputError(over);
  const estimatedEvents = sweepEvents(work);
  const header = sweepHeader(grid, resultColumns);
  const paramColumns: ColumnSpec[] = grid.parameters.flatMap((p) =>
    p.column === null ? [] : [{ name: p.column, unit: 'as in the scenario format', description: `Swept scenario field ${p.path}.` }],
  );
  return { input, fileName, scenario, grid, resultColumns, header, columns: [...CASE_COLUMNS, ...paramColumns, ...specs], estimatedEvents };
}
