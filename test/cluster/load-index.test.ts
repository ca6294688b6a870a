import { describe, expect, it } from 'vitest';
import { LoadIndex } from '../../src/model/cluster/load-index.ts';

/**
 * The scheduler's index against a brute-force model of it: after every insert, move and removal, `least` is the
 * lowest-loaded node with room (the last one to reach that load first) and `nodesWithRoom` counts the nodes
 * below their pool's maxPods.
 */
describe('LoadIndex', () => {
  it('agrees with a brute-force scan over 20,000 random operations on 3 pools with different maxPods', () => {
    const maxPods = [4, 6, 250];
    const idx = new LoadIndex(maxPods, 250, 8);
    idx.ensureCapacity(40);
    const poolOf = Array.from({ length: 40 }, (_, n) => n % 3);
    const loadOf = new Map<number, number>();
    const stamp = new Map<number, number>();
    let clock = 0;
    let x = 12345;
    const next = (n: number) => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x % n;
    };
    for (let step = 0; step < 20_000; step++) {
      const node = next(40);
      const pool = poolOf[node] as number;
      const load = next((maxPods[pool] as number) + 1);
      const op = next(3);
      if (op === 0 && !loadOf.has(node)) {
        idx.insert(node, pool, load);
        loadOf.set(node, load);
        stamp.set(node, clock++);
      } else if (op === 1 && loadOf.has(node)) {
        idx.update(node, load);
        loadOf.set(node, load);
        stamp.set(node, clock++);
      } else if (op === 2) {
        idx.remove(node);
        loadOf.delete(node);
      }
      const roomy = [...loadOf].filter(([n, l]) => l < (maxPods[poolOf[n] as number] as number)).length;
      expect(idx.nodesWithRoom).toBe(roomy);
      for (let p = 0; p < 3; p++) {
        const candidates = [...loadOf].filter(([n, l]) => poolOf[n] === p && l < (maxPods[p] as number));
        candidates.sort((a, b) => a[1] - b[1] || (stamp.get(b[0]) as number) - (stamp.get(a[0]) as number));
        const want = candidates[0]?.[0] ?? -1;
        expect(idx.least(p)).toBe(want);
        if (want >= 0) expect(idx.loadOf(want)).toBe(loadOf.get(want));
      }
    }
  });
});
