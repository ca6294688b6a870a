import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../src/output/csv-format.ts';
import { runScenarioCase } from '../../src/scenario/run.ts';
import { combinationScenario } from '../../src/sweep/case-scenario.ts';
import { caseAt, parameterCells } from '../../src/sweep/grid.ts';
import { planSweep } from '../../src/sweep/sweep-plan.ts';
import { cnisim } from './cli-run.ts';

// Real runs of the 8-case fixture (2 node counts × 2 maxPods × 2 replicates, two models each) through the CLI.
const SCENARIO = 'test/sweep/fixtures/small-sweep.yaml';
const dir = mkdtempSync(join(tmpdir(), 'cnisim-sweep-'));
const path = (name: string): string => join(dir, name);
let oneWorker = '';

beforeAll(() => {
  const r = cnisim(['sweep', SCENARIO, '--out', path('w1.csv'), '--workers', '1', '--quiet']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  oneWorker = readFileSync(path('w1.csv'), 'utf8');
});

describe('cnisim sweep (real runs)', () => {
  it('writes one row per case and model, sorted by case, with parameters, seed and replicate', () => {
    const lines = oneWorker.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 8 * 2);
    expect(lines[0]?.startsWith('case,case_count,cluster.pools[0].count,cluster.pools[0].maxPods,scenario,cni,')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual([
      '0,8,2,30,small-sweep,overlay', '0,8,2,30,small-sweep,node-subnet',
      '1,8,2,30,small-sweep,overlay', '1,8,2,30,small-sweep,node-subnet',
      '2,8,2,60,small-sweep,overlay', '2,8,2,60,small-sweep,node-subnet',
      '3,8,2,60,small-sweep,overlay', '3,8,2,60,small-sweep,node-subnet',
      '4,8,4,30,small-sweep,overlay', '4,8,4,30,small-sweep,node-subnet',
      '5,8,4,30,small-sweep,overlay', '5,8,4,30,small-sweep,node-subnet',
      '6,8,4,60,small-sweep,overlay', '6,8,4,60,small-sweep,node-subnet',
      '7,8,4,60,small-sweep,overlay', '7,8,4,60,small-sweep,node-subnet',
    ]);
  });

  it('is byte-identical with 2 workers', () => {
    const r = cnisim(['sweep', SCENARIO, '--out', path('w2.csv'), '--workers', '2', '--quiet']);
    expect(r.status).toBe(0);
    expect(readFileSync(path('w2.csv'), 'utf8')).toBe(oneWorker);
  });

  it('gives each case the rows cnisim run gives its scenario (same seed and replicate)', async () => {
    const plan = planSweep(SCENARIO);
    const header = plan.header;
    const rows = oneWorker.trimEnd().split('\n').slice(1);
    for (const index of [3, 6]) {
      const c = caseAt(plan.grid, index);
      const result = await runScenarioCase(combinationScenario(plan.input, plan.fileName, plan.grid, c.combination), { seed: c.seed, replicate: c.replicate });
      const expected = toCsv(null, result.rows.map((r) => [index, 8, ...parameterCells(plan.grid, c), ...r])).trimEnd().split('\n');
      expect(rows.filter((l) => l.startsWith(`${index},`))).toEqual(expected);
      expect(header.slice(4)).toEqual(result.columns);
    }
  });

  it('3 shards merged give exactly the unsharded file', () => {
    for (const i of [0, 1, 2]) {
      expect(cnisim(['sweep', SCENARIO, '--out', path(`s${i}.csv`), '--workers', '1', '--shard', `${i}/3`, '--quiet']).status).toBe(0);
    }
    expect(readFileSync(path('s1.csv'), 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(',')[0])).toEqual(['1', '1', '4', '4', '7', '7']);
    const r = cnisim(['merge', path('s2.csv'), path('s0.csv'), path('s1.csv'), '--out', path('merged.csv')]);
    expect(r.status).toBe(0);
    expect(readFileSync(path('merged.csv'), 'utf8')).toBe(oneWorker);
  });

  it('refuses to merge a set with a shard missing, naming the cases and the shard', () => {
    const r = cnisim(['merge', path('s0.csv'), path('s2.csv'), '--out', path('partial.csv')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`error: 3 of 8 cases missing: 1, 4, 7; these are all the cases of shard(s) 1/3\nnothing written to ${path('partial.csv')}\n`);
  });

  it('refuses to merge a shard given twice', () => {
    const r = cnisim(['merge', path('s0.csv'), path('s1.csv'), path('s2.csv'), path('s1.csv'), '--out', path('dup.csv')]);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`error: duplicated case 1: ${path('s1.csv')} and ${path('s1.csv')}`);
  });

  it('exits 2 with a path-qualified message for a bad --shard or a scenario without a sweep', () => {
    const bad = cnisim(['sweep', SCENARIO, '--out', path('x.csv'), '--shard', '3/3']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('error: --shard: "3/3" is not allowed; expected I/N with 0 ≤ I < N, e.g. 0/4 (I is 0-based, like JOB_COMPLETION_INDEX)\n');
    const none = cnisim(['sweep', 'scenarios/overlay-vs-flat.yaml', '--out', path('y.csv')]);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('error: scenarios/overlay-vs-flat.yaml: sweep: (missing) is not allowed; expected a sweep: section with parameters to vary (see docs/sweeps.md)\n');
  });
});
