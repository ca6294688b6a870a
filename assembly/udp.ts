import { readU16, writeU32 } from './bytes';

// UDP header, RFC 768: https://datatracker.ietf.org/doc/html/rfc768
//
//  0      7 8     15 16    23 24    31
// +--------+--------+--------+--------+
// |     Source      |   Destination   |
// |      Port       |      Port       |
// +--------+--------+--------+--------+
// |     Length      |    Checksum     |
// +--------+--------+--------+--------+

export const UDP_SRC_PORT: u32 = 0;
export const UDP_DST_PORT: u32 = 2;
export const UDP_LENGTH: u32 = 4;
export const UDP_CHECKSUM: u32 = 6;
export const UDP_HEADER_LEN: u32 = UDP_CHECKSUM + 2;

export function udpCheckLen(avail: u32): bool {
  return avail >= UDP_HEADER_LEN;
}

@inline export function udpDstPort(p: usize): u32 {
  return readU16(p + UDP_DST_PORT);
}
@inline export function udpLength(p: usize): u32 {
  return readU16(p + UDP_LENGTH);
}

/**
 * Emits a header with checksum 0: RFC 7348 §5 says the VXLAN outer UDP checksum "SHOULD be transmitted as zero",
 * and RFC 8926 §3.3 allows zero for Geneve over IPv4.
 */
export function udpEmit(p: usize, srcPort: u32, dstPort: u32, length: u32): void {
  // Two 32-bit words (ports; length and checksum 0): the stores gcc would merge, and whole words for decap to read.
  writeU32(p + UDP_SRC_PORT, (srcPort << 16) | (dstPort & 0xffff));
  writeU32(p + UDP_LENGTH, length << 16);
}
