import { defineConfig } from 'vitest/config';

// Only the project's own tests; forks isolate the WASM instances and worker pools per file. The global setup
// builds the kernel and the compiled CLI (which the CLI tests spawn) when they are out of date.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    globalSetup: ['test/global-build.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
