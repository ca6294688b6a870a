import { InputError, sortByPosition, type InputProblem } from '../error/input-error.ts';
import { CASE_EXTENSIONS } from './extensions.ts';
import { formatFieldPath, parseFieldPath } from './field-path.ts';
import { NO_LOCATOR, parseDocument, positionText, type Locator } from './parse-document.ts';
import { readScenarioText } from './read-text.ts';
import { problemFromIssue } from './schema-issue.ts';
import { ScenarioSchema, type Scenario } from './schema/scenario.ts';
import { validateScenario } from './validate.ts';
import { runBudgetProblems, type WorkBudget } from './work-budget.ts';
import { estimateWork } from './work-estimate.ts';

export type { Locator } from './parse-document.ts';

export interface LoadOptions {
  /** Check the work of a `run` of this scenario against this budget (docs/limits.md); no check without it. */
  readonly budget?: WorkBudget;
}

/** A scenario file, loaded: the validated scenario and the data as written (for sweeps), with its locator. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly input: unknown;
  readonly fileName: string;
  readonly locate: Locator;
}

/** Reads, parses and validates a scenario file (YAML, or JSON by extension). Throws InputError on any problem. */
export function loadScenarioFile(path: string, opts: LoadOptions = {}): Scenario {
  return loadScenarioDocument(path, opts).scenario;
}

/** As loadScenarioFile, keeping the data as written and where each field is in the file. */
export function loadScenarioDocument(path: string, opts: LoadOptions = {}): LoadedScenario {
  const text = readScenarioText(path);
  const { data, locate } = parseDocument(text, path);
  return { scenario: validateScenarioData(data, path, locate, opts), input: data, fileName: path, locate };
}

/** Parses scenario text; `fileName` is used in messages and to pick JSON (`.json`) or YAML (anything else). */
export function parseScenarioText(text: string, fileName: string, opts: LoadOptions = {}): Scenario {
  const { data, locate } = parseDocument(text, fileName);
  return validateScenarioData(data, fileName, locate, opts);
}

/**
 * Validates an already-parsed object (from a file or a sweep case) into a Scenario with defaults applied.
 * Every problem is reported at once, in the order of the file: the schema's, the address plan's, the Azure
 * limits', and the work budget's when one is given.
 */
export function validateScenarioData(data: unknown, fileName: string, locate: Locator = NO_LOCATOR, opts: LoadOptions = {}): Scenario {
  const parsed = ScenarioSchema.safeParse(data);
  if (parsed.success) {
    const problems = semanticProblems(parsed.data, fileName, locate, opts);
    if (problems.length > 0) throw new InputError(sortByPosition(problems));
    return parsed.data;
  }
  const schemaProblems = parsed.error.issues.map((issue) => problemFromIssue(issue, data, fileName, locate));
  throw new InputError(sortByPosition([...schemaProblems, ...checksBeyondSchema(data, parsed.error.issues, fileName, locate)]));
}

/**
 * The cross-field checks, run on the data with each field the schema refused taken out (so its default
 * applies), so that a user sees the address plan's problems in the same pass as a typo. Problems under a
 * field already reported are left out; when the data cannot be repaired this way, there are none.
 */
function checksBeyondSchema(data: unknown, issues: ReadonlyArray<{ readonly path: readonly PropertyKey[]; readonly code: string; readonly keys?: readonly string[] }>, fileName: string, locate: Locator): InputProblem[] {
  if (data === null || typeof data !== 'object') return [];
  const repaired = structuredClone(data) as Record<PropertyKey, unknown>;
  const refused: string[] = [];
  for (const issue of issues) {
    const paths = issue.code === 'unrecognized_keys' ? (issue.keys ?? []).map((k) => [...issue.path, k]) : [issue.path];
    for (const p of paths) {
      if (p.length === 0 || !deleteAt(repaired, p)) return [];
      refused.push(formatFieldPath(p));
    }
  }
  const again = ScenarioSchema.safeParse(repaired);
  if (!again.success) return [];
  const isUnder = (field: string) => refused.some((r) => field === r || field.startsWith(`${r}.`) || field.startsWith(`${r}[`));
  let problems: InputProblem[];
  try {
    problems = crossFieldProblems(again.data);
  } catch {
    return []; // the repaired data is only a best effort; the schema's problems stand on their own
  }
  return problems.filter((p) => !isUnder(p.path)).map(locatedIn(fileName, locate));
}

/** Deletes the value at a path of plain data; false when the path is not there or ends in a list item. */
function deleteAt(root: Record<PropertyKey, unknown>, path: readonly PropertyKey[]): boolean {
  let v: unknown = root;
  for (const k of path.slice(0, -1)) {
    if (v === null || typeof v !== 'object') return false;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  const last = path[path.length - 1];
  if (v === null || typeof v !== 'object' || Array.isArray(v) || last === undefined) return false;
  delete (v as Record<PropertyKey, unknown>)[last];
  return true;
}

/** Turns a problem's scenario field path into the printed path: the file, the field and its line. */
function locatedIn(fileName: string, locate: Locator): (p: InputProblem) => InputProblem {
  return (p) => ({ ...p, ...fieldWhere(fileName, locate, p.path) });
}

function fieldWhere(fileName: string, locate: Locator, fieldPath: string): Pick<InputProblem, 'path' | 'at'> {
  const keys = parseFieldPath(fieldPath);
  const at = locate(keys) ?? (keys.length > 1 ? locate(keys.slice(0, -1)) : undefined);
  return { path: `${fileName}: ${fieldPath}${positionText(at)}`, ...(at === undefined ? {} : { at }) };
}

/**
 * Rules that span fields (names, counts, the address plan) and the models' own checks, with scenario field
 * paths. The models refuse some inputs only when a run starts (an outbound design AKS would refuse, a traffic
 * workload on an unknown pool): they are asked here, so that a scenario `validate` calls OK never fails later.
 */
function crossFieldProblems(s: Scenario): InputProblem[] {
  const problems = validateScenario(s);
  for (const e of CASE_EXTENSIONS) {
    try {
      e.variants(s);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(...err.problems);
    }
  }
  return problems;
}

/** Every problem of a schema-valid scenario; the work budget is checked once the rest is right. */
function semanticProblems(s: Scenario, fileName: string, locate: Locator, opts: LoadOptions): InputProblem[] {
  const problems = crossFieldProblems(s).map(locatedIn(fileName, locate));
  if (opts.budget !== undefined && problems.length === 0) {
    problems.push(...runBudgetProblems(estimateWork(s), opts.budget, (field) => fieldWhere(fileName, locate, field)));
  }
  return problems;
}
