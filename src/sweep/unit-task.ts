import type { MessagePort } from 'node:worker_threads';
import { InputError, type InputProblem } from '../error/input-error.ts';
import { caseUnits, runScenarioUnit, type UnitResult } from '../scenario/run-unit.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';

/** What every model run of a `cnisim run` shares; sent once to each worker thread. */
export interface UnitContext {
  /** The validated scenario, with the command's flags applied (a plain object: it crosses threads by structured clone). */
  readonly scenario: Scenario;
  readonly kernelModule: WebAssembly.Module | undefined;
}

/** One model run: a replicate and an index into caseUnits(scenario). */
export interface UnitTask {
  readonly replicate: number;
  readonly unit: number;
  /** Where to post progress (UnitProgress messages); absent when no progress is shown. */
  readonly progress?: MessagePort;
}

/** Simulated time reached by a model run, posted about 100 times per run. */
export interface UnitProgress {
  readonly doneNs: number;
  readonly durationNs: number;
}

/**
 * A model run's outcome. Bad input found while running (an InputError) comes back as its problems, because an
 * error crossing threads keeps only its message, and the command must still exit 2 and print every problem.
 */
export type UnitOutcome =
  | { readonly kind: 'done'; readonly result: UnitResult }
  | { readonly kind: 'bad-input'; readonly problems: readonly InputProblem[] };

/** Runs one model run, as runScenarioCase would run it: the same scenario, seed, replicate and options give the same rows. */
export async function runUnitTask(ctx: UnitContext, task: UnitTask): Promise<UnitOutcome> {
  const unit = caseUnits(ctx.scenario)[task.unit];
  if (unit === undefined) throw new Error(`model run ${task.unit} is not one of the scenario's ${caseUnits(ctx.scenario).length}`);
  const port = task.progress;
  try {
    const result = await runScenarioUnit(ctx.scenario, unit, {
      seed: ctx.scenario.seed,
      replicate: task.replicate,
      timeseries: true,
      ...(ctx.kernelModule === undefined ? {} : { kernelModule: ctx.kernelModule }),
      ...(port === undefined ? {} : { onProgress: (doneNs: number, durationNs: number) => port.postMessage({ doneNs, durationNs } satisfies UnitProgress) }),
    });
    return { kind: 'done', result };
  } catch (err) {
    if (err instanceof InputError) return { kind: 'bad-input', problems: err.problems };
    throw err;
  } finally {
    port?.close();
  }
}
