import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLAN_BASE_INPUT, PLAN_DEFAULTS_FILE, planBaseScenario } from '../../src/cli/plan-defaults.ts';
import { validateScenarioData } from '../../src/scenario/load.ts';

describe('the base scenario of cnisim plan', () => {
  const validated = validateScenarioData(structuredClone(PLAN_BASE_INPUT), '(flags)');

  it('ships in the compiled package exactly as the schema validates it now (so plan need not load zod)', () => {
    const shipped: unknown = JSON.parse(readFileSync(new URL(`../../dist/js/${PLAN_DEFAULTS_FILE}`, import.meta.url), 'utf8'));
    expect(shipped).toEqual(validated);
  });

  it('is validated from the sources when no compiled copy sits next to them', async () => {
    expect(await planBaseScenario()).toEqual(validated);
  });
});
