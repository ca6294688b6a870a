import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/index.ts';

describe('Simulation event order', () => {
  it('dispatches by (time, insertion order), ties first in first out, and records the exact log', () => {
    const sim = new Simulation(4); // small capacity forces the queue to grow mid-run
    const log: string[] = [];
    const h = sim.register('log', (s, a, b) => {
      log.push(`${s.now}:${a}`);
      if (b > 0) s.schedule(0, h, a * 10, b - 1); // same-time successor goes after already queued ties
    });
    sim.scheduleAt(20, h, 1, 0);
    sim.scheduleAt(10, h, 2, 1);
    sim.scheduleAt(10, h, 3, 0);
    sim.scheduleAt(0, h, 4, 0);
    sim.scheduleAt(20, h, 5, 0);
    sim.scheduleAt(10, h, 6, 0);
    const n = sim.run(100);
    expect(log).toEqual(['0:4', '10:2', '10:3', '10:6', '10:20', '20:1', '20:5']);
    expect(n).toBe(7);
    expect(sim.now).toBe(100);
  });

  it('stops at run(until) and resumes later without losing events', () => {
    const sim = new Simulation();
    const log: number[] = [];
    const h = sim.register('t', (s) => log.push(s.now));
    for (const t of [5, 15, 15, 25]) sim.scheduleAt(t, h);
    sim.run(15);
    expect(log).toEqual([5, 15, 15]);
    expect(sim.now).toBe(15);
    sim.run(30);
    expect(log).toEqual([5, 15, 15, 25]);
  });

  it('skips cancelled events and counts only live ones as pending', () => {
    const sim = new Simulation();
    const log: number[] = [];
    const h = sim.register('t', (_s, a) => log.push(a));
    const ids = [1, 2, 3, 4].map((a) => sim.scheduleAt(a * 10, h, a));
    expect(sim.cancel(ids[1] as number)).toBe(true);
    expect(sim.cancel(ids[1] as number)).toBe(false);
    expect(sim.pending).toBe(3);
    sim.run(1000);
    expect(log).toEqual([1, 3, 4]);
    expect(sim.pending).toBe(0);
  });

  it('refuses negative, fractional and past times with the value in the message', () => {
    const sim = new Simulation();
    const h = sim.register('noop', () => {});
    expect(() => sim.schedule(-1, h)).toThrow(/-1/);
    expect(() => sim.schedule(1.5, h)).toThrow(/1\.5/);
    expect(() => sim.schedule(Number.NaN, h)).toThrow(/NaN/);
    expect(() => sim.schedule(1, h + 1)).toThrow(/unknown handler id 1/);
    expect(() => sim.schedule(1, 0.5)).toThrow(/unknown handler id 0\.5/);
    expect(sim.pending).toBe(0);
    sim.run(50);
    expect(() => sim.scheduleAt(49, h)).toThrow(/49/);
    expect(() => sim.schedule(Number.MAX_SAFE_INTEGER, h)).toThrow(/9007199254740991/); // now + delay overflows
    expect(() => sim.run(10)).toThrow(/10/);
  });

  it('matches a sorted reference over 10,000 random (time, seq) keys', () => {
    const sim = new Simulation(8);
    const got: number[] = [];
    const h = sim.register('k', (_s, a) => got.push(a));
    let x = 12345;
    const keys: Array<[number, number]> = [];
    for (let i = 0; i < 10_000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const t = x % 997; // many ties
      keys.push([t, i]);
      sim.scheduleAt(t, h, i);
    }
    sim.run(10_000);
    keys.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    expect(got).toEqual(keys.map((k) => k[1]));
  });
});
