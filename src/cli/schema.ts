import type { Command } from 'commander';
import { z } from 'zod';
import { ScenarioSchema } from '../scenario/schema/scenario.ts';
import { EXIT_OK, runCommand } from './exit.ts';

/** The scenario format as JSON Schema (draft 2020-12), describing what a user writes (defaults optional). */
export function scenarioJsonSchema(): unknown {
  return {
    $id: 'https://github.com/cnisim/cnisim/scenario.schema.json',
    title: 'cnisim scenario',
    ...z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }),
  };
}

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of the scenario format, for editors (e.g. yaml-language-server).')
    .addHelpText('after', '\nExample:\n  cnisim schema > scenario.schema.json\n  # then in a scenario: # yaml-language-server: $schema=./scenario.schema.json')
    .action(() =>
      runCommand(() => {
        process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
        return EXIT_OK;
      }),
    );
}
