import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { addressPlanOf } from '../../src/cli/run.ts';
import type { CellValue } from '../../src/output/csv-format.ts';
import { conclusion } from '../../src/output/conclusion.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import { EVENT_COLUMNS } from '../../src/scenario/run-replicates.ts';
import { shippedScenarios } from '../scenario/scenario-files.ts';

/** A CSV read back into cells: numbers as numbers, empty cells as null. */
function cells(text: string): { columns: string[]; rows: CellValue[][] } {
  const [columns = [], ...rows] = parse(text) as string[][];
  return { columns, rows: rows.map((r) => r.map((v) => (v === '' ? null : Number.isFinite(Number(v)) ? Number(v) : v))) };
}

/**
 * The sentence `cnisim run` ends with, for each shipped scenario, from its golden summary (which
 * test/scenario/golden.test.ts proves is what the scenario produces). The default scenario's, which needs the
 * episodes for the pool, is checked end to end in test/cli/run-output.test.ts.
 */
const KNOWN: Readonly<Record<string, string>> = {
  // All 13 datapath variants share one address plan and ran out alike (29,580 s, pod-cidr-full): the model is named
  // alone. The IPv4 /19 holds 32 node /24s; the 33rd node finds none.
  'scenarios/dual-stack.yaml': 'overlay runs out first, at 8 h 13 min: the pod CIDR (/19) has no /24 left for another node.',
  // 5,000 nodes are asked for at creation: kubenet stops at its 400 routes, Node Subnet at 261 nodes × 251
  // addresses in its /16, static block at 255 nodes × 16 /28s; all three at 0 s, so all three are named.
  'scenarios/full-week.yaml':
    "kubenet, node-subnet and pod-subnet-static run out first, all at 0 s: kubenet: its route table (at most 400 routes, one per node and family) cannot take another node's route; node-subnet: the node subnet (/16) cannot hold another node's 251 addresses; pod-subnet-static: the pod subnet (/16) cannot hold another node's /28 blocks.",
  'scenarios/full-scale.yaml': 'nothing ran out; the closest was overlay at 61% of its /11 pod CIDR.',
  'scenarios/mtu-overhead.yaml': 'nothing ran out; the closest was overlay / none-1500 at 2.3% of its /16 pod CIDR.',
  'scenarios/snat-exhaustion.yaml':
    'overlay / lb-default runs out first, at 18 min 6 s: its 512 SNAT ports per node were all taken; 439,789 connections failed.',
  'scenarios/overlay-vs-flat.yaml': "node-subnet runs out first, at 5 h 44 min: the node subnet (/22) cannot hold another node's 61 addresses.",
};

describe('the conclusion sentence of every shipped scenario', () => {
  it('has a known answer for each shipped scenario', () => {
    expect(Object.keys(KNOWN).sort()).toEqual(shippedScenarios());
  });

  for (const path of shippedScenarios()) {
    it(`${path}: ${KNOWN[path] ?? '(no known answer)'}`, () => {
      const golden = `test/golden/${path.replace(/^scenarios\//, '').replace(/\.ya?ml$/, '')}.summary.csv`;
      const { columns, rows } = cells(readFileSync(golden, 'utf8'));
      // The node-subnet row of the default scenario ran out in pool "user" (its first episode, events CSV).
      const episodes: CellValue[][] = path.endsWith('overlay-vs-flat.yaml') ? [['node-subnet', '', 0, 'node', 'node-subnet-full', 'user', 20640, 80040, 200]] : [];
      const sentence = conclusion({ columns, rows, episodeColumns: EVENT_COLUMNS, episodes, planOf: addressPlanOf(loadScenarioFile(path)) });
      expect(sentence).toBe(KNOWN[path]);
    });
  }
});
