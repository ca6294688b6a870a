import { readU16, readU32, readU8, writeU16, writeU32, writeU8 } from './bytes';

// Geneve header, RFC 8926 §3.4: https://datatracker.ietf.org/doc/html/rfc8926#section-3.4
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |Ver|  Opt Len  |O|C|    Rsvd.  |          Protocol Type        |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |        Virtual Network Identifier (VNI)       |    Reserved   |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                    Variable-Length Options                    |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// Each option (§3.5): Option Class (16) | Type (8) | R R R | Length (5, in 4-byte words) | data.

export const GENEVE_VER_OPTLEN: u32 = 0;
export const GENEVE_FLAGS: u32 = 1;
export const GENEVE_PROTOCOL: u32 = 2;
export const GENEVE_VNI: u32 = 4;
export const GENEVE_HEADER_LEN: u32 = GENEVE_VNI + 4;
/** IANA-assigned port, RFC 8926 §3.3. */
export const GENEVE_PORT: u32 = 6081;
/** Protocol Type for an Ethernet payload ("Transparent Ethernet Bridging"), RFC 8926 §3.4. */
export const ETHERTYPE_TEB: u32 = 0x6558;
/** Option Class for the filler options: IANA Geneve option class registry, 0xFF00-0xFFFF "Experimental Use". */
export const GENEVE_OPTION_CLASS_EXPERIMENTAL: u32 = 0xff00;
/** Largest total options length: Opt Len is 6 bits of 4-byte words. */
export const GENEVE_MAX_OPTIONS_BYTES: u32 = 63 * 4;
const OPTION_MAX_DATA_BYTES: u32 = 31 * 4;

export function geneveCheckLen(avail: u32): bool {
  return avail >= GENEVE_HEADER_LEN;
}

@inline export function geneveVersion(p: usize): u32 {
  return readU8(p + GENEVE_VER_OPTLEN) >>> 6;
}
/** Options length in bytes. */
@inline export function geneveOptionsLen(p: usize): u32 {
  return (readU8(p + GENEVE_VER_OPTLEN) & 0x3f) << 2;
}
@inline export function geneveProtocol(p: usize): u32 {
  return readU16(p + GENEVE_PROTOCOL);
}
@inline export function geneveVni(p: usize): u32 {
  return readU32(p + GENEVE_VNI) >>> 8;
}

/**
 * Emits the header and `optionsBytes` (a multiple of 4, ≤ 252) of well-formed experimental-class options with
 * zero data, standing in for whatever a dataplane carries (Cilium's DSR option adds 12 B).
 */
@inline export function geneveEmit(p: usize, vni: u32, optionsBytes: u32): void {
  writeU8(p + GENEVE_VER_OPTLEN, optionsBytes >>> 2);
  writeU8(p + GENEVE_FLAGS, 0);
  writeU16(p + GENEVE_PROTOCOL, ETHERTYPE_TEB);
  writeU32(p + GENEVE_VNI, (vni & 0xffffff) << 8);
  let o = p + GENEVE_HEADER_LEN;
  let left = optionsBytes;
  while (left > 0) {
    let data = left - 4;
    if (data > OPTION_MAX_DATA_BYTES) data = OPTION_MAX_DATA_BYTES;
    writeU16(o, GENEVE_OPTION_CLASS_EXPERIMENTAL);
    writeU8(o + 2, 1);
    writeU8(o + 3, data >>> 2);
    for (let i: u32 = 0; i < data; i += 4) writeU32(o + 4 + i, 0);
    o += 4 + data;
    left -= 4 + data;
  }
}
