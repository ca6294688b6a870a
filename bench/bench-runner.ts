/**
 * What `npm run bench` does, as functions: find the suites (bench/*.bench.ts, each exporting `suite`), run the
 * selected ones in file-name order, and turn their measurements into a table and a CSV with the machine's
 * description on every row (a figure means nothing without the machine it came from).
 */
import { readdirSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatNumber, toCsv } from '../src/output/csv-format.ts';
import type { BenchSuite, Measurement } from './suite.ts';

export const BENCH_CSV_HEADER = [
  'suite',
  'case',
  'unit',
  'median',
  'p25',
  'p75',
  'samples',
  'cpu_model',
  'cores',
  'node_version',
] as const;

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly nodeVersion: string;
}

export function machineInfo(): MachineInfo {
  return {
    cpuModel: (cpus()[0]?.model ?? 'unknown').trim(),
    cores: availableParallelism(),
    nodeVersion: process.version,
  };
}

/** The suite files in `benchDir`, sorted by name so every run visits them in the same order. */
export function suiteFiles(benchDir: string): string[] {
  return readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()
    .map((f) => join(benchDir, f));
}

/** A suite is selected when any filter is a substring of its name or file name (no filters: all). */
export function selected(filters: readonly string[], suiteName: string, file: string): boolean {
  if (filters.length === 0) return true;
  const base = file.split(/[\\/]/).pop() ?? file;
  return filters.some((f) => suiteName.includes(f) || base.includes(f));
}

export async function loadSuite(file: string): Promise<BenchSuite> {
  const mod = (await import(pathToFileURL(file).href)) as { suite?: BenchSuite };
  const s = mod.suite;
  if (s === undefined || typeof s.name !== 'string' || typeof s.run !== 'function') {
    throw new Error(`${file} does not export \`suite: BenchSuite\` (see bench/suite.ts)`);
  }
  return s;
}

export function measurementsCsv(rows: readonly Measurement[], machine: MachineInfo): string {
  return toCsv(
    BENCH_CSV_HEADER,
    rows.map((m) => [
      m.suite,
      m.case,
      m.unit,
      m.median,
      m.p25,
      m.p75,
      m.samples,
      machine.cpuModel,
      machine.cores,
      machine.nodeVersion,
    ]),
  );
}

/** Three significant digits for the console (the CSV keeps full precision). */
function short(x: number): string {
  if (!Number.isFinite(x)) return '';
  const units: Array<[number, string]> = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [scale, suffix] of units) if (Math.abs(x) >= scale) return `${(x / scale).toPrecision(3)}${suffix}`;
  return x.toPrecision(3);
}

/** A fixed-width table: suite, case, median [p25 – p75] unit, samples. */
export function measurementsTable(rows: readonly Measurement[]): string {
  const cells = rows.map((m) => [m.suite, m.case, short(m.median), `[${short(m.p25)} – ${short(m.p75)}]`, m.unit, formatNumber(m.samples)]);
  const head = ['suite', 'case', 'median', '[p25 – p75]', 'unit', 'samples'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: readonly string[]) => c.map((x, i) => (i >= 2 && i !== 4 ? x.padStart(widths[i] as number) : x.padEnd(widths[i] as number))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
