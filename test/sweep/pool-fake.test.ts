import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { sweepHeader } from '../../src/sweep/csv-layout.ts';
import { runSweep, type CaseFailure, type SweepRunOptions } from '../../src/sweep/run-sweep.ts';
import { WHOLE, parseShard } from '../../src/sweep/shard.ts';
import { planSweep } from '../../src/sweep/sweep-plan.ts';

// The pool, the file handling and failure reporting, with a fake case (test/sweep/fixtures/fake-worker.ts)
// that returns two rows per case at once, so the grid can be large and the test fast.
const FAKE_COLUMNS = ['label', 'seed', 'replicate', 'value'];
const plan = planSweep('test/sweep/fixtures/small-sweep.yaml');
const dir = mkdtempSync(join(tmpdir(), 'cnisim-pool-'));
// Bundled to plain JavaScript once, so each worker thread starts without loading tsx (these tests start many).
// Its import.meta.url stays the fixture's, so packages loaded at run time resolve from the repository.
const FAKE_WORKER_FILE = join(dir, 'fake-worker.mjs');
buildSync({
  entryPoints: ['test/sweep/fixtures/fake-worker.ts'],
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile: FAKE_WORKER_FILE,
  define: { 'import.meta.url': JSON.stringify(new URL('./fixtures/fake-worker.ts', import.meta.url).href) },
  logLevel: 'error',
});
const FAKE_WORKER = pathToFileURL(FAKE_WORKER_FILE).href;

function options(out: string, extra: Partial<SweepRunOptions> & { crashCase?: number; padBytes?: number } = {}, p = plan): SweepRunOptions {
  const context = { input: p.input, fileName: p.fileName, grid: p.grid, resultColumns: FAKE_COLUMNS, kernelModule: undefined, crashCase: extra.crashCase, padBytes: extra.padBytes };
  return { context, header: sweepHeader(p.grid, FAKE_COLUMNS), outPath: out, workers: 2, shard: WHOLE, resume: false, workerUrl: FAKE_WORKER, ...extra };
}

const EXPECTED = [
  'case,case_count,cluster.pools[0].count,cluster.pools[0].maxPods,label,seed,replicate,value',
  '0,8,2,30,a,7,0,0', '0,8,2,30,b,7,0,1',
  '1,8,2,30,a,7,1,10', '1,8,2,30,b,7,1,11',
  '2,8,2,60,a,7,0,20', '2,8,2,60,b,7,0,21',
  '3,8,2,60,a,7,1,30', '3,8,2,60,b,7,1,31',
  '4,8,4,30,a,7,0,40', '4,8,4,30,b,7,0,41',
  '5,8,4,30,a,7,1,50', '5,8,4,30,b,7,1,51',
  '6,8,4,60,a,7,0,60', '6,8,4,60,b,7,0,61',
  '7,8,4,60,a,7,1,70', '7,8,4,60,b,7,1,71',
].join('\n') + '\n';

describe('sweep pool with a fake case', () => {
  it('writes every case once, in canonical order, with its parameters, seed and replicate', async () => {
    const out = join(dir, 'all.csv');
    const outcome = await runSweep(options(out));
    expect(outcome).toEqual({ kind: 'complete', selected: 8, alreadyDone: 0, ran: 8, failures: [] });
    expect(readFileSync(out, 'utf8')).toBe(EXPECTED);
  });

  it('reports a crashing case with its parameters and seed and keeps every other row', async () => {
    const out = join(dir, 'crash.csv');
    const seen: CaseFailure[] = [];
    const outcome = await runSweep(options(out, { crashCase: 5, onFailure: (f) => seen.push(f) }));
    expect(outcome.failures).toEqual([
      { index: 5, parameters: 'cluster.pools[0].count=4, cluster.pools[0].maxPods=30', seed: 7, replicate: 1, message: 'model bug in case 5' },
    ]);
    expect(seen).toEqual(outcome.failures);
    const expectedWithout5 = EXPECTED.split('\n').filter((l) => !l.startsWith('5,')).join('\n');
    expect(readFileSync(out, 'utf8')).toBe(expectedWithout5);
    // Rerunning only the failed case (once fixed) completes the file.
    const fixed = await runSweep(options(out, { resume: true }));
    expect(fixed).toEqual({ kind: 'complete', selected: 8, alreadyDone: 7, ran: 1, failures: [] });
    expect(readFileSync(out, 'utf8')).toBe(EXPECTED);
  });

  it('runs one case alone with onlyCase', async () => {
    const out = join(dir, 'one.csv');
    await runSweep(options(out, { onlyCase: 6, workers: 1 }));
    expect(readFileSync(out, 'utf8')).toBe(`${EXPECTED.split('\n')[0]}\n6,8,4,60,a,7,0,60\n6,8,4,60,b,7,0,61\n`);
  });

  it('stops at once when aborted and leaves a header-only valid file', async () => {
    const out = join(dir, 'aborted.csv');
    const controller = new AbortController();
    controller.abort();
    const outcome = await runSweep(options(out, { signal: controller.signal }));
    expect(outcome.kind).toBe('interrupted');
    expect(outcome.ran).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(`${EXPECTED.split('\n')[0]}\n`);
  });

  it('resumes a shard file missing its last cases, and refuses it as another shard', async () => {
    const out = join(dir, 'shard1.csv');
    const shard = parseShard('1/3');
    await runSweep(options(out, { shard }));
    const full = readFileSync(out, 'utf8');
    expect(full.split('\n').slice(1, -1).map((l) => l.split(',')[0])).toEqual(['1', '1', '4', '4', '7', '7']);
    // As if stopped after case 1: header and case 1's two rows.
    writeFileSync(out, full.split('\n').slice(0, 3).join('\n') + '\n');
    expect(await runSweep(options(out, { shard, resume: true }))).toEqual({ kind: 'complete', selected: 3, alreadyDone: 1, ran: 2, failures: [] });
    expect(readFileSync(out, 'utf8')).toBe(full);
    await expect(runSweep(options(out, { shard: parseShard('2/3'), resume: true }))).rejects.toThrow(/shard1\.csv \(case 1\).*expected rows of this sweep and shard 2\/3/);
  });

  it('keeps memory flat over 10,000 cases: rows go to disk, not to the heap', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const big = planSweep('test/sweep/fixtures/ten-thousand.yaml');
    const out = join(dir, 'ten-thousand.csv');
    const heapMb: number[] = [];
    await runSweep(options(out, {
      padBytes: 2000,
      onProgress: (done) => {
        if (done % 2000 !== 0 || done === 0) return;
        gc();
        heapMb.push(process.memoryUsage().heapUsed / 1e6);
      },
    }, big));
    // 10,000 rows of 2 kB: 20 MB on disk; keeping them would grow the heap by about 16 MB between the samples.
    expect(statSync(out).size).toBeGreaterThan(20e6);
    expect(heapMb).toHaveLength(5);
    expect((heapMb[4] ?? Infinity) - (heapMb[0] ?? 0)).toBeLessThan(4);
  });
});
