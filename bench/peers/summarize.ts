/**
 * Turns bench/results/peers-raw.csv (one line per timed repetition) into bench/results/peers.csv: the median
 * throughput of every program at every size, by wall clock and by process CPU time, and the ratios the
 * performance goals are stated in:
 *   - engine:  cnisim ÷ each ns-3 scheduler, with one handler and with eight taking turns ("engine hold,
 *              8 handlers"); the goal applies to the best scheduler at each size (issue 14: one handler ≥ 2.0 at
 *              1,000 pending and ≥ 3.0 at 1,000,000; eight handlers ≥ 1.5 and ≥ 2.5);
 *   - kernel:  WASM full path ÷ native C -O2 (goal ≥ 0.9 at every batch size).
 * The first repetition of every process is a warm-up (JIT compilation, page faults) and is dropped. After the
 * table it prints each goal once, by CPU time (the clock the goals are stated in), with "met" or "not met".
 *
 * Usage: tsx bench/peers/summarize.ts RAW.csv OUT.csv NS3_LABEL GCC_LABEL
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { toCsv, type CellValue } from '../../src/output/csv-format.ts';
import { machineInfo, type MachineInfo } from '../bench-runner.ts';
import { quantile } from '../suite.ts';

export interface RawRep {
  readonly round: number;
  readonly program: string;
  readonly size: number;
  readonly items: number;
  readonly wallS: number;
  readonly cpuS: number;
  readonly rep: number;
}

export const PEERS_CSV_HEADER = [
  'comparison',
  'size',
  'clock',
  'subject',
  'subject_per_s',
  'peer',
  'peer_per_s',
  'ratio',
  'peer_is_best',
  'goal_ratio',
  'meets_goal',
  'samples',
  'peer_version',
  'cpu_model',
  'cores',
  'node_version',
] as const;

export function parseRaw(text: string): RawRep[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  return rows.map((r) => ({
    round: Number(r['round']),
    program: r['program'] ?? '',
    size: Number(r['size']),
    items: Number(r['items']),
    wallS: Number(r['wall_s']),
    cpuS: Number(r['cpu_s']),
    rep: Number(r['rep']),
  }));
}

type Clock = 'cpu' | 'wall';

/** Median items per second of one program at one size, warm-up repetitions dropped. */
export function medianRate(reps: readonly RawRep[], program: string, size: number, clock: Clock): { rate: number; samples: number } {
  const rates = reps
    .filter((r) => r.program === program && r.size === size && r.rep > 1)
    .map((r) => r.items / (clock === 'cpu' ? r.cpuS : r.wallS))
    .sort((a, b) => a - b);
  return { rate: quantile(rates, 0.5), samples: rates.length };
}

/** Issue 14's goals against ns-3's best scheduler: sizes below 1,000,000 pending take the 1,000-pending goal. */
export function engineGoal(pending: number, subject: string): number {
  const large = pending >= 1_000_000;
  if (subject === 'cnisim-8h') return large ? 2.5 : 1.5;
  return large ? 3 : 2;
}

export const KERNEL_GOAL = 0.9;

export function peersRows(reps: readonly RawRep[], ns3Label: string, gccLabel: string, machine: MachineInfo): CellValue[][] {
  const rows: CellValue[][] = [];
  const sizesOf = (program: (p: string) => boolean) => [...new Set(reps.filter((r) => program(r.program)).map((r) => r.size))].sort((a, b) => a - b);
  const tail = [machine.cpuModel, machine.cores, machine.nodeVersion];
  for (const clock of ['cpu', 'wall'] as const) {
    for (const subjectName of ['cnisim', 'cnisim-8h']) {
      for (const size of sizesOf((p) => p === subjectName)) {
        const subject = medianRate(reps, subjectName, size, clock);
        const peers = [...new Set(reps.filter((r) => r.program.startsWith('ns3::') && r.size === size).map((r) => r.program))].sort();
        const rates = peers.map((p) => ({ p, ...medianRate(reps, p, size, clock) }));
        const best = Math.max(...rates.map((r) => r.rate));
        const comparison = subjectName === 'cnisim' ? 'engine hold' : 'engine hold, 8 handlers';
        for (const r of rates) {
          const ratio = subject.rate / r.rate;
          const isBest = r.rate === best;
          const goal = engineGoal(size, subjectName);
          rows.push([comparison, size, clock, subjectName, subject.rate, r.p, r.rate, ratio, isBest ? 'yes' : 'no', isBest ? goal : null, isBest ? (ratio >= goal ? 'yes' : 'no') : null, Math.min(subject.samples, r.samples), ns3Label, ...tail]);
        }
      }
    }
    for (const size of sizesOf((p) => p === 'wasm')) {
      const wasm = medianRate(reps, 'wasm', size, clock);
      const c = medianRate(reps, 'native-c', size, clock);
      const ratio = wasm.rate / c.rate;
      rows.push(['kernel full path 64B', size, clock, 'wasm', wasm.rate, 'native-c', c.rate, ratio, 'yes', KERNEL_GOAL, ratio >= KERNEL_GOAL ? 'yes' : 'no', Math.min(wasm.samples, c.samples), gccLabel, ...tail]);
    }
  }
  return rows;
}

/** One line per goal (the best-peer rows by CPU time): what was compared, the ratio, the goal, met or not met. */
export function goalLines(rows: readonly CellValue[][]): string[] {
  const lines: string[] = [];
  for (const r of rows) {
    if (r[2] !== 'cpu' || r[9] === null || r[9] === undefined) continue;
    const size = Number(r[1]).toLocaleString('en-US');
    const what =
      r[0] === 'kernel full path 64B'
        ? `kernel full path, ${size} packets: WASM ÷ native C`
        : `${r[0] === 'engine hold' ? 'engine, 1 handler' : 'engine, 8 handlers'}, ${size} pending: cnisim ÷ ${String(r[5]).replace('ns3::', 'ns-3 ')}`;
    lines.push(`${what} = ${Number(r[7]).toFixed(2)}, goal ≥ ${Number(r[9]).toFixed(1)}: ${r[10] === 'yes' ? 'met' : 'not met'}`);
  }
  return lines;
}

function main(): void {
  const [rawPath, outPath, ns3Label, gccLabel] = process.argv.slice(2);
  if (rawPath === undefined || outPath === undefined) throw new Error('usage: summarize.ts RAW.csv OUT.csv NS3_LABEL GCC_LABEL');
  const reps = parseRaw(readFileSync(rawPath, 'utf8'));
  const rows = peersRows(reps, ns3Label ?? 'ns-3', gccLabel ?? 'gcc -O2', machineInfo());
  writeFileSync(outPath, toCsv(PEERS_CSV_HEADER, rows));
  const fmt = (x: CellValue) => (typeof x === 'number' ? (x >= 1000 ? `${(x / 1e6).toFixed(2)}M` : x.toFixed(2)) : String(x ?? ''));
  process.stdout.write(`comparison            size      clock  subject/s  peer                               peer/s   ratio  goal\n`);
  for (const r of rows) {
    process.stdout.write(
      `${String(r[0]).padEnd(21)} ${String(r[1]).padStart(8)}  ${String(r[2]).padEnd(5)} ${fmt(r[4] ?? null).padStart(9)}  ${String(r[5]).padEnd(30)} ${fmt(r[6] ?? null).padStart(9)}  ${fmt(r[7] ?? null).padStart(6)}  ${r[9] === null ? '' : `${fmt(r[9] ?? null)} ${r[10]}`}\n`,
    );
  }
  process.stdout.write(`\ngoals (issue 14), process CPU time, against the best peer in this run:\n`);
  for (const line of goalLines(rows)) process.stdout.write(`  ${line}\n`);
  process.stdout.write(`wrote ${outPath}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
