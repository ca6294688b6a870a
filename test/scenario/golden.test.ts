import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/output/csv-format.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import { runScenarioReplicates } from '../../src/scenario/run-replicates.ts';
import { shippedScenarios } from './scenario-files.ts';

/**
 * Golden summaries: every shipped scenario's summary CSV, byte for byte. Regenerate only on purpose, and
 * review the diff: `UPDATE_GOLDEN=1 npx vitest run test/scenario/golden.test.ts`.
 */
const update = process.env.UPDATE_GOLDEN === '1';

describe('golden summary CSV of every shipped scenario', () => {
  it('ships at least the default scenario', () => {
    expect(shippedScenarios()).toContain('scenarios/overlay-vs-flat.yaml');
  });

  for (const path of shippedScenarios()) {
    it(`${path} reproduces test/golden/${basename(path, extname(path))}.summary.csv`, async () => {
      const golden = `test/golden/${basename(path, extname(path))}.summary.csv`;
      const result = await runScenarioReplicates(loadScenarioFile(path));
      const csv = toCsv(result.columns, result.rows);
      if (update) writeFileSync(golden, csv);
      expect(existsSync(golden), `${golden} is missing; create it with UPDATE_GOLDEN=1`).toBe(true);
      expect(csv).toBe(readFileSync(golden, 'utf8'));
      // full-week.yaml is a week of 1.25 million pods under five models: about a minute of CPU, far more on a
      // shared machine.
    }, 1_800_000);
  }
});
