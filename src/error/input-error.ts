/**
 * Bad input: a scenario field, a flag or a CSV that cnisim refuses.
 *
 * Every problem names where it is (`path`, dotted like `cluster.pools[1].maxPods` or a flag like `--max-pods`),
 * the value found, what is allowed, and the Azure rule with its source where one applies. The CLI prints these
 * and exits with code 2, without a stack trace.
 */
export interface InputProblem {
  /** Machine-readable code, e.g. `subnet-too-small`, `unknown-key`. */
  readonly code: string;
  /** Dotted field path or flag name. */
  readonly path: string;
  /** The offending value as the user wrote it (stringified). */
  readonly value: string;
  /** What would be accepted. */
  readonly allowed: string;
  /** The Azure or Kubernetes rule behind the limit, with its source link, when there is one. */
  readonly rule?: string;
}

export class InputError extends Error {
  readonly problems: readonly InputProblem[];

  constructor(problems: readonly InputProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
    this.problems = problems;
  }
}

export function formatProblem(p: InputProblem): string {
  const rule = p.rule === undefined ? '' : ` (${p.rule})`;
  return `${p.path}: ${p.value} is not allowed; expected ${p.allowed}${rule}`;
}

/** Throws one InputError carrying every problem, so a user fixes them all in one pass. */
export function throwIfProblems(problems: readonly InputProblem[]): void {
  if (problems.length > 0) throw new InputError(problems);
}
