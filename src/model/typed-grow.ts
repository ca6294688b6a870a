/**
 * Growing the per-node typed arrays models keep (indexed by node id): a copy into a larger array, new slots
 * set to `fill`. Models grow by doubling, so a long run copies each slot a bounded number of times.
 */
export function growInt32(a: Int32Array, size: number, fill = 0): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
}

export function growUint8(a: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(size);
  b.set(a);
  return b;
}
