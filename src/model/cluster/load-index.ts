import { growInt32 } from '../typed-grow.ts';

/**
 * Schedulable nodes of each pool, bucketed by how many pods are bound to them, so the scheduler finds the
 * least-loaded node (Kubernetes' default LeastAllocated spreading) in O(maxPods) at worst and O(1) typically,
 * whatever the cluster size. Buckets are intrusive doubly linked lists over typed arrays indexed by node id;
 * within a bucket the most recently inserted node comes first, which is deterministic.
 */
export class LoadIndex {
  private next: Int32Array;
  private prev: Int32Array;
  private bucketOf: Int32Array;
  private poolOf: Int32Array;
  private readonly heads: Int32Array;
  private readonly lowHint: Int32Array;
  /** Per pool: loads below this have room (the pool's maxPods, within the buckets). */
  private readonly endOf: Int32Array;
  /** Per pool: its nodes with room. */
  private readonly roomyOf: Int32Array;
  private readonly stride: number;
  private roomy = 0;

  /** `maxLoadOf`: per pool, the load (pods bound) at which a node has no room left. */
  constructor(maxLoadOf: readonly number[], maxPodsLimit: number, nodeCapacity: number) {
    this.stride = maxPodsLimit + 1;
    this.heads = new Int32Array(maxLoadOf.length * this.stride).fill(-1);
    this.lowHint = new Int32Array(maxLoadOf.length);
    this.endOf = Int32Array.from(maxLoadOf, (m) => Math.min(m, this.stride));
    this.roomyOf = new Int32Array(maxLoadOf.length);
    this.next = new Int32Array(nodeCapacity).fill(-1);
    this.prev = new Int32Array(nodeCapacity).fill(-1);
    this.bucketOf = new Int32Array(nodeCapacity).fill(-1);
    this.poolOf = new Int32Array(nodeCapacity).fill(-1);
  }

  /**
   * Nodes in the index with room, in any pool. A scheduling pass over a cluster with none answers in O(1)
   * without asking each pool (1.2 million unschedulable pods meet a full cluster at every restart).
   */
  get nodesWithRoom(): number {
    return this.roomy;
  }

  ensureCapacity(nodes: number): void {
    if (nodes <= this.next.length) return;
    const size = Math.max(nodes, this.next.length * 2);
    this.next = growInt32(this.next, size, -1);
    this.prev = growInt32(this.prev, size, -1);
    this.bucketOf = growInt32(this.bucketOf, size, -1);
    this.poolOf = growInt32(this.poolOf, size, -1);
  }

  contains(node: number): boolean {
    return (this.bucketOf[node] as number) >= 0;
  }

  insert(node: number, pool: number, load: number): void {
    const head = pool * this.stride + load;
    const first = this.heads[head] as number;
    this.next[node] = first;
    this.prev[node] = -1;
    if (first >= 0) this.prev[first] = node;
    this.heads[head] = node;
    this.bucketOf[node] = load;
    this.poolOf[node] = pool;
    if (load < (this.lowHint[pool] as number)) this.lowHint[pool] = load;
    if (load < (this.endOf[pool] as number)) {
      this.roomy++;
      this.roomyOf[pool] = (this.roomyOf[pool] as number) + 1;
    }
  }

  remove(node: number): void {
    const load = this.bucketOf[node] as number;
    if (load < 0) return;
    const pool = this.poolOf[node] as number;
    const n = this.next[node] as number;
    const p = this.prev[node] as number;
    if (p >= 0) this.next[p] = n;
    else this.heads[pool * this.stride + load] = n;
    if (n >= 0) this.prev[n] = p;
    this.bucketOf[node] = -1;
    if (load < (this.endOf[pool] as number)) {
      this.roomy--;
      this.roomyOf[pool] = (this.roomyOf[pool] as number) - 1;
    }
  }

  /** Moves a node to a new load (to the front of its bucket); a node not in the index stays out. */
  update(node: number, load: number): void {
    if ((this.bucketOf[node] as number) < 0) return;
    const pool = this.poolOf[node] as number;
    this.remove(node);
    this.insert(node, pool, load);
  }

  /** The least-loaded node in the pool with room, or -1; `loadOf` gives its load. */
  least(pool: number): number {
    // A full pool (every pool but one, when a restart frees a slot in a full cluster) answers without a scan.
    if (this.roomyOf[pool] === 0) return -1;
    const base = pool * this.stride;
    const end = this.endOf[pool] as number;
    let load = this.lowHint[pool] as number;
    for (; load < end; load++) {
      const head = this.heads[base + load] as number;
      if (head >= 0) {
        this.lowHint[pool] = load;
        return head;
      }
    }
    // Every bucket below `end` is empty: remember it, so a cluster with no room answers the next call in O(1)
    // instead of rescanning (insert lowers the hint again when a node gains room).
    if (load > (this.lowHint[pool] as number)) this.lowHint[pool] = load;
    return -1;
  }

  loadOf(node: number): number {
    return this.bucketOf[node] as number;
  }
}
