import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fenwick } from '../../src/model/traffic/fenwick.ts';

/** The index a linear scan over cumulative weights picks for x. */
function naivePick(weights: readonly number[], x: number): number {
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i] as number;
    if (x < acc) return i;
  }
  return weights.length - 1;
}

describe('Fenwick weighted pick', () => {
  it('a hand-checked case: weights [3, 0, 2, 5]', () => {
    const f = new Fenwick(4);
    [3, 0, 2, 5].forEach((w, i) => f.set(i, w));
    expect([0, 2.999, 3, 4.5, 5, 9.99].map((x) => f.find(x))).toEqual([0, 0, 2, 2, 3, 3]);
    expect(f.total).toBe(10);
  });

  it('matches a linear scan for any weights, updates and growth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(300), fc.nat(40)), { minLength: 1, maxLength: 60 }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (updates, us) => {
          const f = new Fenwick(8);
          const naive: number[] = [];
          for (const [i, w] of updates) {
            f.set(i, w);
            while (naive.length <= i) naive.push(0);
            naive[i] = w;
          }
          const total = naive.reduce((a, b) => a + b, 0);
          expect(f.total).toBe(total);
          if (total === 0) return;
          for (const u of us) expect(f.find(u * total)).toBe(naivePick(naive, u * total));
        },
      ),
    );
  });
});
