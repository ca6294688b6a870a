import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/error/input-error.ts';
import { SweepSchema } from '../../src/scenario/schema/sweep.ts';
import { checkAllCombinations, combinationScenario } from '../../src/sweep/case-scenario.ts';
import { caseAt, describeCombination, expandGrid, parameterCells } from '../../src/sweep/grid.ts';
import { parseFieldPath } from '../../src/sweep/param-path.ts';

const INPUT = {
  name: 'grid',
  seed: 11,
  cni: ['overlay'],
  cluster: { pools: [{ name: 'sys', mode: 'system', count: 2 }, { name: 'user', count: 3 }] },
};
const RESULT_COLUMNS = ['scenario', 'cni', 'seed', 'replicate', 'nodes_peak'];

function grid(sweep: unknown, replicates = 1) {
  const spec = SweepSchema.parse(sweep);
  if (spec === undefined) throw new Error('no sweep');
  return expandGrid(spec, INPUT, 11, replicates, RESULT_COLUMNS);
}

/** The InputProblems of a call that must fail, as "path | value | allowed" lines. */
function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (err) {
    if (err instanceof InputError) return err.problems.map((p) => `${p.path} | ${p.value} | ${p.allowed}`);
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('field paths', () => {
  it('parses dotted paths with indexes', () => {
    expect(parseFieldPath('cluster.pools[1].maxPods')).toEqual(['cluster', 'pools', 1, 'maxPods']);
    expect(parseFieldPath('cni')).toEqual(['cni']);
    expect(parseFieldPath('a[0][2].b')).toEqual(['a', 0, 2, 'b']);
    expect(parseFieldPath('cluster..pools')).toBeUndefined();
    expect(parseFieldPath('cluster.')).toBeUndefined();
    expect(parseFieldPath('pools[x]')).toBeUndefined();
  });
});

describe('grid expansion', () => {
  it('orders cases with the first parameter slowest and replicates fastest', () => {
    const g = grid({
      replicates: 2,
      parameters: [
        { path: 'cluster.pools[1].count', values: [10, 20] },
        { path: 'network.nodeSubnet', cidrs: ['10.224.0.0/22', '10.224.0.0/20'] },
        { path: 'cluster.pools[1].maxPods', range: { from: 30, to: 50, step: 10 } },
      ],
    });
    expect(g.combinations).toBe(12);
    expect(g.caseCount).toBe(24);
    const listed = Array.from({ length: g.caseCount }, (_, i) => {
      const c = caseAt(g, i);
      return `${parameterCells(g, c).join(' ')} r${c.replicate}`;
    });
    expect(listed.slice(0, 8)).toEqual([
      '10 10.224.0.0/22 30 r0', '10 10.224.0.0/22 30 r1',
      '10 10.224.0.0/22 40 r0', '10 10.224.0.0/22 40 r1',
      '10 10.224.0.0/22 50 r0', '10 10.224.0.0/22 50 r1',
      '10 10.224.0.0/20 30 r0', '10 10.224.0.0/20 30 r1',
    ]);
    expect(listed[23]).toBe('20 10.224.0.0/20 50 r1');
    expect(g.parameters.map((p) => p.column)).toEqual(['cluster.pools[1].count', 'network.nodeSubnet', 'cluster.pools[1].maxPods']);
    // Every case of a replicate uses the scenario seed, as `cnisim run` does.
    expect(caseAt(g, 5).seed).toBe(11);
  });

  it('expands ranges without floating-point drift, negative steps and prefix lengths', () => {
    const g = grid({
      parameters: [
        { path: 'traffic', values: [null] },
        { path: 'durationS', range: { from: 0.1, to: 0.5, step: 0.1 } },
        { path: 'sampleIntervalS', range: { from: 30, to: 10, step: -10 } },
        { path: 'network.podSubnet', prefixLengths: { base: '10.225.0.0', from: 20, to: 24, step: 2 } },
      ],
    });
    expect(g.parameters[1]?.values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(g.parameters[2]?.values).toEqual([30, 20, 10]);
    expect(g.parameters[3]?.values).toEqual(['10.225.0.0/20', '10.225.0.0/22', '10.225.0.0/24']);
  });

  it('wraps a single value for a list field and gives cni no column of its own (the run writes it)', () => {
    const g = grid({ parameters: [{ path: 'cni', values: ['overlay', ['kubenet', 'node-subnet']] }] });
    expect(g.parameters[0]?.values).toEqual([['overlay'], ['kubenet', 'node-subnet']]);
    expect(g.parameters[0]?.column).toBeNull();
    expect(g.parameters[0]?.cells).toEqual(['overlay', '["kubenet","node-subnet"]']);
    expect(combinationScenario(INPUT, 'g.yaml', g, 1).cni).toEqual(['kubenet', 'node-subnet']);
  });

  it('applies values to the scenario as written and removes the sweep section', () => {
    const g = grid({ parameters: [{ path: 'network.nodeSubnet', cidrs: ['10.224.0.0/23'] }, { path: 'cluster.pools[1].count', values: [7] }] });
    const s = combinationScenario({ ...INPUT, sweep: { parameters: [] } }, 'g.yaml', g, 0);
    expect(s.network.nodeSubnet).toBe('10.224.0.0/23');
    expect(s.cluster.pools[1]?.count).toBe(7);
    expect(s.cluster.pools[0]?.count).toBe(2);
    expect(s.sweep).toBeUndefined();
    expect(describeCombination(g, caseAt(g, 0))).toBe('network.nodeSubnet=10.224.0.0/23, cluster.pools[1].count=7');
  });
});

describe('bad sweep specs', () => {
  it('names an unknown path, with the nearest field', () => {
    expect(problems(() => grid({ parameters: [{ path: 'cluster.pools[0].maxPod', values: [30] }] }))).toEqual([
      'sweep.parameters[0].path | "cluster.pools[0].maxPod" | "cluster.pools[0].maxPods" (did you mean it?); a field of cluster.pools[0]: name, mode, count, maxPods, autoscale, maxSurge, maxUnavailable, nodeSubnet, podSubnet, nodeSubnetIpv6',
    ]);
    expect(problems(() => grid({ parameters: [{ path: 'netwrk.nodeSubnet', values: ['10.0.0.0/24'] }] }))[0]).toMatch(/^sweep\.parameters\[0\]\.path \| "netwrk\.nodeSubnet" \| "network" \(did you mean it\?\)/);
    expect(problems(() => grid({ parameters: [{ path: 'network.toString', values: [1] }] }))[0]).toMatch(/^sweep\.parameters\[0\]\.path \| "network\.toString" \| a field of network: vnet, nodeSubnet/);
  });

  it('refuses an index the scenario does not have, and fields that define the sweep', () => {
    expect(problems(() => grid({ parameters: [{ path: 'cluster.pools[2].count', values: [1] }] }))).toEqual([
      'sweep.parameters[0].path | "cluster.pools[2].count" | an index that exists in the scenario: cluster.pools has 2 item(s)',
    ]);
    expect(problems(() => grid({ parameters: [{ path: 'seed', values: [1, 2] }] }))[0]).toMatch(/^sweep\.parameters\[0\]\.path \| "seed" \| any scenario field but seed, replicates, sweep/);
  });

  it('refuses an empty range, a zero step, an empty list and two value sources', () => {
    expect(
      problems(() =>
        grid({
          parameters: [
            { path: 'durationS', range: { from: 10, to: 5, step: 1 } },
            { path: 'sampleIntervalS', range: { from: 1, to: 5, step: 0 } },
            { path: 'cluster.pools[0].count', values: [] },
            { path: 'cluster.pools[1].count', values: [1], range: { from: 1, to: 2, step: 1 } },
          ],
        }),
      ),
    ).toEqual([
      'sweep.parameters[0].range | from 10 to 5 step 1 | a range with at least one value (from ≤ to for a positive step)',
      'sweep.parameters[1].range.step | 0 | a non-zero step',
      'sweep.parameters[2].values | [] | at least one value',
      'sweep.parameters[3] | values and range together | exactly one of values, range, cidrs or prefixLengths',
    ]);
  });

  it('refuses the same path twice and a prefix base with host bits', () => {
    expect(
      problems(() =>
        grid({
          parameters: [
            { path: 'durationS', values: [60] },
            { path: 'durationS', values: [120] },
            { path: 'network.nodeSubnet', prefixLengths: { base: '10.224.1.0', from: 20, to: 24 } },
          ],
        }),
      ),
    ).toEqual([
      'sweep.parameters[1].path | "durationS" | a path no other sweep parameter uses',
      'sweep.parameters[2].prefixLengths.base | 10.224.1.0 | a network address with no host bits set at /20',
    ]);
  });

  it('reports a bad combination with the file, the combination and the field', () => {
    const g = grid({ parameters: [{ path: 'cluster.pools[1].count', values: [3, 2000] }] });
    const lines = problems(() => checkAllCombinations(INPUT, 'g.yaml', g));
    expect(lines[0]).toBe('g.yaml [sweep cluster.pools[1].count=2000]: cluster.pools[1].count | 2000 | ≤ 1000');
  });
});
