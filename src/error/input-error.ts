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
  /** Where in the file the problem is (1-based), when known; problems are listed in this order. */
  readonly at?: { readonly line: number; readonly column: number };
}

/** Echoed values longer than this are cut: a whole line of binary data or a pasted file helps no one. */
export const MAX_ECHO_CHARS = 80;

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
  return `${p.path}: ${cutText(p.value)} is not allowed; expected ${p.allowed}${rule}`;
}

/** `text` cut to about MAX_ECHO_CHARS characters, with its full length said when cut; control characters shown as `?`. */
export function cutText(text: string): string {
  const printable = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/g, '?');
  if (printable.length <= MAX_ECHO_CHARS) return printable;
  return `${printable.slice(0, MAX_ECHO_CHARS - 3)}... (${text.length} characters)`;
}

/**
 * Problems in the order a user reads the file: those with a position by line and column, then the rest in the
 * order they were found (the sort is stable).
 */
export function sortByPosition(problems: readonly InputProblem[]): InputProblem[] {
  const key = (p: InputProblem) => (p.at === undefined ? Number.MAX_SAFE_INTEGER : p.at.line * 1e6 + p.at.column);
  return [...problems].sort((a, b) => key(a) - key(b));
}

/** Throws one InputError carrying every problem, so a user fixes them all in one pass. */
export function throwIfProblems(problems: readonly InputProblem[]): void {
  if (problems.length > 0) throw new InputError(problems);
}
