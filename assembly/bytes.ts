// Network byte order, converted here and nowhere else. Every header file reads and writes multi-byte fields
// through these helpers, so a forgotten bswap cannot hide in one header (the smoltcp `wire` convention).

@inline export function readU8(p: usize): u32 {
  return <u32>load<u8>(p);
}

@inline export function writeU8(p: usize, v: u32): void {
  store<u8>(p, <u8>v);
}

@inline export function readU16(p: usize): u32 {
  return <u32>bswap<u16>(load<u16>(p));
}

@inline export function writeU16(p: usize, v: u32): void {
  store<u16>(p, bswap<u16>(<u16>v));
}

@inline export function readU32(p: usize): u32 {
  return bswap<u32>(load<u32>(p));
}

@inline export function writeU32(p: usize, v: u32): void {
  store<u32>(p, bswap<u32>(v));
}

/**
 * True when the 16-bit field at `p` equals `v`. The value is converted to network order instead of the field, so
 * with a constant `v` the conversion happens at compile time and the packet costs one load and one compare
 * (WebAssembly has no byte-swap instruction: a swap is four or five operations).
 */
@inline export function isU16(p: usize, v: u32): bool {
  return load<u16>(p) == bswap<u16>(<u16>v);
}

/** True when the 16-bit field at `p` has any bit of `mask` set (the mask converted, as in isU16). */
@inline export function anyU16(p: usize, mask: u32): bool {
  return (load<u16>(p) & bswap<u16>(<u16>mask)) != 0;
}

/** Converts each of four 32-bit lanes between network and machine order: one shuffle instead of four swaps. */
@inline export function swap32x4(v: v128): v128 {
  return i8x16.shuffle(v, v, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
}

/** Four consecutive 32-bit big-endian fields at `p`, in machine order (lane k = readU32(p + 4k)). */
@inline export function readU32x4(p: usize): v128 {
  return swap32x4(v128.load(p));
}

/** Writes four consecutive 32-bit big-endian fields at `p` (the same bytes as four writeU32 calls). */
@inline export function writeU32x4(p: usize, a: u32, b: u32, c: u32, d: u32): void {
  v128.store(p, swap32x4(i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(a), 1, b), 2, c), 3, d)));
}

/**
 * A 32-bit word in the machine's (little-endian) order, for the checksum only: the one's-complement sum does not
 * depend on byte order as long as the result is swapped back once (RFC 1071 §2(B)), which checksum.ts does.
 */
@inline export function loadU32Host(p: usize): u64 {
  return <u64>load<u32>(p);
}

/** Converts a 16-bit value summed in machine order to network order. */
@inline export function hostToNet16(v: u32): u32 {
  return <u32>bswap<u16>(<u16>v);
}
