import type { Command } from 'commander';

/** `cnisim report`: being written (issue 5). */
export function registerReport(program: Command): void {
  void program;
}
