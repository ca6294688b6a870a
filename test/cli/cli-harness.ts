import { spawnSync } from 'node:child_process';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `cnisim …` as a user would (through tsx), in the repository root. */
export function cnisim(args: readonly string[], input?: string): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    input,
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stack trace line as Node prints one. */
export const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;
