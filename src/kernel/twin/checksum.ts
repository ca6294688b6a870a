// Twin of assembly/checksum.ts: the Internet checksum (RFC 1071) and its incremental update (RFC 1624 eqn. 3).

export function fold(sum: number): number {
  sum = (sum & 0xffff) + (sum >>> 16);
  sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

export function checksum(dv: DataView, p: number, len: number): number {
  let sum = 0;
  for (let i = 0; i < len; i += 2) sum += dv.getUint16(p + i);
  return ~fold(sum) & 0xffff;
}

export function checksumReplace32(hc: number, oldV: number, newV: number): number {
  const sum = (~hc & 0xffff) + (~(oldV >>> 16) & 0xffff) + (~oldV & 0xffff) + (newV >>> 16) + (newV & 0xffff);
  return ~fold(sum) & 0xffff;
}

/**
 * murmur3's finaliser, as assembly/route.ts. Works and returns in int32 (the same 32 bits as the kernel's u32):
 * values ≥ 2^31 as uint32 would not be small integers in V8 and could be boxed on the heap per packet.
 */
export function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x;
}
