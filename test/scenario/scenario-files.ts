import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The ready-to-run scenarios shipped in scenarios/ (top level; sweeps live in scenarios/sweeps/). */
export function shippedScenarios(): string[] {
  return readdirSync('scenarios')
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml') || f.endsWith('.json'))
    .sort()
    .map((f) => join('scenarios', f));
}
