import type { Command } from 'commander';
import { warningLines } from '../checks/scenario-warnings.ts';
import { InputError, sortByPosition, type InputProblem } from '../error/input-error.ts';
import { loadScenarioDocument } from '../scenario/load.ts';
import { formatCount, runEvents } from '../scenario/work-budget.ts';
import { estimateWork } from '../scenario/work-estimate.ts';
import { planSweep } from '../sweep/sweep-plan.ts';
import { checkProgress } from './check-progress.ts';
import { EXIT_OK, runCommand } from './exit.ts';
import { MAX_EVENTS_HELP, MAX_SAMPLES_HELP, parseBudgetFlags, type BudgetFlags } from './options.ts';

/** Problems that mean the file gave no data at all (so there is no grid to check either). */
const UNPARSED = new Set(['file-unreadable', 'empty-file', 'yaml-syntax', 'yaml-tag', 'yaml-alias', 'yaml-alias-bomb', 'json-syntax', 'duplicate-key']);

function hasSweep(input: unknown): boolean {
  return input !== null && typeof input === 'object' && 'sweep' in input;
}

function problemsOf(err: unknown): InputProblem[] {
  if (err instanceof InputError) return [...err.problems];
  throw err;
}

/**
 * Every check `run` and `sweep` make before they start, so that a file `validate` calls OK never fails later
 * as bad input: the schema, the address plan, the Azure limits, the models' own checks, the work budget of a
 * run and, with a sweep: section, every combination of its grid and the budget of the whole sweep.
 */
function validate(path: string, flags: BudgetFlags): number {
  const budget = parseBudgetFlags(flags);
  const problems: InputProblem[] = [];
  let loaded: ReturnType<typeof loadScenarioDocument> | undefined;
  try {
    loaded = loadScenarioDocument(path, { budget });
  } catch (err) {
    problems.push(...problemsOf(err));
  }
  // A file that does not parse has no sweep to check; one that parses is checked whole, scenario and grid.
  let sweepLine = '';
  if (loaded !== undefined || !problems.some((p) => UNPARSED.has(p.code))) {
    try {
      const input = loaded?.input;
      if (input === undefined || hasSweep(input)) {
        const checking = checkProgress(false);
        let plan: ReturnType<typeof planSweep>;
        try {
          plan = planSweep(path, { budget, onCheckProgress: checking.onCheckProgress });
        } finally {
          checking.stop();
        }
        sweepLine = `; sweep: ${formatCount(plan.grid.caseCount)} cases (${formatCount(plan.grid.combinations)} combinations × ${plan.grid.replicates} replicates), about ${formatCount(plan.estimatedEvents)} events`;
      }
    } catch (err) {
      const seen = new Set(problems.map((p) => `${p.path}\n${p.value}\n${p.allowed}`));
      for (const p of problemsOf(err)) {
        if (p.code === 'no-sweep') continue;
        if (!seen.has(`${p.path}\n${p.value}\n${p.allowed}`)) problems.push(p);
      }
    }
  }
  if (problems.length > 0 || loaded === undefined) throw new InputError(sortByPosition(problems));
  const s = loaded.scenario;
  const nodes = s.cluster.pools.reduce((n, p) => n + p.count, 0);
  process.stdout.write(
    `ok: ${s.name} — ${s.cluster.pools.length} pool(s), ${nodes} node(s) at start, models ${s.cni.join(', ')}; run: about ${formatCount(runEvents(estimateWork(s)))} events${sweepLine}\n`,
  );
  // Warnings keep exit 0, as in `plan`: the file is valid, and the advice goes to stderr.
  for (const line of warningLines(s)) process.stderr.write(`${line}\n`);
  return EXIT_OK;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check a scenario file as run and sweep would: schema, address plan, Azure limits, work budget and, with a sweep: section, every case of the grid. Exit 0 if valid (warnings, such as a public Overlay pod CIDR, go to stderr), 2 if not.')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--max-events <n>', MAX_EVENTS_HELP)
    .option('--max-samples <n>', MAX_SAMPLES_HELP)
    .action((path: string, flags: BudgetFlags) => runCommand(() => validate(path, flags)));
}
