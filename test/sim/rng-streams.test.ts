import { describe, expect, it } from 'vitest';
import { RngStream, replicateSeed } from '../../src/sim/index.ts';

const draw = (s: RngStream, n: number) => Array.from({ length: n }, () => s.uniform());

describe('named random streams', () => {
  it('gives the same sequence for the same (seed, replicate, name)', () => {
    expect(draw(new RngStream(7, 0, 'arrivals'), 5)).toEqual(draw(new RngStream(7, 0, 'arrivals'), 5));
  });

  it('gives independent sequences when any part of the key differs', () => {
    const base = draw(new RngStream(7, 0, 'arrivals'), 5);
    expect(draw(new RngStream(8, 0, 'arrivals'), 5)).not.toEqual(base);
    expect(draw(new RngStream(7, 1, 'arrivals'), 5)).not.toEqual(base);
    expect(draw(new RngStream(7, 0, 'durations'), 5)).not.toEqual(base);
  });

  it('is unaffected by drawing from another stream in between', () => {
    const a1 = new RngStream(1, 0, 'a');
    const b = new RngStream(1, 0, 'b');
    const first = a1.uniform();
    draw(b, 100);
    const second = a1.uniform();
    const a2 = new RngStream(1, 0, 'a');
    expect([first, second]).toEqual(draw(a2, 2));
  });

  it('draws exponentials whose sample mean is within 3 standard errors of the mean', () => {
    const s = new RngStream(3, 0, 'exp');
    const n = 200_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += s.exponential(2.5);
    // Standard error of the mean of an exponential is mean/sqrt(n).
    expect(Math.abs(sum / n - 2.5)).toBeLessThan((3 * 2.5) / Math.sqrt(n));
  });

  it('derives distinct, repeatable replicate seeds', () => {
    const seeds = [0, 1, 2, 3].map((k) => replicateSeed(42, k));
    expect(new Set(seeds).size).toBe(4);
    expect(seeds).toEqual([0, 1, 2, 3].map((k) => replicateSeed(42, k)));
  });
});
