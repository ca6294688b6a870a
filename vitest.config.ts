import { defineConfig } from 'vitest/config';

// Only the project's own tests; forks isolate the WASM instances and worker pools per file.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], pool: 'forks', testTimeout: 120_000, hookTimeout: 120_000 },
});
