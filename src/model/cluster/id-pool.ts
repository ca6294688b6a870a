/**
 * Hands out small integer ids, always the lowest free one, so ids stay dense (an id is below the number of
 * live holders at the time it is issued). Backed by a binary min-heap of freed ids on a typed array.
 */
export class IdPool {
  private heap = new Int32Array(64);
  private freeCount = 0;
  private highWater = 0;

  /** One more than the largest id ever issued: arrays indexed by id need this many slots. */
  get limit(): number {
    return this.highWater;
  }

  acquire(): number {
    if (this.freeCount === 0) return this.highWater++;
    const heap = this.heap;
    const top = heap[0] as number;
    const last = heap[--this.freeCount] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.freeCount) break;
      const r = l + 1;
      const c = r < this.freeCount && (heap[r] as number) < (heap[l] as number) ? r : l;
      if ((heap[c] as number) >= last) break;
      heap[i] = heap[c] as number;
      i = c;
    }
    heap[i] = last;
    return top;
  }

  release(id: number): void {
    if (this.freeCount === this.heap.length) {
      const bigger = new Int32Array(this.heap.length * 2);
      bigger.set(this.heap);
      this.heap = bigger;
    }
    const heap = this.heap;
    let i = this.freeCount++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as number) <= id) break;
      heap[i] = heap[parent] as number;
      i = parent;
    }
    heap[i] = id;
  }
}
