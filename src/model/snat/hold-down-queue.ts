/**
 * Ports in hold-down, released in order. Every port closed with the same close code waits the same hold-down,
 * and closes happen in time order, so each code's releases are first in, first out: a ring per code and one
 * pending simulation event (for the head) replace one event per port. At a NAT gateway's scale (a million
 * ports in a 65 s hold-down) that is 16 bytes per port instead of an event-queue record, and no queue traffic.
 */
export class HoldDownQueue {
  private releaseNs: Float64Array;
  private slot: Int32Array;
  private epoch: Int32Array;
  private head = 0;
  private count = 0;

  constructor(capacity = 256) {
    this.releaseNs = new Float64Array(capacity);
    this.slot = new Int32Array(capacity);
    this.epoch = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Release time of the oldest entry (call only when size > 0). */
  headReleaseNs(): number {
    return this.releaseNs[this.head] as number;
  }

  headSlot(): number {
    return this.slot[this.head] as number;
  }

  headEpoch(): number {
    return this.epoch[this.head] as number;
  }

  /** Appends an entry; `releaseNs` must not be earlier than the last one's (constant hold-down, time order). */
  push(releaseNs: number, slot: number, epoch: number): void {
    if (this.count === this.releaseNs.length) this.grow();
    const i = (this.head + this.count) % this.releaseNs.length;
    this.releaseNs[i] = releaseNs;
    this.slot[i] = slot;
    this.epoch[i] = epoch;
    this.count++;
  }

  pop(): void {
    this.head = (this.head + 1) % this.releaseNs.length;
    this.count--;
  }

  private grow(): void {
    const n = this.releaseNs.length;
    const releaseNs = new Float64Array(n * 2);
    const slot = new Int32Array(n * 2);
    const epoch = new Int32Array(n * 2);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) % n;
      releaseNs[k] = this.releaseNs[i] as number;
      slot[k] = this.slot[i] as number;
      epoch[k] = this.epoch[i] as number;
    }
    this.releaseNs = releaseNs;
    this.slot = slot;
    this.epoch = epoch;
    this.head = 0;
  }
}
