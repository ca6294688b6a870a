import type { TimeNs } from './time.ts';

// Each event is one record of five float64 slots in a bucket array: [timeNs, seq, handler, a, b].
const STRIDE = 5;
// Digits of 6 bits: 64 buckets per level. Chosen by measurement (bench/engine.bench.ts, docs/performance.md):
// 4- and 5-bit digits move each event through more levels; with 8-bit digits the buckets that reach the ready run
// hold about one event each, so nearly every pop pays for a refill.
const DIGIT_BITS = 6;
const DIGITS = 1 << DIGIT_BITS;
const DIGIT_MASK = DIGITS - 1;
const MASK_WORDS = DIGITS >>> 5;
// A time is split into a low 32-bit word and a high word of at most 21 bits (times are below 2^53).
const LOW_LEVELS = Math.ceil(32 / DIGIT_BITS);
const LEVELS = LOW_LEVELS + Math.ceil(21 / DIGIT_BITS);
const BUCKETS = LEVELS * DIGITS;
const TWO_POW_MINUS_32 = 1 / 4294967296;
// A bucket this small is sorted straight into the ready run instead of being split into lower levels:
// insertion sort on a few records is cheaper than moving each of them through another level.
const SORT_BUCKET_MAX = 32;
const EMPTY = new Float64Array(0);
// A bucket's first array holds this many records: fewer doublings while a fresh queue warms up.
const BUCKET_MIN_RECORDS = 32;
// LEVEL_OF_BIT[i] = the digit level of bit i of a 32-bit word (a table instead of a division in the hot path).
const LEVEL_OF_BIT = Uint8Array.from({ length: 32 }, (_, bit) => Math.floor(bit / DIGIT_BITS));

/**
 * The pending-event set: a monotone radix queue (Ahuja, Mehlhorn, Orlin and Tarjan 1990, "Faster algorithms
 * for the shortest path problem", J. ACM 37(2)) with 64-way digits and a sorted ready run at the bottom, as in
 * a ladder queue (Tang, Goh and Thng 2005, ACM TOMACS 15(3)).
 *
 * Total order: events come out by (timeNs, seq) ascending. `seq` is the insertion number (strictly increasing
 * across pushes, checked), so events scheduled for the same nanosecond leave first in, first out. Nothing else
 * breaks ties, which makes every run repeatable.
 *
 * How it works. `base` is a time no later than any pending event (the last event taken out). An event goes to
 * the bucket named by the highest 6-bit digit in which its time differs from `base` (the level) and its own value
 * of that digit. Every event in a lower bucket is earlier than every event in a higher one, and events with equal
 * times always share a bucket, where they sit in insertion order. When the ready run is empty, the lowest
 * non-empty bucket is taken: `base` becomes its earliest time (tracked per bucket), and its events either move to
 * lower levels or, when there are at most 32 of them, are sorted (stably) into the ready run. In the hold-model
 * benchmark each event moves down a level one to three times, every move a sequential copy, so a pop costs O(1)
 * amortised for times within a bounded horizon and stays cache-friendly at a million pending events, where a
 * heap misses the cache at every level. Pushing an event earlier than `base` (never done by Simulation, whose clock only
 * moves forward) is allowed and costs a rebuild of the queue.
 *
 * Each record carries a handler id and two numeric arguments; no object is allocated per event. Bucket arrays
 * grow by doubling and are kept for reuse.
 */
export class EventQueue {
  private readonly buckets: Float64Array[] = [];
  private readonly bucketLength = new Int32Array(BUCKETS);
  private readonly bucketMinNs = new Float64Array(BUCKETS);
  private readonly digitMask = new Int32Array(LEVELS * MASK_WORDS);
  private levelMask = 0;
  // The ready run: records [readyHead, readyEnd) sorted by (time, seq); all earlier than any bucketed event.
  // `ready` is either the queue's own array or, after a small bucket was sorted in place, that bucket's array
  // (borrowed, not copied). A borrowed array is safe to use until the next refill: while base keeps the drained
  // bucket's digit at its level, no event can be filed into that bucket. Each refill first returns `ready` to the
  // own array, because the refill may move base and file into the borrowed bucket again.
  private ready: Float64Array;
  private ownReady: Float64Array;
  private readyHead = 0;
  private readyEnd = 0;
  // Time of the ready run's last record, or -1 when the run is empty (a push at or before it joins the run).
  private readyMaxNs = -1;
  private baseNs = 0;
  private baseHigh = 0;
  private baseLow = 0;
  // The first time whose high 32-bit word differs from base's: below it, only the low word can differ.
  private highLimitNs = 4294967296;
  private count = 0;
  private lastSeq = -1;

  constructor(initialCapacity = 1024) {
    for (let i = 0; i < BUCKETS; i++) this.buckets.push(EMPTY);
    this.ownReady = new Float64Array(STRIDE * Math.max(SORT_BUCKET_MAX, Math.min(initialCapacity, 1 << 16)));
    this.ready = this.ownReady;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Inserts an event. `seq` must be greater than every `seq` pushed since construction or the last `clear()`
   * (Simulation passes its insertion number), so insertion order is seq order.
   */
  push(timeNs: TimeNs, seq: number, handler: number, a: number, b: number): void {
    if (!(seq > this.lastSeq)) {
      throw new RangeError(`event seq must increase with every push: got ${seq} after ${this.lastSeq}`);
    }
    this.lastSeq = seq;
    if (timeNs < this.baseNs) this.rebase(timeNs);
    this.count++;
    if (timeNs <= this.readyMaxNs) this.insertReady(timeNs, seq, handler, a, b);
    else this.place(timeNs, seq, handler, a, b);
  }

  /**
   * Inserts an event with the next sequence number (one more than the last pushed) and returns that number:
   * Simulation's path, which needs no check that the number increases.
   */
  add(timeNs: TimeNs, handler: number, a: number, b: number): number {
    // The same as push's filing, written out: a call with a time argument would box the time in a HeapNumber
    // whenever V8 does not inline it (one allocation per event).
    const seq = ++this.lastSeq;
    if (timeNs < this.baseNs) this.rebase(timeNs);
    this.count++;
    if (timeNs <= this.readyMaxNs) this.insertReady(timeNs, seq, handler, a, b);
    else this.place(timeNs, seq, handler, a, b);
    return seq;
  }

  /** The sequence number the next `add` will give. */
  get nextSeq(): number {
    return this.lastSeq + 1;
  }

  /** Time of the earliest event; undefined if empty. */
  peekTimeNs(): TimeNs | undefined {
    if (this.readyHead < this.readyEnd) return this.ready[this.readyHead * STRIDE];
    if (this.count === 0) return undefined;
    return this.bucketMinNs[this.lowestBucket()];
  }

  /**
   * Removes the earliest event and writes it into `out` (reused by the caller, so popping allocates nothing).
   * Returns false when the queue is empty.
   */
  pop(out: PoppedEvent): boolean {
    return this.popUntil(Number.POSITIVE_INFINITY, out);
  }

  /**
   * Pops the earliest event into `out` if its time is at most `untilNs`; returns false (leaving the queue as it
   * was) when the queue is empty or its earliest event is later.
   */
  popUntil(untilNs: TimeNs, out: PoppedEvent): boolean {
    const o = this.takeUntil(untilNs);
    if (o < 0) return false;
    const r = this.ready;
    out.timeNs = r[o] as number;
    out.seq = r[o + 1] as number;
    out.handler = r[o + 2] as number;
    out.a = r[o + 3] as number;
    out.b = r[o + 4] as number;
    return true;
  }

  /**
   * The simulation loop's one call per event: removes the earliest event if its time is at most `untilNs` and
   * returns the offset of its record [timeNs, seq, handler, a, b] in `records`, or -1 (leaving the queue as it
   * was) when the queue is empty or its earliest event is later. The record stays readable until the next
   * call that changes the queue; reading it in place saves copying it out.
   */
  takeUntil(untilNs: TimeNs): number {
    if (this.readyHead === this.readyEnd) {
      if (this.count === 0) return -1;
      const id = this.lowestBucket();
      if ((this.bucketMinNs[id] as number) > untilNs) return -1;
      this.refill(id);
    }
    const o = this.readyHead * STRIDE;
    if ((this.ready[o] as number) > untilNs) return -1;
    // An emptied run keeps its (possibly borrowed) array until the next refill: see `ready`.
    if (++this.readyHead === this.readyEnd) {
      this.readyHead = 0;
      this.readyEnd = 0;
      this.readyMaxNs = -1;
    }
    this.count--;
    return o;
  }

  /** The array holding the record whose offset `takeUntil` returned. */
  get records(): Float64Array {
    return this.ready;
  }

  clear(): void {
    this.bucketLength.fill(0);
    this.digitMask.fill(0);
    this.levelMask = 0;
    this.emptyReady();
    this.setBase(0);
    this.count = 0;
    this.lastSeq = -1;
  }

  /** Files a record into its bucket relative to `base` (or the ready run when its time equals `base`). */
  private place(timeNs: number, seq: number, handler: number, a: number, b: number): void {
    let level: number;
    let digit: number;
    if (timeNs < this.highLimitNs) {
      const low = timeNs >>> 0;
      const lowDiff = low ^ this.baseLow;
      if (lowDiff === 0) {
        this.appendReady(timeNs, seq, handler, a, b);
        return;
      }
      level = LEVEL_OF_BIT[31 - Math.clz32(lowDiff)] as number;
      digit = (low >>> (level * DIGIT_BITS)) & DIGIT_MASK;
    } else {
      const high = (timeNs * TWO_POW_MINUS_32) | 0;
      const highLevel = LEVEL_OF_BIT[31 - Math.clz32(high ^ this.baseHigh)] as number;
      digit = (high >>> (highLevel * DIGIT_BITS)) & DIGIT_MASK;
      level = LOW_LEVELS + highLevel;
    }
    this.appendToBucket(level, digit, timeNs, seq, handler, a, b);
  }

  /** Appends a record to bucket (level, digit), marking the bucket non-empty and keeping its earliest time. */
  private appendToBucket(level: number, digit: number, timeNs: number, seq: number, handler: number, a: number, b: number): void {
    const id = level * DIGITS + digit;
    const n = this.bucketLength[id] as number;
    let arr = this.buckets[id] as Float64Array;
    if ((n + 1) * STRIDE > arr.length) arr = this.growBucket(id);
    const o = n * STRIDE;
    arr[o] = timeNs;
    arr[o + 1] = seq;
    arr[o + 2] = handler;
    arr[o + 3] = a;
    arr[o + 4] = b;
    this.bucketLength[id] = n + 1;
    if (n === 0) {
      this.bucketMinNs[id] = timeNs;
      this.levelMask |= 1 << level;
      const w = level * MASK_WORDS + (digit >>> 5);
      this.digitMask[w] = (this.digitMask[w] as number) | (1 << (digit & 31));
    } else if (timeNs < (this.bucketMinNs[id] as number)) {
      this.bucketMinNs[id] = timeNs;
    }
  }

  /** The non-empty bucket holding the earliest events (the queue must not be empty outside the ready run). */
  private lowestBucket(): number {
    const levels = this.levelMask;
    const level = 31 - Math.clz32(levels & -levels);
    let w = level * MASK_WORDS;
    let bits = this.digitMask[w] as number;
    while (bits === 0) bits = this.digitMask[++w] as number;
    const digit = ((w - level * MASK_WORDS) << 5) + 31 - Math.clz32(bits & -bits);
    return level * DIGITS + digit;
  }

  /** Empties the lowest bucket into the ready run, directly (sorted) or through lower levels. */
  private refill(id: number): void {
    this.ready = this.ownReady;
    this.setBase(this.bucketMinNs[id] as number);
    const arr = this.buckets[id] as Float64Array;
    const n = this.bucketLength[id] as number;
    this.bucketLength[id] = 0;
    const level = id >>> DIGIT_BITS;
    const digit = id & DIGIT_MASK;
    const w = level * MASK_WORDS + (digit >>> 5);
    this.digitMask[w] = (this.digitMask[w] as number) & ~(1 << (digit & 31));
    let levelBits = 0;
    for (let k = level * MASK_WORDS; k < (level + 1) * MASK_WORDS; k++) levelBits |= this.digitMask[k] as number;
    if (levelBits === 0) this.levelMask &= ~(1 << level);
    if (n <= SORT_BUCKET_MAX) {
      this.sortIntoReady(id, n);
      return;
    }
    const end = n * STRIDE;
    if (level >= LOW_LEVELS) {
      for (let o = 0; o < end; o += STRIDE) {
        this.place(arr[o] as number, arr[o + 1] as number, arr[o + 2] as number, arr[o + 3] as number, arr[o + 4] as number);
      }
      return;
    }
    // Below the high word every record shares base's high word: file by the low word alone.
    const baseLow = this.baseLow;
    for (let o = 0; o < end; o += STRIDE) {
      const t = arr[o] as number;
      const low = t >>> 0;
      const lowDiff = low ^ baseLow;
      if (lowDiff === 0) {
        this.appendReady(t, arr[o + 1] as number, arr[o + 2] as number, arr[o + 3] as number, arr[o + 4] as number);
        continue;
      }
      const lv = LEVEL_OF_BIT[31 - Math.clz32(lowDiff)] as number;
      const dg = (low >>> (lv * DIGIT_BITS)) & DIGIT_MASK;
      this.appendToBucket(lv, dg, t, arr[o + 1] as number, arr[o + 2] as number, arr[o + 3] as number, arr[o + 4] as number);
    }
  }

  private emptyReady(): void {
    this.readyHead = 0;
    this.readyEnd = 0;
    this.readyMaxNs = -1;
    this.ready = this.ownReady;
  }

  /**
   * Makes a small bucket the ready run: a stable insertion sort by time in place (equal times keep their
   * insertion order, which is seq order); the ready run then borrows the bucket's array (see `ready`).
   */
  private sortIntoReady(id: number, n: number): void {
    const r = this.buckets[id] as Float64Array;
    const end = n * STRIDE;
    for (let o = STRIDE; o < end; o += STRIDE) {
      const t = r[o] as number;
      if ((r[o - STRIDE] as number) <= t) continue;
      const seq = r[o + 1] as number;
      const handler = r[o + 2] as number;
      const a = r[o + 3] as number;
      const b = r[o + 4] as number;
      let p = o;
      do {
        r[p] = r[p - STRIDE] as number;
        r[p + 1] = r[p - STRIDE + 1] as number;
        r[p + 2] = r[p - STRIDE + 2] as number;
        r[p + 3] = r[p - STRIDE + 3] as number;
        r[p + 4] = r[p - STRIDE + 4] as number;
        p -= STRIDE;
      } while (p > 0 && (r[p - STRIDE] as number) > t);
      r[p] = t;
      r[p + 1] = seq;
      r[p + 2] = handler;
      r[p + 3] = a;
      r[p + 4] = b;
    }
    this.ready = r;
    this.readyHead = 0;
    this.readyEnd = n;
    this.readyMaxNs = r[end - STRIDE] as number;
  }

  /** Inserts into the ready run after every record with time ≤ timeNs (its seq is the largest so far). */
  private insertReady(timeNs: number, seq: number, handler: number, a: number, b: number): void {
    if ((this.readyEnd + 1) * STRIDE > this.ready.length) this.compactReady(2);
    const r = this.ready;
    let o = this.readyEnd * STRIDE;
    const head = this.readyHead * STRIDE;
    while (o > head && (r[o - STRIDE] as number) > timeNs) {
      r[o] = r[o - STRIDE] as number;
      r[o + 1] = r[o - STRIDE + 1] as number;
      r[o + 2] = r[o - STRIDE + 2] as number;
      r[o + 3] = r[o - STRIDE + 3] as number;
      r[o + 4] = r[o - STRIDE + 4] as number;
      o -= STRIDE;
    }
    r[o] = timeNs;
    r[o + 1] = seq;
    r[o + 2] = handler;
    r[o + 3] = a;
    r[o + 4] = b;
    this.readyEnd++;
  }

  private appendReady(timeNs: number, seq: number, handler: number, a: number, b: number): void {
    if ((this.readyEnd + 1) * STRIDE > this.ready.length) this.compactReady(2);
    const r = this.ready;
    const o = this.readyEnd * STRIDE;
    r[o] = timeNs;
    r[o + 1] = seq;
    r[o + 2] = handler;
    r[o + 3] = a;
    r[o + 4] = b;
    this.readyEnd++;
    this.readyMaxNs = timeNs;
  }

  /** Moves the live ready records to the front of an array with room for at least `factor` times as many. */
  private compactReady(factor: number): void {
    const live = this.readyEnd - this.readyHead;
    const next = new Float64Array(Math.max(this.ready.length, (live + 1) * STRIDE * factor));
    next.set(this.ready.subarray(this.readyHead * STRIDE, this.readyEnd * STRIDE));
    // A grown run keeps its room for the next time (a borrowed bucket array is left to its bucket).
    if (this.ready === this.ownReady) this.ownReady = next;
    this.ready = next;
    this.readyHead = 0;
    this.readyEnd = live;
  }

  private growBucket(id: number): Float64Array {
    const old = this.buckets[id] as Float64Array;
    const need = Math.max(STRIDE * BUCKET_MIN_RECORDS, old.length * 2);
    const next = new Float64Array(need);
    next.set(old);
    this.buckets[id] = next;
    return next;
  }

  private setBase(timeNs: number): void {
    this.baseNs = timeNs;
    this.baseHigh = (timeNs * TWO_POW_MINUS_32) | 0;
    this.baseLow = timeNs >>> 0;
    this.highLimitNs = (this.baseHigh + 1) * 4294967296;
  }

  /**
   * Rebuilds the buckets around an earlier base (a push before `base`). The ready run is re-filed first, then
   * the buckets; records with equal times share a bucket in insertion order, so first-in-first-out survives.
   */
  private rebase(timeNs: number): void {
    const records: number[] = [];
    for (let o = this.readyHead * STRIDE; o < this.readyEnd * STRIDE; o++) records.push(this.ready[o] as number);
    for (let id = 0; id < BUCKETS; id++) {
      const arr = this.buckets[id] as Float64Array;
      const end = (this.bucketLength[id] as number) * STRIDE;
      for (let o = 0; o < end; o++) records.push(arr[o] as number);
    }
    this.bucketLength.fill(0);
    this.digitMask.fill(0);
    this.levelMask = 0;
    this.emptyReady();
    this.setBase(timeNs);
    for (let o = 0; o < records.length; o += STRIDE) {
      this.place(
        records[o] as number,
        records[o + 1] as number,
        records[o + 2] as number,
        records[o + 3] as number,
        records[o + 4] as number,
      );
    }
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
