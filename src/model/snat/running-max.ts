/**
 * The maximum of a set of counters, per group, kept up to date as counters move by ±1: O(1) per change, with a
 * rescan of the group only when the last counter at the maximum goes down. The SNAT engine uses it for "ports a
 * node holds" = its busiest destination's bindings, per protocol, so a scenario with many external endpoints
 * does not pay a scan per connection.
 */
export class RunningMax {
  max: Int32Array;
  /** How many counters of the group sit at `max` (meaningful while max > 0). */
  atMax: Int32Array;

  constructor(groups: number) {
    this.max = new Int32Array(groups);
    this.atMax = new Int32Array(groups);
  }

  grow(groups: number): void {
    if (groups <= this.max.length) return;
    const max = new Int32Array(groups);
    max.set(this.max);
    const atMax = new Int32Array(groups);
    atMax.set(this.atMax);
    this.max = max;
    this.atMax = atMax;
  }

  /** A counter of group `g` rose to `value`. */
  up(g: number, value: number): void {
    const m = this.max[g] as number;
    if (value > m) {
      this.max[g] = value;
      this.atMax[g] = 1;
    } else if (value === m) {
      this.atMax[g] = (this.atMax[g] as number) + 1;
    }
  }

  /** A counter of group `g` fell from `value`; true when the group must be rescanned with `set`. */
  down(g: number, value: number): boolean {
    if (value !== this.max[g]) return false;
    const left = (this.atMax[g] as number) - 1;
    this.atMax[g] = left;
    return left === 0;
  }

  set(g: number, max: number, atMax: number): void {
    this.max[g] = max;
    this.atMax[g] = atMax;
  }
}
