import type { Command } from 'commander';
import { registerImport } from './import.ts';
import { registerMerge } from './merge.ts';
import { registerPlan } from './plan.ts';
import { registerReport } from './report.ts';
import { registerRun } from './run.ts';
import { registerSchema } from './schema.ts';
import { registerSweep } from './sweep.ts';
import { registerValidate } from './validate.ts';

/**
 * Every subcommand, in the order `--help` lists them. Each lives in its own file under src/cli/ and exports a
 * `register…(program)` function; add one line here per command.
 */
export function registerCommands(program: Command): void {
  registerRun(program);
  registerPlan(program);
  registerValidate(program);
  registerImport(program);
  registerSchema(program);
  registerSweep(program);
  registerMerge(program);
  registerReport(program);
}
