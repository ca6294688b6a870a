import { InputError, type InputProblem } from '../error/input-error.ts';
import { validateScenarioData } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
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

/**
 * Validates every combination before any case runs, so a bad one stops the sweep at once (exit 2) rather than
 * after hours. Reports the problems of at most `limit` combinations.
 */
export function checkAllCombinations(input: unknown, fileName: string, grid: SweepGrid, limit = 10): void {
  const problems: InputProblem[] = [];
  let bad = 0;
  for (let k = 0; k < grid.combinations; k++) {
    try {
      combinationScenario(input, fileName, grid, k);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      bad++;
      if (bad <= limit) problems.push(...err.problems);
    }
  }
  if (bad > limit) problems.push({ code: 'sweep-more-bad', path: 'sweep', value: `${bad - limit} more bad combination(s)`, allowed: 'every combination valid' });
  if (problems.length > 0) throw new InputError(problems);
}
