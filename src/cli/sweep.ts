import { availableParallelism } from 'node:os';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../error/input-error.ts';
import { progressReporter } from '../sweep/progress.ts';
import { runSweep } from '../sweep/run-sweep.ts';
import { WHOLE, parseShard } from '../sweep/shard.ts';
import { planSweep } from '../sweep/sweep-plan.ts';
import { loadSweepKernel } from '../sweep/sweep-kernel.ts';
import { EXIT_DOES_NOT_FIT, EXIT_OK, runCommand } from './exit.ts';
import { MAX_EVENTS_HELP, parseBudgetFlags, parseIntFlag, type BudgetFlags } from './options.ts';
import { checkProgress } from './check-progress.ts';
import { checkOutputPaths } from './output-path.ts';

interface SweepFlags extends BudgetFlags {
  out: string;
  workers?: string;
  shard?: string;
  case?: string;
  resume?: boolean;
  quiet?: boolean;
}

/** Exit codes after a signal, as a shell reports them (128 + signal number). */
const EXIT_SIGNAL: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

async function sweep(path: string, flags: SweepFlags): Promise<number> {
  const budget = parseBudgetFlags(flags);
  // Checked first: a bad --out costs nothing, while checking a large grid takes seconds.
  checkOutputPaths([{ flag: '--out', path: flags.out }]);
  const checking = checkProgress(flags.quiet === true);
  let plan: ReturnType<typeof planSweep>;
  try {
    plan = planSweep(path, { budget, onCheckProgress: checking.onCheckProgress });
  } finally {
    checking.stop();
  }
  const workers = flags.workers === undefined ? availableParallelism() : parseIntFlag('--workers', flags.workers, 1, 1024);
  const shard = flags.shard === undefined ? WHOLE : parseShard(flags.shard);
  const onlyCase = flags.case === undefined ? undefined : parseIntFlag('--case', flags.case, 0, plan.grid.caseCount - 1);
  if (onlyCase !== undefined && flags.shard !== undefined) {
    throw new InputError([{ code: 'bad-flag', path: '--case', value: flags.case ?? '', allowed: 'either --case or --shard, not both' }]);
  }
  mkdirSync(dirname(flags.out), { recursive: true });

  const controller = new AbortController();
  let signalName = '';
  const onSignal = (name: NodeJS.Signals): void => {
    signalName = name;
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const progress = progressReporter(process.stderr, flags.quiet === true);
  try {
    const outcome = await runSweep({
      context: { input: plan.input, fileName: plan.fileName, grid: plan.grid, resultColumns: plan.resultColumns, kernelModule: await loadSweepKernel() },
      header: plan.header,
      outPath: flags.out,
      workers,
      shard,
      ...(onlyCase === undefined ? {} : { onlyCase }),
      resume: flags.resume === true,
      signal: controller.signal,
      onProgress: (done, total) => progress.update(done, total),
      onFailure: (f) => {
        process.stderr.write(
          `\ncase ${f.index} failed (${f.parameters}; seed ${f.seed}, replicate ${f.replicate}): ${f.message}\n` +
            `  rerun it alone: cnisim sweep ${path} --case ${f.index} --out case-${f.index}.csv\n`,
        );
      },
    });
    progress.stop();
    if (outcome.kind === 'interrupted') {
      process.stderr.write(`sweep interrupted by ${signalName}: ${outcome.alreadyDone + outcome.ran} of ${outcome.selected} cases are in ${flags.out}; add --resume to finish\n`);
      return EXIT_SIGNAL[signalName] ?? 130;
    }
    if (outcome.failures.length > 0) {
      process.stderr.write(`${outcome.failures.length} case(s) failed: ${outcome.failures.map((f) => f.index).join(', ')}; the other rows are in ${flags.out}\n`);
      return EXIT_DOES_NOT_FIT;
    }
    if (flags.quiet !== true) process.stderr.write(`wrote ${flags.out}: ${outcome.selected} cases (${outcome.ran} run now)\n`);
    return EXIT_OK;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** `cnisim sweep SCENARIO --out FILE.csv`: runs the scenario's sweep grid on worker threads. */
export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('Run every case of a scenario\'s sweep: section in parallel, one CSV row per case and variant (docs/sweeps.md)')
    .argument('<scenario>', 'scenario file (YAML or JSON) with a sweep: section')
    .requiredOption('--out <file>', 'CSV to write; rows are appended as cases finish and sorted at the end')
    .option('--workers <n>', 'worker threads (default: one per core)')
    .option('--shard <i/n>', 'run only the i-th of n interleaved slices (0-based; for Kubernetes Indexed Jobs)')
    .option('--case <index>', 'run only this case (to rerun a failed one)')
    .option('--resume', 'keep the rows already in --out and run only the missing cases')
    .option('--max-events <n>', MAX_EVENTS_HELP)
    .option('--quiet', 'no progress output')
    .action((scenario: string, flags: SweepFlags) => runCommand(() => sweep(scenario, flags)));
}
