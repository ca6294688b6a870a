/**
 * Event-set structures measured against the radix queue in src/sim/event-queue.ts (bench/engine.bench.ts,
 * "queue only" cases). They order by (timeNs, seq) like EventQueue and keep records in parallel typed arrays.
 * They are kept so the choice of structure can be re-measured on any machine; nothing in src/ uses them.
 */
import type { PoppedEvent } from '../src/sim/event-queue.ts';

/** A d-ary min-heap (d = 2 or 4 here) with a hole-based sift; d = 4 was cnisim's first event queue. */
export class DaryHeap {
  private timeNs: Float64Array;
  private seq: Float64Array;
  private handler: Int32Array;
  private argA: Float64Array;
  private argB: Float64Array;
  private count = 0;

  constructor(
    private readonly arity: number,
    capacity = 1024,
  ) {
    this.timeNs = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.handler = new Int32Array(capacity);
    this.argA = new Float64Array(capacity);
    this.argB = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(timeNs: number, seq: number, handler: number, a: number, b: number): void {
    if (this.count === this.timeNs.length) this.grow();
    const d = this.arity;
    const times = this.timeNs;
    const seqs = this.seq;
    let i = this.count++;
    while (i > 0) {
      const parent = ((i - 1) / d) | 0;
      const pt = times[parent] as number;
      if (pt < timeNs || (pt === timeNs && (seqs[parent] as number) < seq)) break;
      this.move(parent, i);
      i = parent;
    }
    this.write(i, timeNs, seq, handler, a, b);
  }

  peekTimeNs(): number | undefined {
    return this.count === 0 ? undefined : this.timeNs[0];
  }

  pop(out: PoppedEvent): boolean {
    if (this.count === 0) return false;
    out.timeNs = this.timeNs[0] as number;
    out.seq = this.seq[0] as number;
    out.handler = this.handler[0] as number;
    out.a = this.argA[0] as number;
    out.b = this.argB[0] as number;
    const last = --this.count;
    if (last === 0) return true;
    const t = this.timeNs[last] as number;
    const s = this.seq[last] as number;
    const h = this.handler[last] as number;
    const a = this.argA[last] as number;
    const b = this.argB[last] as number;
    const d = this.arity;
    const times = this.timeNs;
    const seqs = this.seq;
    const n = this.count;
    let i = 0;
    for (;;) {
      const first = d * i + 1;
      if (first >= n) break;
      let best = first;
      let bt = times[first] as number;
      let bs = seqs[first] as number;
      const end = first + d < n ? first + d : n;
      for (let c = first + 1; c < end; c++) {
        const ct = times[c] as number;
        if (ct < bt || (ct === bt && (seqs[c] as number) < bs)) {
          best = c;
          bt = ct;
          bs = seqs[c] as number;
        }
      }
      if (t < bt || (t === bt && s < bs)) break;
      this.move(best, i);
      i = best;
    }
    this.write(i, t, s, h, a, b);
    return true;
  }

  private write(i: number, t: number, s: number, h: number, a: number, b: number): void {
    this.timeNs[i] = t;
    this.seq[i] = s;
    this.handler[i] = h;
    this.argA[i] = a;
    this.argB[i] = b;
  }

  private move(from: number, to: number): void {
    this.timeNs[to] = this.timeNs[from] as number;
    this.seq[to] = this.seq[from] as number;
    this.handler[to] = this.handler[from] as number;
    this.argA[to] = this.argA[from] as number;
    this.argB[to] = this.argB[from] as number;
  }

  private grow(): void {
    const n = this.timeNs.length * 2;
    const f = (src: Float64Array): Float64Array => {
      const dst = new Float64Array(n);
      dst.set(src);
      return dst;
    };
    const handler = new Int32Array(n);
    handler.set(this.handler);
    this.timeNs = f(this.timeNs);
    this.seq = f(this.seq);
    this.argA = f(this.argA);
    this.argB = f(this.argB);
    this.handler = handler;
  }
}
