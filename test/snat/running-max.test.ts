import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunningMax } from '../../src/model/snat/running-max.ts';

describe('RunningMax', () => {
  it('tracks the max of counters under any sequence of ±1 moves, as a full scan would', () => {
    const GROUPS = 3;
    const KEYS = 5;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(GROUPS - 1), fc.nat(KEYS - 1), fc.boolean()), { maxLength: 400 }), (ops) => {
        const counts = Array.from({ length: GROUPS }, () => new Int32Array(KEYS));
        const m = new RunningMax(GROUPS);
        for (const [g, k, upMove] of ops) {
          const c = counts[g] as Int32Array;
          const v = c[k] as number;
          if (upMove) {
            c[k] = v + 1;
            m.up(g, v + 1);
          } else if (v > 0) {
            c[k] = v - 1;
            if (m.down(g, v)) {
              const max = Math.max(...c);
              m.set(g, max, c.filter((x) => x === max).length);
            }
          }
          for (let h = 0; h < GROUPS; h++) expect(m.max[h]).toBe(Math.max(...(counts[h] as Int32Array)));
        }
      }),
    );
  });
});
