import { describe, expect, it } from 'vitest';
import { holdIncrementsNs } from '../../bench/hold-increments.ts';

describe('hold-model increment table', () => {
  it('matches the C generator in bench/peers/ns3-hold.cc draw for draw', () => {
    // Computed by the C code (xorshift32 13/17/5 from 2463534242, floor(-1e6·ln(1-u))) compiled with gcc 12.
    // The first xorshift32 output, 723471715, is the one Marsaglia (2003) lists for this seed.
    expect(Array.from(holdIncrementsNs(8, 1e6).slice(0, 5))).toEqual([184459, 870991, 655073, 630237, 1728383]);
  });

  it('has the exponential mean it is built with, within 3 standard errors', () => {
    const t = holdIncrementsNs(1 << 20, 1e6);
    const mean = t.reduce((a, b) => a + b, 0) / t.length;
    // floor() lowers the mean by about 0.5 ns; the standard error of the mean is 1e6/sqrt(2^20) ≈ 977 ns.
    expect(Math.abs(mean - 1e6)).toBeLessThan(3 * 977);
  });

  it('refuses a size that is not a power of two', () => {
    expect(() => holdIncrementsNs(1000, 1)).toThrow(/power of two, got 1000/);
  });
});
