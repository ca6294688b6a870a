import { InputError, formatProblem } from '../error/input-error.ts';

/** Exit codes shared by every command: 0 success / fits, 1 does not fit or a check failed, 2 bad input. */
export const EXIT_OK = 0;
export const EXIT_DOES_NOT_FIT = 1;
export const EXIT_BAD_INPUT = 2;

/**
 * Runs a command body and turns the errors a user can cause into a message and an exit code, never a stack
 * trace. Anything else is a bug in cnisim and is rethrown with its stack.
 */
export async function runCommand(body: () => Promise<number> | number): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (err) {
    if (err instanceof InputError) {
      for (const p of err.problems) process.stderr.write(`error: ${formatProblem(p)}\n`);
      process.exitCode = EXIT_BAD_INPUT;
      return;
    }
    throw err;
  }
}
