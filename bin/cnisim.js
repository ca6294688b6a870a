#!/usr/bin/env node
// The installed command: the bundled CLI (dist/js/, from `npm run build`). No TypeScript tooling at run time.
await import('../dist/js/main.js');
