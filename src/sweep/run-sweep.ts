import { closeSync, existsSync, fsyncSync, openSync, truncateSync, writeSync } from 'node:fs';
import { Piscina } from 'piscina';
import { InputError } from '../error/input-error.ts';
import type { SweepContext } from './case-task.ts';
import { casePrefixText, headerLine } from './csv-layout.ts';
import { caseAt, describeCombination } from './grid.ts';
import { canonicalOrder, isCanonical, scanSweepFile, writeBlocks, type CaseBlock } from './row-file.ts';
import { inShard, type Shard } from './shard.ts';

export interface SweepRunOptions {
  readonly context: SweepContext;
  /** Column names, written as the first line. */
  readonly header: readonly string[];
  readonly outPath: string;
  readonly workers: number;
  readonly shard: Shard;
  /** Run only this case (to rerun a failed one alone); overrides the shard. */
  readonly onlyCase?: number;
  /** Keep the rows already in `outPath` and run only the missing cases. */
  readonly resume: boolean;
  /** Worker file that runs a case (src/sweep/case-worker.ts unless a test swaps in a fake). */
  readonly workerUrl?: string;
  /** Aborting stops the workers; the file keeps every finished case and stays a valid CSV. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
  readonly onFailure?: (failure: CaseFailure) => void;
}

/** A case that threw: everything needed to rerun it alone (`cnisim sweep FILE --case INDEX`). */
export interface CaseFailure {
  readonly index: number;
  readonly parameters: string;
  readonly seed: number;
  readonly replicate: number;
  readonly message: string;
}

export interface SweepOutcome {
  readonly kind: 'complete' | 'interrupted';
  /** Cases this run is responsible for (the shard, or the one case). */
  readonly selected: number;
  /** Of those, cases found already done in the file (with --resume). */
  readonly alreadyDone: number;
  readonly ran: number;
  readonly failures: readonly CaseFailure[];
}

/** Compiled (dist/*.js), workers run the compiled worker; from the sources (tsx, vitest), the .ts one. */
const WORKER_FILE = new URL(import.meta.url.endsWith('.js') ? './case-worker.js' : './case-worker.ts', import.meta.url).href;

/** A pool of `workers` threads that run cases by index: `pool.run({ index })` resolves to the case's CSV rows. */
export function createCasePool(context: SweepContext, workers: number, workerUrl: string = WORKER_FILE): Piscina<{ index: number }, string> {
  return new Piscina<{ index: number }, string>({
    filename: workerUrl,
    minThreads: workers,
    maxThreads: workers,
    // A .ts worker needs tsx (a dev dependency) to load; the compiled package's .js worker needs nothing.
    execArgv: workerUrl.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [],
    workerData: context,
  });
}

/**
 * Runs the selected cases of a sweep on a pool of worker threads and appends each case's rows to `outPath` as
 * soon as it finishes (one write per case, so a case is in the file whole or not at all). When every case is
 * done the file is rewritten in canonical order, so it is byte-identical whatever the number of workers.
 */
export async function runSweep(opts: SweepRunOptions): Promise<SweepOutcome> {
  const { grid } = opts.context;
  const selectedCase = (i: number): boolean => (opts.onlyCase === undefined ? inShard(i, opts.shard) : i === opts.onlyCase);
  let selected = 0;
  for (let i = 0; i < grid.caseCount; i++) if (selectedCase(i)) selected++;

  const headerText = headerLine(opts.header);
  const done = new Uint8Array(grid.caseCount);
  const alreadyDone = opts.resume && existsSync(opts.outPath) ? loadDone(opts, headerText, selectedCase, done) : 0;
  let fd: number;
  if (alreadyDone === -1 || !(opts.resume && existsSync(opts.outPath))) {
    fd = openSync(opts.outPath, 'w');
    writeSync(fd, headerText);
  } else {
    fd = openSync(opts.outPath, 'a');
  }
  const resumed = Math.max(alreadyDone, 0);

  const failures: CaseFailure[] = [];
  let ran = 0;
  let stopped = false;
  opts.onProgress?.(resumed, selected);
  const pool = createCasePool(opts.context, opts.workers, opts.workerUrl);
  // A worker that cannot start (a broken install) is fatal, not a failed case: stop everything and rethrow.
  let fatal: unknown;
  const stop = new AbortController();
  pool.on('error', (err: unknown) => {
    fatal ??= err;
    stop.abort();
  });
  if (opts.signal?.aborted === true) stop.abort();
  opts.signal?.addEventListener('abort', () => stop.abort(), { once: true });
  const aborted = new Promise<void>((resolve) => {
    if (stop.signal.aborted) resolve();
    stop.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  const inflight = new Set<Promise<void>>();
  // A few tasks queued per worker keep every thread busy without holding the whole grid in memory.
  const limit = opts.workers * 2;
  try {
    for (let i = 0; i < grid.caseCount && !stop.signal.aborted; i++) {
      if (!selectedCase(i) || done[i] === 1) continue;
      const task: Promise<void> = pool.run({ index: i }).then(
        (text) => {
          if (stopped) return;
          writeSync(fd, text);
          ran++;
          opts.onProgress?.(resumed + ran + failures.length, selected);
        },
        (err: unknown) => {
          if (stopped) return;
          const c = caseAt(grid, i);
          const failure = { index: i, parameters: describeCombination(grid, c), seed: c.seed, replicate: c.replicate, message: err instanceof Error ? err.message : String(err) };
          failures.push(failure);
          opts.onFailure?.(failure);
          opts.onProgress?.(resumed + ran + failures.length, selected);
        },
      ).finally(() => inflight.delete(task));
      inflight.add(task);
      if (inflight.size >= limit) await Promise.race([...inflight, aborted]);
    }
    await Promise.race([Promise.all(inflight), aborted]);
  } finally {
    stopped = true;
    await pool.destroy();
    fsyncSync(fd);
    closeSync(fd);
  }
  if (fatal !== undefined) throw fatal;
  if (stop.signal.aborted) return { kind: 'interrupted', selected, alreadyDone: resumed, ran, failures };
  canonicalize(opts.outPath, headerText);
  return { kind: 'complete', selected, alreadyDone: resumed, ran, failures };
}

/**
 * Reads the rows already in the output file into `done`, after checking they come from this sweep and shard.
 * Drops a case cut short by a hard kill. Returns the number of cases found, or -1 for an empty file.
 */
function loadDone(opts: SweepRunOptions, headerText: string, selectedCase: (i: number) => boolean, done: Uint8Array): number {
  const { grid } = opts.context;
  const scanned = scanSweepFile(opts.outPath, 0, (line, i) => {
    if (i >= grid.caseCount || !selectedCase(i) || !line.startsWith(casePrefixText(grid, caseAt(grid, i)))) {
      throw new InputError([{
        code: 'resume-mismatch',
        path: `${opts.outPath} (case ${i})`,
        value: JSON.stringify(line.slice(0, 60)),
        allowed: `rows of this sweep${opts.shard.count > 1 ? ` and shard ${opts.shard.index}/${opts.shard.count}` : ''}: the scenario or the shard changed since the file was written; write to a new file`,
      }]);
    }
  });
  if (scanned.header === '' && scanned.blocks.length === 0) return -1;
  if (`${scanned.header}\n` !== headerText) {
    throw new InputError([{ code: 'resume-mismatch', path: opts.outPath, value: 'its header', allowed: `the header of this sweep (${headerText.trim().slice(0, 80)}...): the swept parameters changed; write to a new file` }]);
  }
  let keep = scanned.completeBytes;
  const blocks: CaseBlock[] = scanned.blocks;
  if (scanned.completeBytes < scanned.totalBytes && blocks.length > 0) {
    // The last line was cut short: the rest of its case may be too, so drop the whole case and rerun it.
    const last = blocks.pop() as CaseBlock;
    keep = last.offset;
  }
  if (keep < scanned.totalBytes) truncateSync(opts.outPath, keep);
  let found = 0;
  for (const b of blocks) {
    if (done[b.caseIndex] !== 1) found++;
    done[b.caseIndex] = 1;
  }
  return found;
}

/** Rewrites the file in canonical case order unless it already is. */
function canonicalize(path: string, headerText: string): void {
  const { blocks } = scanSweepFile(path);
  if (isCanonical(blocks)) return;
  const ordered = canonicalOrder(blocks, (a) => {
    throw new Error(`${path}: case ${a.caseIndex} was written twice`);
  });
  writeBlocks(path, headerText, [path], ordered);
}
