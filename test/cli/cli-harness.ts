import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/**
 * Runs the compiled `cnisim` (bin/cnisim.js → dist/) in a child process, as a user would. test/global-build.ts
 * builds dist/ before any test runs, so a test sees the sources it was started with.
 */

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CNISIM_BIN = fileURLToPath(new URL('../../bin/cnisim.js', import.meta.url));

export interface CliOptions {
  /** Text on stdin. */
  readonly input?: string;
  /** Variables added to (or, as undefined, removed from) the environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Working directory (the repository root by default). */
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

export interface CliResult {
  /** The exit code (null when killed by a signal). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The child's environment: the test runner's, without what changes how output looks (terminal width, colour), so
 * a test's output does not depend on the shell it was started from; `extra` sets or removes more.
 */
export function cliEnv(extra: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['COLUMNS', 'NO_COLOR', 'FORCE_COLOR']) delete env[name];
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Runs `cnisim ARGS` to completion. The second argument may be stdin text (the older form) or options. */
export function cnisim(args: readonly string[], opts: string | CliOptions = {}): CliResult {
  const o: CliOptions = typeof opts === 'string' ? { input: opts } : opts;
  const r = spawnSync(process.execPath, [CNISIM_BIN, ...args], {
    encoding: 'utf8',
    input: o.input,
    cwd: o.cwd ?? REPO_ROOT,
    env: cliEnv(o.env),
    timeout: o.timeoutMs ?? 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `cnisim ARGS` without waiting, for tests that signal it or read its output as it comes. */
export function startCnisim(args: readonly string[], opts: Omit<CliOptions, 'input' | 'timeoutMs'> = {}): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, [CNISIM_BIN, ...args], { cwd: opts.cwd ?? REPO_ROOT, env: cliEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A stack trace line as Node prints one. */
export const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;
