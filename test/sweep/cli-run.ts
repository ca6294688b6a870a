import { spawn, spawnSync } from 'node:child_process';

/** Runs `cnisim ARGS` in a child process (as a user would) and returns its exit code and output. */
export function cnisim(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/cnisim.js', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `cnisim ARGS` without waiting, for tests that signal it. */
export function startCnisim(args: readonly string[]) {
  return spawn(process.execPath, ['bin/cnisim.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}
