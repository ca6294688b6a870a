import { describe, expect, it } from 'vitest';
import { spreadPods } from '../../src/plan/pod-spread.ts';

describe('spreadPods: least-loaded placement by water-filling', () => {
  it('spreads evenly, the extra pods on the lowest nodes', () => {
    const [loads] = spreadPods([{ nodes: 4, maxPods: 110 }], [{ replicas: 10, pools: [0] }], 0);
    expect(Array.from(loads ?? [])).toEqual([3, 3, 2, 2]);
  });

  it('DaemonSet pods first, then a deployment fills the lighter pool before the other', () => {
    const loads = spreadPods(
      [
        { nodes: 2, maxPods: 30 },
        { nodes: 3, maxPods: 30 },
      ],
      [
        { replicas: 6, pools: [1] },
        { replicas: 9, pools: [0, 1] },
      ],
      2,
    );
    // Pool 1 starts at 2 + 2 = 4 per node; the 9 pods raise pool 0 from 2 to 4 (4 pods), then all 5 nodes to 5.
    expect(loads.map((l) => Array.from(l))).toEqual([
      [5, 5],
      [5, 5, 5],
    ]);
  });

  it('caps at maxPods; the surplus stays pending', () => {
    const [loads] = spreadPods([{ nodes: 2, maxPods: 10 }], [{ replicas: 50, pools: [0] }], 3);
    expect(Array.from(loads ?? [])).toEqual([10, 10]);
  });
});
