import { InputError, type InputProblem } from '../error/input-error.ts';
import { validateScenarioData } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
import { caseEvents, type SweepWork } from '../scenario/work-budget.ts';
import { estimateWork, type WorkEstimate } from '../scenario/work-estimate.ts';
import { caseAt, describeCombination, type SweepGrid } from './grid.ts';
import { setAtPath } from './param-path.ts';

/**
 * The scenario of one combination: the scenario as written, with each swept field set and the `sweep:` section
 * removed, then validated like a file. A bad combination throws an InputError whose paths name the file, the
 * combination and the field.
 */
export function combinationScenario(input: unknown, fileName: string, grid: SweepGrid, combination: number): Scenario {
  const c = caseAt(grid, combination * grid.replicates);
  const data = structuredClone(input) as Record<string, unknown>;
  delete data['sweep'];
  grid.parameters.forEach((p, i) => setAtPath(data, p.segments, structuredClone(p.values[c.valueIndexes[i] as number])));
  return validateScenarioData(data, `${fileName} [sweep ${describeCombination(grid, c)}]`);
}

/** Combinations checked between two progress reports. */
const PROGRESS_EVERY = 1000;

/**
 * Validates every combination before any case runs, so a bad one stops the sweep at once (exit 2) rather than
 * after hours, and estimates the work of each (for the budget). Reports the problems of at most `limit`
 * combinations. `onProgress(checked, total)` is called as it goes: a grid of a million takes half a minute.
 */
export function checkAllCombinations(
  input: unknown,
  fileName: string,
  grid: SweepGrid,
  opts: { readonly limit?: number; readonly onProgress?: (checked: number, total: number) => void } = {},
): SweepWork {
  const limit = opts.limit ?? 10;
  const problems: InputProblem[] = [];
  // Only the sum and the largest are kept: a million estimates would take a gigabyte.
  const work: { eventsPerReplicate: number; largest: WorkEstimate | undefined } = { eventsPerReplicate: 0, largest: undefined };
  let bad = 0;
  for (let k = 0; k < grid.combinations; k++) {
    if (k % PROGRESS_EVERY === 0) opts.onProgress?.(k, grid.combinations);
    try {
      const e = estimateWork(combinationScenario(input, fileName, grid, k));
      work.eventsPerReplicate += caseEvents(e);
      if (work.largest === undefined || caseEvents(e) > caseEvents(work.largest)) work.largest = e;
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      bad++;
      if (bad <= limit) problems.push(...err.problems);
    }
  }
  opts.onProgress?.(grid.combinations, grid.combinations);
  if (bad > limit) problems.push({ code: 'sweep-more-bad', path: 'sweep', value: `${bad - limit} more bad combination(s)`, allowed: 'every combination valid' });
  if (problems.length > 0) throw new InputError(problems);
  return { combinations: grid.combinations, replicates: grid.replicates, eventsPerReplicate: work.eventsPerReplicate, largest: work.largest };
}
