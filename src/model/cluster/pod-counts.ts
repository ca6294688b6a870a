/**
 * Pod counts per (deployment, node) in the three states a bound pod can be in: waiting for an IP, starting
 * (has an IP, containers starting) and running. cnisim keeps counts, not pod objects, so memory grows with
 * deployments × nodes and not with pods: a 1.25-million-pod cluster costs the same as a 1,000-pod one.
 */
export class PodCounts {
  waitingIp: Int32Array[];
  starting: Int32Array[];
  running: Int32Array[];
  private capacity: number;

  constructor(
    readonly groups: number,
    nodeCapacity: number,
  ) {
    this.capacity = nodeCapacity;
    this.waitingIp = Array.from({ length: groups }, () => new Int32Array(nodeCapacity));
    this.starting = Array.from({ length: groups }, () => new Int32Array(nodeCapacity));
    this.running = Array.from({ length: groups }, () => new Int32Array(nodeCapacity));
  }

  ensureCapacity(nodes: number): void {
    if (nodes <= this.capacity) return;
    const size = Math.max(nodes, this.capacity * 2);
    const grow = (arrays: Int32Array[]) =>
      arrays.map((a) => {
        const b = new Int32Array(size);
        b.set(a);
        return b;
      });
    this.waitingIp = grow(this.waitingIp);
    this.starting = grow(this.starting);
    this.running = grow(this.running);
    this.capacity = size;
  }

  /** Every pod of every group on the node, in any bound state. */
  boundOn(node: number): number {
    let n = 0;
    for (let g = 0; g < this.groups; g++) {
      n += (this.waitingIp[g] as Int32Array)[node] as number;
      n += (this.starting[g] as Int32Array)[node] as number;
      n += (this.running[g] as Int32Array)[node] as number;
    }
    return n;
  }
}

/** Adds `delta` to a typed-array counter (the strict compiler refuses `a[i]++` on possibly-missing slots). */
export function bump(counts: Int32Array, index: number, delta: number): void {
  counts[index] = (counts[index] as number) + delta;
}
