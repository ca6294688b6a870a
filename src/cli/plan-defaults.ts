import { existsSync, readFileSync } from 'node:fs';
import type { Scenario } from '../scenario/schema/scenario.ts';

// `az aks create` makes 3 nodes when --node-count is not given (https://learn.microsoft.com/en-us/cli/azure/aks).
export const DEFAULT_NODES = 3;

/** What `cnisim plan` starts from without a scenario file: one system pool, every other field the schema's default. */
export const PLAN_BASE_INPUT = {
  name: 'cnisim-plan',
  cluster: { pools: [{ name: 'nodepool1', mode: 'system', count: DEFAULT_NODES }] },
} as const;

/** Written by the build (scripts/build.mjs) next to the bundled CLI (dist/js/): PLAN_BASE_INPUT, validated. */
export const PLAN_DEFAULTS_FILE = 'plan-defaults.json';

/**
 * The validated base scenario. Loading zod and the scenario schema costs more than the rest of `cnisim plan`
 * together, so the compiled package ships the result of validating PLAN_BASE_INPUT at build time (a test checks
 * it equals validating it now); run from the sources, it is validated here.
 */
export async function planBaseScenario(): Promise<Scenario> {
  const snapshot = new URL(`./${PLAN_DEFAULTS_FILE}`, import.meta.url);
  if (existsSync(snapshot)) return JSON.parse(readFileSync(snapshot, 'utf8')) as Scenario;
  const { validateScenarioData } = await import('../scenario/load.ts');
  return validateScenarioData(structuredClone(PLAN_BASE_INPUT), '(flags)');
}
