import type { Command } from 'commander';

/** `cnisim sweep`: being written (issue 5). */
export function registerSweep(program: Command): void {
  void program;
}
