import type { Command } from 'commander';

/** `cnisim merge`: being written (issue 5). */
export function registerMerge(program: Command): void {
  void program;
}
