/**
 * Idle pooled connections per pool key (node × workload destination), as a deque of the times each became idle.
 * A request takes the most recently idled connection (LIFO, as connection pools do, so the oldest ones age out);
 * the keep-alive expiry removes from the head. Because every connection idles for the same keep-alive, an expiry
 * event stamped `s` finds its connection at the head if it is still idle, and finds a later stamp (or nothing)
 * if a request took it — no per-connection identity is needed. Rings grow by doubling and are reused.
 */
export class IdlePool {
  private rings: Float64Array[] = [];
  private head = new Int32Array(0);
  private len = new Int32Array(0);

  size(key: number): number {
    return key < this.len.length ? (this.len[key] as number) : 0;
  }

  /** Takes the newest idle connection; false when none is idle. */
  takeNewest(key: number): boolean {
    const n = this.size(key);
    if (n === 0) return false;
    this.len[key] = n - 1;
    return true;
  }

  push(key: number, stampNs: number): void {
    this.ensureKey(key);
    let ring = this.rings[key] as Float64Array;
    const n = this.len[key] as number;
    if (n === ring.length) {
      const bigger = new Float64Array(ring.length * 2);
      const h = this.head[key] as number;
      for (let i = 0; i < n; i++) bigger[i] = ring[(h + i) % ring.length] as number;
      ring = bigger;
      this.rings[key] = ring;
      this.head[key] = 0;
    }
    ring[((this.head[key] as number) + n) % ring.length] = stampNs;
    this.len[key] = n + 1;
  }

  /** Removes the oldest idle connection if it became idle at `stampNs`; true when it did. */
  expire(key: number, stampNs: number): boolean {
    const n = this.size(key);
    if (n === 0) return false;
    const ring = this.rings[key] as Float64Array;
    const h = this.head[key] as number;
    if (ring[h] !== stampNs) return false;
    this.head[key] = (h + 1) % ring.length;
    this.len[key] = n - 1;
    return true;
  }

  /** Idle connections of a key, dropped at once (its node left). Returns how many. */
  clear(key: number): number {
    const n = this.size(key);
    if (n > 0) this.len[key] = 0;
    return n;
  }

  private ensureKey(key: number): void {
    if (key >= this.len.length) {
      const cap = Math.max(key + 1, this.len.length * 2, 16);
      const head = new Int32Array(cap);
      head.set(this.head);
      const len = new Int32Array(cap);
      len.set(this.len);
      this.head = head;
      this.len = len;
    }
    while (this.rings.length <= key) this.rings.push(new Float64Array(4));
  }
}
