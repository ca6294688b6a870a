import type { Command } from 'commander';
import { registerMerge } from './merge.ts';
import { registerPlan } from './plan.ts';
import { registerReport } from './report.ts';
import { registerSweep } from './sweep.ts';

/**
 * Every subcommand, in the order `--help` lists them. Each lives in its own file under src/cli/ and exports a
 * `register…(program)` function; add one line here per command.
 */
export function registerCommands(program: Command): void {
  void program;
  registerPlan(program);
  registerSweep(program);
  registerMerge(program);
  registerReport(program);
}
