import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, STACK_LINE, cliEnv, cnisim, type CliResult } from './cli-harness.ts';

/**
 * `cnisim run --workers N` gives the same bytes as `--workers 1` (every model run in-process, one after another):
 * the four CSVs and the printed table and conclusion. Each run happens in its own working directory with the
 * same relative output paths, so stdout (which lists the files written) can be compared whole.
 */
const dir = mkdtempSync(join(tmpdir(), 'cnisim-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of a shipped scenario with `edit` applied; the edit must change it. */
function variantOf(shipped: string, name: string, edit: (text: string) => string): string {
  const text = readFileSync(join(REPO_ROOT, 'scenarios', shipped), 'utf8');
  const edited = edit(text);
  expect(edited).not.toBe(text);
  const path = join(dir, name);
  writeFileSync(path, edited);
  return path;
}

// Three models × the nine datapath variants of mtu-overhead (27 model runs), with a node subnet too small for
// Node Subnet, so the events and the attempt log have rows.
const VARIANTS = variantOf('mtu-overhead.yaml', 'variants.yaml', (t) =>
  t.replace(/^cni: \[overlay\]$/m, 'cni: [overlay, node-subnet, kubenet]\nnetwork: { nodeSubnet: 10.224.0.0/24 }'),
);
// The five models of overlay-vs-flat, three replicates (15 model runs).
const REPLICATES = variantOf('overlay-vs-flat.yaml', 'replicates.yaml', (t) => `${t}\nreplicates: 3\n`);

interface Run {
  readonly result: CliResult;
  readonly files: ReadonlyMap<string, string>;
}

let runs = 0;
function runWith(scenario: string, workers: string): Run {
  const cwd = join(dir, `run-${runs++}`);
  mkdirSync(cwd);
  const result = cnisim(['run', scenario, '--workers', workers, '--out-dir', 'out', '--attempts', 'out/attempts.csv', '--wide'], { cwd });
  const out = join(cwd, 'out');
  const files = new Map(readdirSync(out).sort().map((f) => [f, readFileSync(join(out, f), 'utf8')]));
  return { result, files };
}

describe('cnisim run --workers', () => {
  it.each([
    ['three models × nine datapath variants', VARIANTS, 'mtu-overhead', 27],
    ['five models, three replicates', REPLICATES, 'overlay-vs-flat', 15],
  ])('%s: --workers 3 writes and prints the same bytes as --workers 1', (_what, scenario, name, summaryLines) => {
    const one = runWith(scenario, '1');
    const three = runWith(scenario, '3');
    expect(one.result.code, one.result.stderr).toBe(0);
    expect(three.result.code, three.result.stderr).toBe(0);
    const files = ['attempts.csv', `${name}.events.csv`, `${name}.summary.csv`, `${name}.timeseries.csv`];
    expect([...one.files.keys()]).toEqual(files);
    expect([...three.files.keys()]).toEqual(files);
    for (const f of files) expect(three.files.get(f), f).toBe(one.files.get(f));
    expect(three.result.stdout).toBe(one.result.stdout);
    // The comparison has something in it: a header and every model run's row, refusals in the attempt log, and episodes.
    expect(one.files.get(`${name}.summary.csv`)?.split('\n').length).toBe(summaryLines + 2);
    expect(one.files.get('attempts.csv')?.split('\n').length).toBeGreaterThan(3);
    expect(one.files.get(`${name}.events.csv`)?.split('\n').length).toBeGreaterThan(3);
  });

  it('refuses a --workers that is not a whole number from 1 to 1024, before running, with exit code 2', () => {
    for (const bad of ['0', '-1', 'two', '1.5', '1025', '']) {
      const r = cnisim(['run', 'scenarios/overlay-vs-flat.yaml', '--workers', bad, '--out-dir', join(dir, 'never')]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toBe(`error: --workers: ${bad} is not allowed; expected an integer from 1 to 1024\n`);
    }
    expect(readdirSync(dir)).not.toContain('never');
  });

  it('a worker that throws (a bug) ends the command with the one-line internal error and exit 1, not a hang', () => {
    // A copy of the installed package whose run worker throws, as a bug in a model would: nothing in cnisim
    // itself can be made to fail on purpose. The copy shares the repository's node_modules and kernel.
    const pkg = join(dir, 'broken-package');
    cpSync(join(REPO_ROOT, 'bin'), join(pkg, 'bin'), { recursive: true });
    cpSync(join(REPO_ROOT, 'dist'), join(pkg, 'dist'), { recursive: true });
    cpSync(join(REPO_ROOT, 'package.json'), join(pkg, 'package.json'));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(pkg, 'node_modules'));
    symlinkSync(join(REPO_ROOT, 'build'), join(pkg, 'build'));
    writeFileSync(join(pkg, 'dist/js/unit-worker.js'), "export default function runUnit() { throw new TypeError('model bug in a worker'); }\n");
    const r = spawnSync(process.execPath, [join(pkg, 'bin/cnisim.js'), 'run', REPLICATES, '--workers', '2', '--out-dir', join(dir, 'broken')], {
      encoding: 'utf8',
      env: cliEnv({ CNISIM_DEBUG: undefined }),
      timeout: 60_000,
    });
    expect(r.signal, 'killed by the timeout: the command hung').toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^internal error \(a bug in cnisim, not in your input\): model bug in a worker; please report it to .*\n$/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).not.toContain('broken');
  });
});
