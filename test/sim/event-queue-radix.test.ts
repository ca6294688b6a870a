import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, emptyPoppedEvent } from '../../src/sim/index.ts';

/**
 * Differential tests of the radix event queue against the obvious reference: keep every pending record in an
 * array and take out the least (timeNs, seq). The operations below are chosen to reach every path of the
 * queue: small buckets sorted into the ready run, large buckets split into lower levels, pushes into the
 * ready run, times that differ in the high 32-bit word, pushes earlier than the queue's base (a rebuild),
 * growth past the initial capacity, and clear().
 */
type Op =
  | { kind: 'push'; deltaNs: number }
  | { kind: 'pushAbsolute'; timeNs: number }
  | { kind: 'pop' }
  | { kind: 'peek' }
  | { kind: 'clear' };

interface Rec {
  timeNs: number;
  seq: number;
  handler: number;
  a: number;
  b: number;
}

function referencePopIndex(pending: Rec[]): number {
  let best = 0;
  for (let i = 1; i < pending.length; i++) {
    const p = pending[i] as Rec;
    const q = pending[best] as Rec;
    if (p.timeNs < q.timeNs || (p.timeNs === q.timeNs && p.seq < q.seq)) best = i;
  }
  return best;
}

/** Runs the ops on both and returns the two logs (every pop and peek, in order). */
function runBoth(ops: Op[]): { got: string[]; want: string[] } {
  const q = new EventQueue(4);
  const out = emptyPoppedEvent();
  const ref: Rec[] = [];
  const got: string[] = [];
  const want: string[] = [];
  let nowNs = 0;
  let seq = 0;
  for (const op of ops) {
    if (op.kind === 'push' || op.kind === 'pushAbsolute') {
      const timeNs = op.kind === 'push' ? nowNs + op.deltaNs : op.timeNs;
      const rec = { timeNs, seq: seq++, handler: seq % 7, a: seq * 3, b: -seq };
      // Both ways in: push with an explicit seq, and add (Simulation's path), which numbers the event itself.
      if (rec.seq % 2 === 0) q.push(rec.timeNs, rec.seq, rec.handler, rec.a, rec.b);
      else if (q.add(rec.timeNs, rec.handler, rec.a, rec.b) !== rec.seq) got.push(`add numbered wrongly at ${rec.seq}`);
      ref.push(rec);
    } else if (op.kind === 'pop') {
      // Both ways out: pop into a record, and takeUntil (Simulation's path), which leaves the record in place.
      if (got.length % 2 === 0) {
        const ok = q.pop(out);
        got.push(ok ? `${out.timeNs}/${out.seq}/${out.handler}/${out.a}/${out.b}` : 'empty');
      } else {
        const o = q.takeUntil(Number.MAX_SAFE_INTEGER);
        const r = q.records;
        got.push(o >= 0 ? `${r[o]}/${r[o + 1]}/${r[o + 2]}/${r[o + 3]}/${r[o + 4]}` : 'empty');
      }
      if (ref.length === 0) want.push('empty');
      else {
        const [r] = ref.splice(referencePopIndex(ref), 1) as [Rec];
        want.push(`${r.timeNs}/${r.seq}/${r.handler}/${r.a}/${r.b}`);
        nowNs = r.timeNs;
      }
    } else if (op.kind === 'peek') {
      got.push(`peek ${q.peekTimeNs() ?? 'none'} size ${q.size}`);
      want.push(`peek ${ref.length === 0 ? 'none' : (ref[referencePopIndex(ref)] as Rec).timeNs} size ${ref.length}`);
    } else {
      q.clear();
      ref.length = 0;
      nowNs = 0;
      seq = 0;
    }
  }
  // Drain: the remaining order must match too.
  for (;;) {
    const ok = q.pop(out);
    if (!ok) break;
    got.push(`${out.timeNs}/${out.seq}/${out.handler}/${out.a}/${out.b}`);
  }
  while (ref.length > 0) {
    const [r] = ref.splice(referencePopIndex(ref), 1) as [Rec];
    want.push(`${r.timeNs}/${r.seq}/${r.handler}/${r.a}/${r.b}`);
  }
  return { got, want };
}

const deltaNs = fc.oneof(
  fc.constant(0), // same-time ties
  fc.integer({ min: 0, max: 64 }), // within one low digit
  fc.integer({ min: 0, max: 1 << 20 }),
  fc.integer({ min: 0, max: 2 ** 40 }), // crosses into the high 32-bit word
  fc.integer({ min: 2 ** 52, max: 2 ** 53 - 2 ** 50 }),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: deltaNs.map((d) => ({ kind: 'push' as const, deltaNs: d })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 33 }).map((t) => ({ kind: 'pushAbsolute' as const, timeNs: t })) },
  { weight: 5, arbitrary: fc.constant({ kind: 'pop' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'peek' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

describe('EventQueue (radix queue) against a reference ordering', () => {
  it('pops, peeks and drains exactly like a sorted reference for random operation sequences', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const { got, want } = runBoth(ops);
        expect(got).toEqual(want);
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });

  it('keeps (time, seq) order in a long hold model with many ties and large buckets', () => {
    // 2,000 pending events, increments in 0..999 ns so buckets overflow the sort limit and ties are common.
    const ops: Op[] = [];
    let x = 7;
    const next = () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x % 1000;
    };
    for (let i = 0; i < 2000; i++) ops.push({ kind: 'push', deltaNs: next() });
    for (let i = 0; i < 10_000; i++) ops.push({ kind: 'pop' }, { kind: 'push', deltaNs: next() });
    const { got, want } = runBoth(ops);
    expect(got.length).toBe(want.length);
    expect(got).toEqual(want);
  });

  it('stays ordered while growing to 40,000 pending, holding, shrinking to 100 and draining', () => {
    // Too large for the quadratic reference: check instead that pops never go back in (time, seq) and that every
    // pushed record comes out exactly once. With pushes never earlier than the last pop (as in Simulation), a
    // queue that returned anything but the least record would break the first property.
    const q = new EventQueue(4);
    const out = emptyPoppedEvent();
    let x = 99;
    const rnd = () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x;
    };
    let seq = 0;
    let nowNs = 0;
    let lastT = -1;
    let lastS = -1;
    let backwards = 0;
    let sumPushed = 0;
    let sumPopped = 0;
    const push = (deltaNs: number) => {
      q.push(nowNs + deltaNs, seq, 0, seq, 0);
      sumPushed += seq++;
    };
    let emptyPops = 0;
    const pop = () => {
      if (!q.pop(out)) emptyPops++;
      if (out.timeNs < lastT || (out.timeNs === lastT && out.seq <= lastS)) backwards++;
      [lastT, lastS, nowNs] = [out.timeNs, out.seq, out.timeNs];
      sumPopped += out.a;
    };
    // Grow from 0 to 40,000 pending (crossing 16,384), hold, shrink back to 100, hold, drain.
    for (let i = 0; i < 40_000; i++) {
      push(rnd() % 3_000_000);
      if (i % 3 === 0) {
        pop();
        push(rnd() % 50);
      }
    }
    for (let i = 0; i < 60_000; i++) {
      pop();
      push(rnd() % 2 === 0 ? rnd() % 1000 : rnd() % 5_000_000);
    }
    while (q.size > 100) pop();
    for (let i = 0; i < 60_000; i++) {
      pop();
      push(rnd() % 3 === 0 ? 0 : rnd() % 200_000);
    }
    while (q.size > 0) pop();
    expect(backwards).toBe(0);
    expect(emptyPops).toBe(0);
    expect(sumPopped).toBe(sumPushed);
    expect(q.pop(out)).toBe(false);
  });

  it('takes events earlier than its base (a rebuild) and still returns them first', () => {
    const { got, want } = runBoth([
      { kind: 'pushAbsolute', timeNs: 1_000_000 },
      { kind: 'pushAbsolute', timeNs: 1_000_001 },
      { kind: 'pop' }, // base moves to 1,000,000
      { kind: 'pushAbsolute', timeNs: 5 },
      { kind: 'pushAbsolute', timeNs: 5 },
      { kind: 'pushAbsolute', timeNs: 2 ** 40 },
    ]);
    expect(got).toEqual(['1000000/0/1/3/-1', '5/2/3/9/-3', '5/3/4/12/-4', '1000001/1/2/6/-2', '1099511627776/4/5/15/-5']);
    expect(got).toEqual(want);
  });

  it('takeUntil leaves a later earliest event in place, and add continues the numbering after push', () => {
    const q = new EventQueue(4);
    q.push(100, 7, 1, 2, 3);
    expect(q.nextSeq).toBe(8);
    expect(q.add(50, 4, 5, 6)).toBe(8);
    expect(q.takeUntil(49)).toBe(-1);
    expect(q.size).toBe(2);
    const o = q.takeUntil(50);
    expect([...q.records.subarray(o, o + 5)]).toEqual([50, 8, 4, 5, 6]);
    expect(q.takeUntil(99)).toBe(-1);
    expect(q.peekTimeNs()).toBe(100);
    expect(() => q.push(200, 8, 0, 0, 0)).toThrow(/got 8 after 8/);
  });

  it('refuses a seq that does not increase, naming both values', () => {
    const q = new EventQueue();
    q.push(10, 5, 0, 0, 0);
    expect(() => q.push(10, 5, 0, 0, 0)).toThrow(/got 5 after 5/);
    q.clear();
    q.push(10, 0, 0, 0, 0);
    expect(q.size).toBe(1);
  });
});
