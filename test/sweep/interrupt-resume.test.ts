import { existsSync, mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { cnisim, startCnisim } from './cli-run.ts';

// 40 real cases on one worker, interrupted with SIGINT in a real child process, then resumed.
const SCENARIO = 'test/sweep/fixtures/interrupt-sweep.yaml';
const dir = mkdtempSync(join(tmpdir(), 'cnisim-resume-'));
const path = (name: string): string => join(dir, name);
let uninterrupted = '';

beforeAll(() => {
  expect(cnisim(['sweep', SCENARIO, '--out', path('full.csv'), '--workers', '2', '--quiet']).status).toBe(0);
  uninterrupted = readFileSync(path('full.csv'), 'utf8');
});

/** Starts a sweep, waits until at least `minLines` lines are in the file, then sends `signal`. */
async function interrupt(out: string, signal: NodeJS.Signals, minLines: number): Promise<{ code: number | null; stderr: string }> {
  const child = startCnisim(['sweep', SCENARIO, '--out', out, '--workers', '1', '--quiet']);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (;;) {
    if (existsSync(out) && readFileSync(out, 'utf8').split('\n').length > minLines) break;
    await sleep(20);
  }
  child.kill(signal);
  return { code: await exited, stderr };
}

function rowsOf(text: string): string[] {
  return text.split('\n').slice(1).filter((l) => l !== '');
}

describe('interrupt and resume', () => {
  it('SIGINT leaves a valid partial CSV; --resume runs only the missing cases and equals the uninterrupted run', async () => {
    const out = path('int.csv');
    const { code, stderr } = await interrupt(out, 'SIGINT', 7);
    expect(code).toBe(130);
    expect(stderr).toMatch(/^sweep interrupted by SIGINT: \d+ of 40 cases are in .*; add --resume to finish\n$/);
    const partial = readFileSync(out, 'utf8');
    expect(partial.endsWith('\n')).toBe(true);
    expect(partial.split('\n')[0]).toBe(uninterrupted.split('\n')[0]);
    const done = rowsOf(partial);
    expect(done.length).toBeGreaterThanOrEqual(6);
    expect(done.length).toBeLessThan(80);
    // Every row written before the signal is a row of the uninterrupted run.
    const all = new Set(rowsOf(uninterrupted));
    for (const row of done) expect(all.has(row)).toBe(true);

    const resumed = cnisim(['sweep', SCENARIO, '--out', out, '--workers', '2', '--resume']);
    expect(resumed.status).toBe(0);
    expect(resumed.stderr.trimEnd().split('\n').at(-1)).toBe(`wrote ${out}: 40 cases (${40 - done.length / 2} run now)`);
    expect(readFileSync(out, 'utf8')).toBe(uninterrupted);
  });

  it('SIGTERM stops too, and a record cut short by a hard kill is dropped and rerun', async () => {
    const out = path('term.csv');
    const { code } = await interrupt(out, 'SIGTERM', 5);
    expect(code).toBe(143);
    // Simulate a kill -9 in the middle of a write: the file ends inside a record.
    truncateSync(out, statSync(out).size - 7);
    expect(cnisim(['sweep', SCENARIO, '--out', out, '--workers', '2', '--resume', '--quiet']).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(uninterrupted);
  });

  it('refuses to resume a file written by a different sweep', () => {
    const out = path('other.csv');
    writeFileSync(out, uninterrupted.replace('\n0,40,2,30,', '\n0,40,4,30,'));
    const r = cnisim(['sweep', SCENARIO, '--out', out, '--resume', '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^error: .*other\.csv \(case 0\): "0,40,4,30,interrupt-sweep,overlay,.*" is not allowed; expected rows of this sweep: the scenario or the shard changed since the file was written; write to a new file$/);
  });
});
