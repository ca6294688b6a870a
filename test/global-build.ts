import { spawnSync } from 'node:child_process';

/**
 * vitest globalSetup: brings build/ (the WASM kernel) and dist/ (the compiled CLI the tests spawn) up to date
 * before any test runs; a no-op when nothing changed (scripts/build.mjs compares modification times).
 */
export default function setup(): void {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status})`);
}
