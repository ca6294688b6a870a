import type { Command } from 'commander';

/** `cnisim plan`: the closed-form capacity planner (full implementation follows). */
export function registerPlan(program: Command): void {
  program.command('plan [scenario]').description('Closed-form IP and SNAT capacity plan per networking model.');
}
