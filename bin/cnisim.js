#!/usr/bin/env node
// The installed command: the compiled CLI (dist/, from `npm run build`). No TypeScript tooling at run time.
await import('../dist/cli/main.js');
