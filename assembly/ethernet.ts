import { isU16, readU16, writeU16, writeU32 } from './bytes';

// Ethernet II frame header (IEEE 802.3, type field form), without preamble or FCS: the bytes a pcap holds.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  Destination MAC (6 octets)                   |
// +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                               |     Source MAC (6 octets)     |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
// |                                                               |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |          EtherType            |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

export const ETH_DST: u32 = 0;
export const ETH_SRC: u32 = 6;
export const ETH_TYPE: u32 = 12;
export const ETH_HEADER_LEN: u32 = ETH_TYPE + 2;
export const ETHERTYPE_IPV4: u32 = 0x0800;

export function ethCheckLen(len: u32): bool {
  return len >= ETH_HEADER_LEN;
}

export function ethEtherType(p: usize): u32 {
  return readU16(p + ETH_TYPE);
}

@inline export function ethTypeIs(p: usize, etherType: u32): bool {
  return isU16(p + ETH_TYPE, etherType);
}

/**
 * Writes a header whose MACs are derived from IPv4 addresses: 02:00 followed by the address. 02 marks a locally
 * administered MAC; the simulator does not model Azure's real MAC assignment, only needs readable captures.
 */
export function ethEmit(p: usize, dstIp: u32, srcIp: u32, etherType: u32): void {
  writeU16(p + ETH_DST, 0x0200);
  writeU32(p + ETH_DST + 2, dstIp);
  writeU16(p + ETH_SRC, 0x0200);
  writeU32(p + ETH_SRC + 2, srcIp);
  writeU16(p + ETH_TYPE, etherType);
}
