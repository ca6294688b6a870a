import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/**
 * vitest global setup: every test's temporary files go under one directory (TMPDIR, which os.tmpdir() and
 * every spawned cnisim read), removed at the end; and the run fails if any test wrote into the working tree's
 * results/ directory (`npm test` must leave the tree as it found it).
 */
const RESULTS = 'results';

function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [relative('.', p)];
  });
}

let root = '';
let before = new Set<string>();

export function setup(): void {
  root = mkdtempSync(join(tmpdir(), 'cnisim-test-'));
  process.env['TMPDIR'] = root;
  before = new Set(filesUnder(RESULTS));
}

export function teardown(): void {
  rmSync(root, { recursive: true, force: true });
  const added = filesUnder(RESULTS).filter((f) => !before.has(f));
  if (added.length > 0) {
    // vitest reports an error thrown here but still exits 0; the exit code is what CI reads.
    process.stderr.write(`error: tests left files in the working tree: ${added.join(', ')}\n`);
    process.exitCode = 1;
  }
}
