import { defineConfig } from 'vitest/config';

// Only the project's own tests; forks isolate the WASM instances and worker pools per file. The global setup
// gives every test one temporary root (removed at the end) and fails the run if a test wrote into results/.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ['test/robustness/leave-nothing.ts'],
  },
});
