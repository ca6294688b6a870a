import { Command, CommanderError } from 'commander';
import { registerCommands } from '../../src/cli/commands.ts';
import { EXIT_BAD_INPUT, exitCodeForError } from '../../src/cli/exit.ts';

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `cnisim ARGV` inside this process, as src/cli/main.ts does (same commands, same error handling), and
 * captures what it prints: thousands of inputs in the time a few dozen processes take to start. End-to-end
 * spawns (cli-harness.ts) cover main.ts itself.
 */
export async function cnisimInProcess(argv: readonly string[]): Promise<CliOutcome> {
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  const saved = process.exitCode;
  process.exitCode = 0;
  let code: number;
  try {
    const program = new Command('cnisim')
      .option('--debug', 'print the stack trace of an internal error')
      .exitOverride()
      .configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
    await registerCommands(program, argv);
    try {
      await program.parseAsync(['node', 'cnisim', ...argv]);
      code = Number(process.exitCode ?? 0);
    } catch (e) {
      code = e instanceof CommanderError ? (e.exitCode === 0 ? 0 : EXIT_BAD_INPUT) : exitCodeForError(e);
    }
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.exitCode = saved;
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** A stack trace line as Node prints one (with or without a function name). */
export const ANY_STACK_LINE = /^\s+at (.+ \()?\S+:\d+:\d+\)?$/m;
