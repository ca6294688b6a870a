/** Adds `delta` to a typed-array counter (the strict compiler refuses `a[i]++` on possibly-missing slots). */
export function bump(counts: Int32Array, index: number, delta: number): void {
  counts[index] = (counts[index] as number) + delta;
}
