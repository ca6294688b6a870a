import { workerData } from 'node:worker_threads';
import { runUnitTask, type UnitContext, type UnitOutcome, type UnitTask } from './unit-task.ts';

/**
 * A piscina worker for `cnisim run`: runs one model run (networking model × variant, one replicate) per task.
 * The scenario and the compiled kernel module come once as workerData; each task instantiates its own kernel.
 *
 * Everything is imported statically: under tsx, piscina's workers load modules through the CommonJS hook, which
 * rejects dynamic import() of .ts files and top-level await.
 */
const context = workerData as UnitContext;

export default async function runUnit(task: UnitTask): Promise<UnitOutcome> {
  return runUnitTask(context, task);
}
