import type { TimeNs } from './time.ts';

/**
 * The pending-event set: a 4-ary min-heap over parallel typed arrays.
 *
 * Total order: events come out by (timeNs, seq) ascending. `seq` is the insertion number, so events scheduled
 * for the same nanosecond leave first in, first out. Nothing else breaks ties, which makes every run repeatable.
 *
 * Each entry carries a handler id and two numeric arguments; no object is allocated per event. The arrays grow
 * by doubling, so a push costs O(log n) amortised and allocates only when the capacity is exceeded.
 * A 4-ary heap halves the depth of a binary heap and keeps the four children of a node in one cache line
 * of each key array.
 */
export class EventQueue {
  private timeNs: Float64Array;
  private seq: Float64Array;
  private handler: Int32Array;
  private argA: Float64Array;
  private argB: Float64Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(4, initialCapacity);
    this.timeNs = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.handler = new Int32Array(capacity);
    this.argA = new Float64Array(capacity);
    this.argB = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Inserts an event. The caller supplies `seq` (strictly increasing across pushes). */
  push(timeNs: TimeNs, seq: number, handler: number, a: number, b: number): void {
    if (this.count === this.timeNs.length) this.grow();
    // Sift up with a hole: move parents down until the new key's place is found.
    let i = this.count++;
    const times = this.timeNs;
    const seqs = this.seq;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = times[parent] as number;
      if (pt < timeNs || (pt === timeNs && (seqs[parent] as number) < seq)) break;
      this.move(parent, i);
      i = parent;
    }
    times[i] = timeNs;
    seqs[i] = seq;
    this.handler[i] = handler;
    this.argA[i] = a;
    this.argB[i] = b;
  }

  /** Time of the earliest event; undefined if empty. */
  peekTimeNs(): TimeNs | undefined {
    return this.count === 0 ? undefined : this.timeNs[0];
  }

  /**
   * Removes the earliest event and writes it into `out` (reused by the caller, so popping allocates nothing).
   * Returns false when the queue is empty.
   */
  pop(out: PoppedEvent): boolean {
    if (this.count === 0) return false;
    out.timeNs = this.timeNs[0] as number;
    out.seq = this.seq[0] as number;
    out.handler = this.handler[0] as number;
    out.a = this.argA[0] as number;
    out.b = this.argB[0] as number;
    const last = --this.count;
    if (last > 0) this.siftDownFromRoot(last);
    return true;
  }

  clear(): void {
    this.count = 0;
  }

  private siftDownFromRoot(lastIndex: number): void {
    const times = this.timeNs;
    const seqs = this.seq;
    const t = times[lastIndex] as number;
    const s = seqs[lastIndex] as number;
    const h = this.handler[lastIndex] as number;
    const a = this.argA[lastIndex] as number;
    const b = this.argB[lastIndex] as number;
    const n = this.count;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let best = first;
      let bt = times[first] as number;
      let bs = seqs[first] as number;
      const end = first + 4 < n ? first + 4 : n;
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
    times[i] = t;
    seqs[i] = s;
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
    const capacity = this.timeNs.length * 2;
    const resize = <T extends Float64Array | Int32Array>(src: T, make: (n: number) => T): T => {
      const dst = make(capacity);
      dst.set(src);
      return dst;
    };
    this.timeNs = resize(this.timeNs, (n) => new Float64Array(n));
    this.seq = resize(this.seq, (n) => new Float64Array(n));
    this.handler = resize(this.handler, (n) => new Int32Array(n));
    this.argA = resize(this.argA, (n) => new Float64Array(n));
    this.argB = resize(this.argB, (n) => new Float64Array(n));
  }
}

/** A reusable record that `EventQueue.pop` fills. */
export interface PoppedEvent {
  timeNs: TimeNs;
  seq: number;
  handler: number;
  a: number;
  b: number;
}

export function emptyPoppedEvent(): PoppedEvent {
  return { timeNs: 0, seq: 0, handler: 0, a: 0, b: 0 };
}
