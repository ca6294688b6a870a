import { cnisim as run, startCnisim as start } from '../cli/cli-harness.ts';

/** Runs `cnisim ARGS` in a child process (as a user would) and returns its exit code and output. */
export function cnisim(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = run(args);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `cnisim ARGS` without waiting, for tests that signal it. */
export function startCnisim(args: readonly string[]) {
  return start(args);
}
