import { workerData } from 'node:worker_threads';
import { runSweepCase, type SweepContext } from './case-task.ts';

/**
 * A piscina worker: runs sweep cases by index. The sweep's context (scenario, grid, compiled kernel module) is
 * sent once as workerData; each task is just a case index, and each worker instantiates its own kernel.
 *
 * Everything is imported statically: under tsx, piscina's workers load modules through the CommonJS hook, which
 * rejects dynamic import() of .ts files and top-level await.
 */
const context = workerData as SweepContext;

export default async function runCase(task: { readonly index: number }): Promise<string> {
  return runSweepCase(context, task.index);
}
