import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/import/index.ts';
import { PoolSchema } from '../../src/scenario/schema/cluster.ts';
import { parseScenarioText } from '../../src/scenario/load.ts';
import { IMPORT_CASES } from './cases.ts';

// Each fixture set imports into its golden scenario, byte for byte (regenerate with test/import/regenerate-goldens.ts).
describe('cnisim import: each fixture set gives its golden scenario', () => {
  it.each(IMPORT_CASES.map((c) => [c.name, c.files] as const))('%s', (name, files) => {
    expect(importFiles(files).yaml).toBe(readFileSync(`test/import/golden/${name}.yaml`, 'utf8'));
  });
});

// The pool field maxUnavailable comes with another change to the scenario schema; until that is merged, a golden
// that carries it is checked without it (and must carry it: the fixture's upgradeSettings.maxUnavailable is 2).
const schemaHasMaxUnavailable = 'maxUnavailable' in PoolSchema.shape;

describe('every golden is a scenario cnisim validate accepts', () => {
  it.each(IMPORT_CASES.map((c) => [c.name] as const))('%s', (name) => {
    let text = readFileSync(`test/import/golden/${name}.yaml`, 'utf8');
    if (!schemaHasMaxUnavailable && name === 'multi-pool') {
      expect(text).toMatch(/^ {6}maxUnavailable: 2 #/m);
      text = text.replace(/^ {6}maxUnavailable: .*\n/m, '');
    }
    const s = parseScenarioText(text, `${name}.yaml`);
    expect(s.cluster.pools.length).toBeGreaterThan(0);
  });
});
