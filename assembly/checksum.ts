import { hostToNet16, loadU32Host } from './bytes';

// The Internet checksum (RFC 1071): one's-complement sum of 16-bit big-endian words, folded and inverted.
// https://datatracker.ietf.org/doc/html/rfc1071

/** Folds a 32-bit accumulator of 16-bit words into 16 bits (end-around carry). */
@inline export function fold(sum: u32): u32 {
  sum = (sum & 0xffff) + (sum >>> 16);
  sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/**
 * Checksum of `len` bytes at `p`, `len` a multiple of 4 (IPv4 headers are). Sums 32-bit words in machine order
 * into 64 bits, folds to 16 and swaps once (RFC 1071 §2(B): byte-order independence; §4.1 for the wide sum).
 */
@inline export function checksum(p: usize, len: u32): u32 {
  let sum: u64 = 0;
  for (let i: u32 = 0; i < len; i += 4) sum += loadU32Host(p + i);
  sum = (sum & 0xffffffff) + (sum >>> 32);
  sum = (sum & 0xffffffff) + (sum >>> 32);
  const s16 = fold(<u32>(sum & 0xffff) + <u32>(sum >>> 16));
  return ~hostToNet16(s16) & 0xffff;
}

/**
 * Incremental update when a 32-bit field (an address) changes from `oldV` to `newV` (RFC 1624 eqn. 3:
 * HC' = ~(~HC + ~m + m')). https://datatracker.ietf.org/doc/html/rfc1624#section-3
 */
export function checksumReplace32(hc: u32, oldV: u32, newV: u32): u32 {
  let sum: u32 = (~hc & 0xffff) + (~(oldV >>> 16) & 0xffff) + (~oldV & 0xffff) + (newV >>> 16) + (newV & 0xffff);
  return ~fold(sum) & 0xffff;
}
