import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { InputError } from '../error/input-error.ts';
import { caseResult } from '../scenario/run.ts';
import { caseUnits, type UnitResult } from '../scenario/run-unit.ts';
import { scenarioResult, type ScenarioResult } from '../scenario/run-replicates.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
import { secondsToNs } from '../sim/time.ts';
import type { UnitContext, UnitOutcome, UnitProgress, UnitTask } from './unit-task.ts';

export interface ParallelRunOptions {
  /** Worker threads; at least 2 makes sense (one runs in-process with runScenarioReplicates). */
  readonly workers: number;
  readonly kernelModule?: WebAssembly.Module;
  /**
   * Called as model runs advance, with the run's index (replicate-major, then caseUnits order), the simulated
   * time it reached and its duration. Runs report concurrently; a finished run reports doneNs = durationNs.
   */
  readonly onProgress?: (run: number, doneNs: number, durationNs: number) => void;
  /** Worker file (src/sweep/unit-worker.ts unless a test swaps in a fake). */
  readonly workerUrl?: string;
}

/** Compiled (dist/js/*.js), workers run the compiled worker; from the sources (tsx, vitest), the .ts one. */
const WORKER_FILE = new URL(import.meta.url.endsWith('.js') ? './unit-worker.js' : './unit-worker.ts', import.meta.url).href;

/**
 * Runs every model run of every replicate (networking model × variant) on a pool of worker threads and returns
 * what runScenarioReplicates returns, byte for byte: each run is independent of the others (runScenarioUnit),
 * and the results are put back in (replicate, model, variant) order whatever order they finish in.
 *
 * Runs are queued in that same order. The work estimate (src/scenario/work-estimate.ts) counts the same events
 * for every model of a scenario, so it cannot tell the long runs from the short ones; the scenario's order is
 * the schedule.
 *
 * The first failure stops everything: the pool is destroyed (the threads of unfinished runs are terminated) and
 * the error is thrown, an InputError when the run found bad input.
 */
export async function runScenarioOnWorkers(scenario: Scenario, opts: ParallelRunOptions): Promise<ScenarioResult> {
  const unitCount = caseUnits(scenario).length;
  const total = unitCount * scenario.replicates;
  const durationNs = secondsToNs(scenario.durationS);
  const workerUrl = opts.workerUrl ?? WORKER_FILE;
  const context: UnitContext = { scenario, kernelModule: opts.kernelModule };
  const pool = new Piscina<UnitTask, UnitOutcome>({
    filename: workerUrl,
    minThreads: Math.min(opts.workers, total),
    maxThreads: Math.min(opts.workers, total),
    // A .ts worker needs tsx (a dev dependency) to load; the compiled package's .js worker needs nothing.
    execArgv: workerUrl.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [],
    workerData: context,
  });
  // A worker that fails outside a task (it cannot start, or it crashes) ends the run like a failed task.
  let poolError: (err: unknown) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    poolError = reject;
  });
  failed.catch(() => undefined);
  pool.on('error', (err: unknown) => poolError(err));
  try {
    const tasks: Promise<UnitResult>[] = [];
    for (let r = 0; r < scenario.replicates; r++) {
      for (let u = 0; u < unitCount; u++) tasks.push(runOne(pool, { replicate: r, unit: u }, r * unitCount + u, durationNs, opts.onProgress));
    }
    const results = await Promise.race([Promise.all(tasks), failed]);
    const cases = [];
    for (let r = 0; r < scenario.replicates; r++) {
      cases.push(caseResult(scenario, {}, results.slice(r * unitCount, (r + 1) * unitCount)));
    }
    return scenarioResult(scenario, cases);
  } finally {
    await pool.destroy();
  }
}

/** Runs one model run; its progress messages are relayed until it finishes, which is reported as its end. */
async function runOne(
  pool: Piscina<UnitTask, UnitOutcome>,
  task: UnitTask,
  index: number,
  durationNs: number,
  onProgress: ParallelRunOptions['onProgress'],
): Promise<UnitResult> {
  let outcome: UnitOutcome;
  if (onProgress === undefined) {
    outcome = await pool.run(task);
  } else {
    const channel = new MessageChannel();
    let finished = false;
    channel.port1.on('message', (m: UnitProgress) => {
      if (!finished) onProgress(index, m.doneNs, m.durationNs);
    });
    try {
      outcome = await pool.run({ ...task, progress: channel.port2 }, { transferList: [channel.port2] });
    } finally {
      finished = true;
      channel.port1.close();
    }
    // Its last progress message may still be on the way (it travels on another port than the result).
    onProgress(index, durationNs, durationNs);
  }
  if (outcome.kind === 'bad-input') throw new InputError(outcome.problems);
  return outcome.result;
}
