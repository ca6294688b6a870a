import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CNISIM_BIN, REPO_ROOT, cliEnv } from './cli-harness.ts';

/**
 * Each command loads only what it uses: the modules a `cnisim` process loads are recorded by a module hook
 * (fixtures/trace-imports.mjs) and compared with what the command needs.
 */
const dir = mkdtempSync(join(tmpdir(), 'cnisim-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** What each chunk of dist/js/ holds: esbuild's metafile, written by the build (scripts/build.mjs). */
interface Metafile {
  readonly outputs: Readonly<Record<string, { readonly inputs: Readonly<Record<string, unknown>> }>>;
}
const meta = JSON.parse(readFileSync(join(REPO_ROOT, 'build/js-meta.json'), 'utf8')) as Metafile;

/**
 * The packages (node_modules/<name>) and cnisim sources (src/<dir>/<file>, without .ts) a command loads: the
 * chunks it loads, through the metafile, and any package it loads from node_modules at run time.
 */
function loaded(args: readonly string[]): { packages: Set<string>; modules: string[] } {
  const trace = join(dir, `trace-${n++}.txt`);
  const r = spawnSync(process.execPath, ['--import', join(REPO_ROOT, 'test/cli/fixtures/trace-imports.mjs'), CNISIM_BIN, ...args], {
    cwd: REPO_ROOT,
    env: cliEnv({ CNISIM_TRACE_IMPORTS: trace }),
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.status, r.stderr).toBe(0);
  const urls = readFileSync(trace, 'utf8').trim().split('\n');
  const inputs = urls.flatMap((u) => {
    const chunk = /\/(dist\/js\/[^/]+\.js)$/.exec(u)?.[1];
    return chunk === undefined ? [u] : Object.keys(meta.outputs[chunk]?.inputs ?? {});
  });
  expect(inputs.some((i) => i.startsWith('src/cli/main')), 'the trace sees the bundle').toBe(true);
  const packages = new Set(inputs.flatMap((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)?.[1] ?? []));
  const modules = inputs.flatMap((u) => /^src\/(.+)\.ts$/.exec(u)?.[1] ?? []);
  return { packages, modules };
}

const out = (name: string) => ['--out', join(dir, `${name}.csv`), '--timeseries', join(dir, `${name}.t.csv`), '--events', join(dir, `${name}.e.csv`)];

describe('each command loads only what it uses', () => {
  it('--version loads commander and the CLI entry, nothing else', () => {
    const { packages, modules } = loaded(['--version']);
    expect([...packages]).toEqual(['commander']);
    expect(modules.every((m) => m.startsWith('cli/') || m.startsWith('error/'))).toBe(true);
    expect(modules).not.toContain('cli/run');
  });

  it('plan from flags loads no scenario parser, schema, chart, worker pool or kernel', () => {
    const { packages, modules } = loaded(['plan', '--cni', 'all', '--nodes', '50']);
    for (const p of ['zod', 'yaml', 'vega', 'vega-lite', 'piscina', 'seedrandom', 'csv-stringify']) expect(packages.has(p), p).toBe(false);
    for (const m of modules) expect(m, m).not.toMatch(/^(kernel|sweep|scenario|output\/report|sim\/simulation)/);
  });

  it('run loads the charts only with --report, and the worker pool only for more than one model run', () => {
    const plain = loaded(['run', 'scenarios/overlay-vs-flat.yaml', '--cni', 'overlay', '--quiet', ...out('plain')]);
    expect(plain.packages.has('vega')).toBe(false);
    expect(plain.packages.has('piscina')).toBe(false);
    expect(plain.modules.some((m) => m.startsWith('sweep/run-units'))).toBe(false);
    const inProcess = loaded(['run', 'scenarios/overlay-vs-flat.yaml', '--cni', 'overlay,kubenet', '--workers', '1', '--quiet', ...out('one')]);
    expect(inProcess.packages.has('piscina')).toBe(false);
    const two = loaded(['run', 'scenarios/overlay-vs-flat.yaml', '--cni', 'overlay,kubenet', '--workers', '2', '--quiet', ...out('two')]);
    expect(two.packages.has('piscina')).toBe(true);
    expect(two.modules).toContain('sweep/run-units');
    expect(plain.modules.some((m) => m.startsWith('output/report/'))).toBe(false);
    const withReport = loaded(['run', 'scenarios/overlay-vs-flat.yaml', '--cni', 'overlay', '--quiet', ...out('report'), '--report', join(dir, 'r.html')]);
    expect(withReport.packages.has('vega')).toBe(true);
    expect(withReport.modules).toContain('output/report/run-report');
  });
});
