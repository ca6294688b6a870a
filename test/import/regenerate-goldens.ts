/**
 * Rewrites test/import/golden/*.yaml from the fixtures: run it only when an import answer changes on purpose,
 * and review the diff. `npx tsx test/import/regenerate-goldens.ts` from the repository root.
 */
import { writeFileSync } from 'node:fs';
import { importFiles } from '../../src/import/index.ts';
import { IMPORT_CASES } from './cases.ts';

for (const c of IMPORT_CASES) writeFileSync(`test/import/golden/${c.name}.yaml`, importFiles(c.files).yaml);
