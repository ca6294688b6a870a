import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_MODELS, scaledFullScale } from '../../bench/scenario-cases.ts';
import { parseScenarioText } from '../../src/scenario/load.ts';

describe('scaling suite, full week', () => {
  it('at 5,000 nodes, a week and all five models runs exactly scenarios/full-week.yaml (but for its sample interval)', () => {
    const file = parseScenarioText(readFileSync('scenarios/full-week.yaml', 'utf8'), 'full-week.yaml');
    const scaled = scaledFullScale(5000, 604800, ALL_MODELS);
    expect(scaled.cluster).toEqual(file.cluster);
    expect(scaled.workload).toEqual(file.workload);
    expect(scaled.network).toEqual(file.network);
    expect(scaled.assumptions).toEqual(file.assumptions);
    expect([scaled.durationS, scaled.cni, scaled.seed]).toEqual([file.durationS, file.cni, file.seed]);
  });
});
