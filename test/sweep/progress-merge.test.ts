import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/error/input-error.ts';
import { mergeSweepFiles } from '../../src/sweep/merge.ts';
import { progressReporter } from '../../src/sweep/progress.ts';

const dir = mkdtempSync(join(tmpdir(), 'cnisim-merge-'));

/** A stand-in for process.stderr that records what is written. */
function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = { isTTY, text: '', columns: 100, write(chunk: string) { s.text += chunk; return true; }, on() { return s; }, removeListener() { return s; }, cursorTo() { return true; }, clearLine() { return true; }, moveCursor() { return true; } };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe('progress', () => {
  it('prints plain lines (first update and end) when stderr is not a terminal', () => {
    const s = fakeStream(false);
    const p = progressReporter(s, false);
    p.update(0, 8);
    p.update(3, 8);
    p.update(8, 8);
    p.stop();
    const lines = s.text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^sweep: 0\/8 cases \(0%\), \d+\.\d cases\/s, unknown left$/);
    expect(lines[1]).toMatch(/^sweep: 8\/8 cases \(100%\), \d+\.\d cases\/s, 0s left$/);
  });

  it('prints nothing when quiet', () => {
    const s = fakeStream(false);
    const p = progressReporter(s, true);
    p.update(0, 8);
    p.stop();
    expect(s.text).toBe('');
  });
});

describe('merge checks', () => {
  const header = 'case,case_count,x,scenario,cni,seed,replicate,m\n';
  const row = (i: number): string => `${i},3,${i * 10},s,overlay,1,0,${i}\n`;

  it('merges in canonical order whatever the order of files and rows', () => {
    writeFileSync(join(dir, 'a.csv'), header + row(2) + row(0));
    writeFileSync(join(dir, 'b.csv'), header + row(1));
    expect(mergeSweepFiles([join(dir, 'b.csv'), join(dir, 'a.csv')], join(dir, 'ab.csv'))).toEqual({ kind: 'merged', cases: 3, rows: 3 });
    expect(readFileSync(join(dir, 'ab.csv'), 'utf8')).toBe(header + row(0) + row(1) + row(2));
  });

  it('refuses files from different sweeps and a file cut short', () => {
    writeFileSync(join(dir, 'c.csv'), header.replace(',x,', ',y,') + row(1));
    writeFileSync(join(dir, 'd.csv'), header + row(1).slice(0, 5));
    const problem = (files: string[]): string => {
      try {
        mergeSweepFiles(files, join(dir, 'out.csv'));
      } catch (err) {
        if (err instanceof InputError) return `${err.problems[0]?.code} ${err.problems[0]?.path}`;
      }
      return 'no error';
    };
    expect(problem([join(dir, 'a.csv'), join(dir, 'c.csv')])).toBe(`merge-header ${join(dir, 'c.csv')}`);
    expect(problem([join(dir, 'a.csv'), join(dir, 'd.csv')])).toBe(`merge-cut-short ${join(dir, 'd.csv')}`);
  });

  it('refuses a file whose case_count differs', () => {
    writeFileSync(join(dir, 'e.csv'), header + row(1).replace('1,3,', '1,4,'));
    expect(() => mergeSweepFiles([join(dir, 'a.csv'), join(dir, 'e.csv')], join(dir, 'out.csv'))).toThrow(/case_count 4 is not allowed; expected case_count 3/);
  });
});
