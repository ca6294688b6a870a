import { readU16, readU32, readU8, writeU16, writeU32, writeU8 } from './bytes';
import { R_BAD_TOTAL_LENGTH, R_BAD_VERSION, R_OK, R_TRUNCATED } from './reason';

// IPv6 header, RFC 8200 §3: https://datatracker.ietf.org/doc/html/rfc8200#section-3
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |Version| Traffic Class |           Flow Label                  |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |         Payload Length        |  Next Header  |   Hop Limit   |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                                                               |
// +                                                               +
// |                         Source Address                        |
// +                                                               +
// |                                                               |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                                                               |
// +                                                               +
// |                      Destination Address                      |
// +                                                               +
// |                                                               |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// No header checksum (RFC 8200 §8.1 moves it to the upper layer: UDP's becomes mandatory). Routers never
// fragment (§5): a packet larger than the next link's MTU is dropped and answered with ICMPv6 Packet Too Big.

export const IP6_VER_TC_FLOW: u32 = 0;
export const IP6_PAYLOAD_LEN: u32 = 4;
export const IP6_NEXT_HEADER: u32 = 6;
export const IP6_HOP_LIMIT: u32 = 7;
export const IP6_SRC: u32 = 8;
export const IP6_DST: u32 = 24;
export const IP6_ADDR_LEN: u32 = 16;
export const IP6_HEADER_LEN: u32 = IP6_DST + IP6_ADDR_LEN;
/** RFC 8200 §5: every link that carries IPv6 has an MTU of at least 1280 octets. */
export const IP6_MIN_MTU: u32 = 1280;
export const ETHERTYPE_IPV6: u32 = 0x86dd;

/**
 * Validates the fixed header at `p` within `avail` bytes: version and payload length against the buffer. Extension
 * headers are not parsed: the Next Header field is the caller's to check.
 */
export function ip6Check(p: usize, avail: u32): u32 {
  if (avail < IP6_HEADER_LEN) return R_TRUNCATED;
  if (readU8(p + IP6_VER_TC_FLOW) >>> 4 != 6) return R_BAD_VERSION;
  if (readU16(p + IP6_PAYLOAD_LEN) > avail - IP6_HEADER_LEN) return R_BAD_TOTAL_LENGTH;
  return R_OK;
}

// Accessors: call only after ip6Check returned R_OK.
@inline export function ip6PayloadLen(p: usize): u32 {
  return readU16(p + IP6_PAYLOAD_LEN);
}
@inline export function ip6NextHeader(p: usize): u32 {
  return readU8(p + IP6_NEXT_HEADER);
}
@inline export function ip6HopLimit(p: usize): u32 {
  return readU8(p + IP6_HOP_LIMIT);
}
/** Word k (0..3, most significant first) of the address at `field` (IP6_SRC or IP6_DST). */
@inline export function ip6AddrWord(p: usize, field: u32, k: u32): u32 {
  return readU32(p + field + (k << 2));
}

@inline export function ip6SetAddress(p: usize, field: u32, w0: u32, w1: u32, w2: u32, w3: u32): void {
  writeU32(p + field, w0);
  writeU32(p + field + 4, w1);
  writeU32(p + field + 8, w2);
  writeU32(p + field + 12, w3);
}

/**
 * Emits a 40-byte header: traffic class 0, the given flow label (RFC 6438: tunnel endpoints set it from the inner
 * flow, so ECMP in the underlay can spread flows), and the addresses as words, most significant first.
 */
export function ip6Emit(
  p: usize, payloadLen: u32, nextHeader: u32, hopLimit: u32, flowLabel: u32,
  s0: u32, s1: u32, s2: u32, s3: u32, d0: u32, d1: u32, d2: u32, d3: u32,
): void {
  writeU32(p + IP6_VER_TC_FLOW, (6 << 28) | (flowLabel & 0xfffff));
  writeU16(p + IP6_PAYLOAD_LEN, payloadLen);
  writeU8(p + IP6_NEXT_HEADER, nextHeader);
  writeU8(p + IP6_HOP_LIMIT, hopLimit);
  ip6SetAddress(p, IP6_SRC, s0, s1, s2, s3);
  ip6SetAddress(p, IP6_DST, d0, d1, d2, d3);
}
