/**
 * A Fenwick (binary indexed) tree of non-negative weights, one per node id: O(log n) update and O(log n)
 * weighted pick, so one Poisson stream per workload can place each arrival on a node in proportion to the node's
 * running pods without visiting every node.
 */
export class Fenwick {
  private tree: Float64Array;
  private weights: Float64Array;
  private size: number;
  private totalWeight = 0;

  constructor(capacity: number) {
    this.size = 1;
    while (this.size < capacity) this.size *= 2;
    this.tree = new Float64Array(this.size + 1);
    this.weights = new Float64Array(this.size);
  }

  get total(): number {
    return this.totalWeight;
  }

  weight(i: number): number {
    return i < this.size ? (this.weights[i] as number) : 0;
  }

  set(i: number, w: number): void {
    if (i >= this.size) this.grow(i + 1);
    const delta = w - (this.weights[i] as number);
    if (delta === 0) return;
    this.weights[i] = w;
    this.totalWeight += delta;
    for (let j = i + 1; j <= this.size; j += j & -j) this.tree[j] = (this.tree[j] as number) + delta;
  }

  /** The index i whose cumulative range [prefix(i), prefix(i+1)) holds x, for 0 ≤ x < total. */
  find(x: number): number {
    let pos = 0;
    let rest = x;
    for (let step = this.size; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.size && (this.tree[next] as number) <= rest) {
        pos = next;
        rest -= this.tree[next] as number;
      }
    }
    // Rounding can leave pos on a zero-weight slot at the very end; step back to the last positive weight.
    let i = Math.min(pos, this.size - 1);
    while (i > 0 && (this.weights[i] as number) === 0) i--;
    return i;
  }

  private grow(capacity: number): void {
    const old = this.weights;
    let size = this.size;
    while (size < capacity) size *= 2;
    this.size = size;
    this.tree = new Float64Array(size + 1);
    this.weights = new Float64Array(size);
    this.totalWeight = 0;
    for (let i = 0; i < old.length; i++) {
      const w = old[i] as number;
      if (w !== 0) this.set(i, w);
    }
  }
}
