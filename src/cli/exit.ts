import { InputError, formatProblem } from '../error/input-error.ts';

/** Exit codes shared by every command: 0 success / fits, 1 does not fit or a check failed, 2 bad input. */
export const EXIT_OK = 0;
export const EXIT_DOES_NOT_FIT = 1;
export const EXIT_BAD_INPUT = 2;
/** An internal error: a bug in cnisim, not in the input. */
export const EXIT_INTERNAL = 1;

/** Where a user reports an internal error (the README's "Reporting a bug" section says what to include). */
const REPORT_TO = 'the cnisim issue tracker (see "Reporting a bug" in README.md)';

/** The stack trace of an internal error is shown only on request: `--debug` or `CNISIM_DEBUG=1`. */
export function debugRequested(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean {
  return argv.includes('--debug') || (env['CNISIM_DEBUG'] !== undefined && env['CNISIM_DEBUG'] !== '' && env['CNISIM_DEBUG'] !== '0');
}

/** Prints every problem of a bad input, one `error:` line each. */
export function reportInputError(err: InputError, stderr: NodeJS.WritableStream = process.stderr): void {
  for (const p of err.problems) stderr.write(`error: ${formatProblem(p)}\n`);
}

/**
 * Prints an internal error as one line saying it is a bug and where to report it; the stack trace follows
 * only with `--debug` or `CNISIM_DEBUG=1`. Returns the exit code.
 */
export function reportInternalError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]?.slice(0, 200) ?? '';
  if (debugRequested()) {
    stderr.write(`internal error: ${err instanceof Error && err.stack !== undefined ? err.stack : String(err)}\n`);
  } else {
    stderr.write(`internal error (a bug in cnisim, not in your input): ${message}; please report it to ${REPORT_TO}, with the command and scenario; rerun with --debug or CNISIM_DEBUG=1 for the stack trace\n`);
  }
  return EXIT_INTERNAL;
}

/** Turns any error into its message and exit code: 2 for bad input, 1 (one line) for a bug. */
export function exitCodeForError(err: unknown): number {
  if (err instanceof InputError) {
    reportInputError(err);
    return EXIT_BAD_INPUT;
  }
  return reportInternalError(err);
}

/**
 * Runs a command body and turns every error into a message and an exit code, never a raw stack trace: bad
 * input exits 2 with each problem on its own line; anything else is a bug in cnisim and exits 1 with one line.
 */
export async function runCommand(body: () => Promise<number> | number): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (err) {
    process.exitCode = exitCodeForError(err);
  }
}
