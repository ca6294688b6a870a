import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BENCH_CSV_HEADER, measurementsCsv, selected, suiteFiles } from '../../bench/bench-runner.ts';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function runBench(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(tsx, ['bench/run.ts', ...args], { encoding: 'utf8', timeout: 290_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run bench', () => {
  it('runs every suite with --quick and writes one CSV row per measurement, every suite represented', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cnisim-bench-')), 'latest.csv');
    const r = runBench(['--quick', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const ran = [...r.stdout.matchAll(/^running (\S+) …$/gm)].map((m) => m[1] as string);
    expect(ran.length).toBe(suiteFiles('bench').length);
    const rows = parse(readFileSync(out, 'utf8'), { columns: false }) as string[][];
    expect(rows[0]).toEqual([...BENCH_CSV_HEADER]);
    const body = rows.slice(1);
    expect(new Set(body.map((row) => row[0]))).toEqual(new Set(ran));
    for (const row of body) {
      expect(row).toHaveLength(BENCH_CSV_HEADER.length);
      const [, caseName, unit, median, p25, p75, samples, cpu, cores, node] = row as [string, ...string[]];
      expect(caseName).not.toBe('');
      expect(unit).not.toBe('');
      const [m, lo, hi, n] = [median, p25, p75, samples].map(Number) as [number, number, number, number];
      // A fitted growth exponent from a quick run's noisy timings may come out at or below zero; every other
      // figure (a throughput, a time, a size) must be positive.
      expect(Number.isFinite(m) && (unit === 'exponent' || m > 0), row.join(',')).toBe(true);
      expect(lo, row.join(',')).toBeLessThanOrEqual(m);
      expect(m, row.join(',')).toBeLessThanOrEqual(hi);
      expect(Number.isInteger(n) && n >= 1, row.join(',')).toBe(true);
      expect(cpu).not.toBe('');
      expect(Number(cores)).toBeGreaterThanOrEqual(1);
      expect(node).toBe(process.version);
    }
  }, 300_000);

  it('exits 2 and names the filter when no suite matches', () => {
    const r = runBench(['--quick', '--filter', 'no-such-suite', '--out', join(tmpdir(), 'unused.csv')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no suite matches no-such-suite');
  });
});

describe('bench runner helpers', () => {
  it('selects by suite name or file name, all when there is no filter', () => {
    expect(selected([], 'engine', 'bench/engine.bench.ts')).toBe(true);
    expect(selected(['eng'], 'engine', 'bench/engine.bench.ts')).toBe(true);
    expect(selected(['scaling.bench'], 'scaling', 'bench/scaling.bench.ts')).toBe(true);
    expect(selected(['kernel', 'snat'], 'engine', 'bench/engine.bench.ts')).toBe(false);
  });

  it('writes the documented columns, locale-free numbers and quoted cases', () => {
    const csv = measurementsCsv(
      [{ suite: 'engine', case: 'hold, 1,000 pending', unit: 'events/s', median: 8123456.5, p25: 8e6, p75: 8.25e6, samples: 42 }],
      { cpuModel: 'AMD EPYC', cores: 2, nodeVersion: 'v20.20.2' },
    );
    expect(csv).toBe(
      'suite,case,unit,median,p25,p75,samples,cpu_model,cores,node_version\n' +
        'engine,"hold, 1,000 pending",events/s,8123456.5,8000000,8250000,42,AMD EPYC,2,v20.20.2\n',
    );
  });
});
