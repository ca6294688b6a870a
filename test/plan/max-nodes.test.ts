import { describe, expect, it } from 'vitest';
import { searchMaxNodes, type FitCheck } from '../../src/plan/max-nodes.ts';
import type { PlanError } from '../../src/plan/plan.ts';

const subnetFull: PlanError = { code: 'SubnetFullDuringUpgrade', message: '', factor: 'node-subnet' };
const clusterFull: PlanError = { code: 'ClusterNodeLimit', message: '', factor: 'cluster-node-limit' };

describe('searchMaxNodes: the largest counts the verdict accepts', () => {
  it('one pool: N fits and N + 1 does not, with the surge counted (31 addresses a node, 10% surge, 251 usable)', () => {
    const calls: number[][] = [];
    const check: FitCheck = ([n = 0]) => {
      calls.push([n]);
      const surge = n === 0 ? 0 : Math.max(1, Math.ceil(n / 10));
      return (n + surge) * 31 > 251 ? [subnetFull] : [];
    };
    // 7 nodes + 1 surge = 248 fits; 8 + 1 = 279 does not: the README's /24 at maxPods 30.
    expect(searchMaxNodes(1, check)).toEqual({ perPool: [7], total: 7, limitingFactor: 'node-subnet' });
    expect(calls.length).toBeLessThan(15); // a bisection, not a walk over 1,000 counts
  });

  it('pools grow one node each in turn; a shared limit stops both, a pool limit only its pool', () => {
    const check: FitCheck = ([a = 0, b = 0]) => [...(a > 10 ? [subnetFull] : []), ...(a + b > 50 ? [clusterFull] : [])];
    expect(searchMaxNodes(2, check)).toEqual({ perPool: [10, 40], total: 50, limitingFactor: 'cluster-node-limit' });
  });

  it('nothing fits: zero nodes, and the reason the first node fails', () => {
    expect(searchMaxNodes(1, () => [subnetFull])).toEqual({ perPool: [0], total: 0, limitingFactor: 'node-subnet' });
  });
});
