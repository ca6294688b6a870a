/**
 * The increment table of the hold-model benchmark, shared with the ns-3 peer (bench/peers/ns3-hold.cc builds
 * the identical table): `size` exponential draws with mean `meanNs`, floored to integer nanoseconds, from
 * xorshift32 (Marsaglia 2003, "Xorshift RNGs", J. Stat. Softw. 8(14)) seeded with 2463534242.
 *
 * Precomputing the draws keeps a random-number generator out of the timed loop on both sides, so the figure
 * is the engine's cost (schedule, queue, dispatch) and the two engines see the same key distribution.
 */
export function holdIncrementsNs(size: number, meanNs: number): Float64Array {
  if (!Number.isInteger(Math.log2(size))) throw new RangeError(`table size must be a power of two, got ${size}`);
  const out = new Float64Array(size);
  let x = 2463534242;
  for (let i = 0; i < size; i++) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    const u = x / 4294967296;
    out[i] = Math.floor(-meanNs * Math.log(1 - u));
  }
  return out;
}
