import type { Command } from 'commander';

/** What a command file exports: a function that adds the command, its options and its help to the program. */
export type RegisterCommand = (program: Command) => void;

export interface LazyCommand {
  readonly name: string;
  /** Imports the command's file only when needed, so a command loads only the modules it uses. */
  readonly load: () => Promise<RegisterCommand>;
}

/**
 * Every subcommand, in the order `--help` lists them. Each lives in its own file under src/cli/ and exports a
 * `register…(program)` function; adding a command is one line here.
 */
export const COMMANDS: readonly LazyCommand[] = [
  { name: 'run', load: async () => (await import('./run.ts')).registerRun },
  { name: 'plan', load: async () => (await import('./plan.ts')).registerPlan },
  { name: 'validate', load: async () => (await import('./validate.ts')).registerValidate },
  { name: 'import', load: async () => (await import('./import.ts')).registerImport },
  { name: 'schema', load: async () => (await import('./schema.ts')).registerSchema },
  { name: 'sweep', load: async () => (await import('./sweep.ts')).registerSweep },
  { name: 'merge', load: async () => (await import('./merge.ts')).registerMerge },
  { name: 'report', load: async () => (await import('./report.ts')).registerReport },
];

/**
 * The commands `argv` (without node and the script) needs: none for `--version`, only the named one when the
 * first word is a command, else all of them (`--help`, `help run`, a mistyped name that commander must list).
 */
export function commandsFor(args: readonly string[]): readonly LazyCommand[] {
  const first = args[0];
  if (args.length === 1 && (first === '-V' || first === '--version')) return [];
  const named = COMMANDS.find((c) => c.name === first);
  return named === undefined ? COMMANDS : [named];
}

/** Registers the commands `args` needs, in the order of COMMANDS. */
export async function registerCommands(program: Command, args: readonly string[]): Promise<void> {
  const wanted = commandsFor(args);
  const registers = await Promise.all(wanted.map((c) => c.load()));
  for (const register of registers) register(program);
}
