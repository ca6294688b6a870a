import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Only the project's own tests; forks isolate the WASM instances and worker pools per file. The global setup
// builds the kernel and the bundled CLI (which the CLI tests spawn) when they are out of date.
// At least two files at once: vitest's default (cores − 1) runs one at a time on a 2-core machine, while much of
// the suite waits on child processes (the CLI, Chromium, npm) rather than using its core.
// It also gives every test one temporary root (removed at the end) and fails the run if a test wrote into results/.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ['test/global-build.ts', 'test/robustness/leave-nothing.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
