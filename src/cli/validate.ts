import type { Command } from 'commander';
import { loadScenarioFile } from '../scenario/load.ts';
import { EXIT_OK, runCommand } from './exit.ts';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check a scenario file: schema, address plan and Azure limits. Exit 0 if valid, 2 if not.')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .action((path: string) =>
      runCommand(() => {
        const s = loadScenarioFile(path);
        const nodes = s.cluster.pools.reduce((n, p) => n + p.count, 0);
        process.stdout.write(
          `ok: ${s.name} — ${s.cluster.pools.length} pool(s), ${nodes} node(s) at start, models ${s.cni.join(', ')}\n`,
        );
        return EXIT_OK;
      }),
    );
}
