import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands.ts';
import { EXIT_BAD_INPUT, exitCodeForError } from './exit.ts';

/**
 * The `cnisim` command. Each subcommand lives in its own file and is imported only when it runs (see
 * commands.ts), so `cnisim --version` loads commander alone and `cnisim plan` never loads the charts, the
 * worker pool or the WASM kernel. This is the only place that builds the program.
 */

/** The version in package.json, read at startup (two directories up from this file). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const program = new Command('cnisim')
  .description('Deterministic simulator and capacity planner for AKS pod networking (IPs, SNAT, encapsulation).')
  .version(packageVersion(), '-V, --version', 'print the cnisim version')
  .option('--debug', 'print the stack trace of an internal error (also CNISIM_DEBUG=1)')
  .showHelpAfterError()
  .exitOverride();
await registerCommands(program, process.argv.slice(2));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version exit 0; a bad flag or argument is bad input.
    process.exitCode = err.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
  } else {
    process.exitCode = exitCodeForError(err);
  }
}
