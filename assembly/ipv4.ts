import { anyU16, readU16, readU32, readU8, writeU16, writeU32, writeU32x4 } from './bytes';
import { checksum, fold } from './checksum';
import {
  R_BAD_CHECKSUM, R_BAD_IHL, R_BAD_TOTAL_LENGTH, R_BAD_VERSION, R_OK, R_TRUNCATED,
} from './reason';

// IPv4 header, RFC 791 §3.1: https://datatracker.ietf.org/doc/html/rfc791#section-3.1
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |Version|  IHL  |Type of Service|          Total Length         |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |         Identification        |Flags|      Fragment Offset    |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  Time to Live |    Protocol   |         Header Checksum       |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                       Source Address                          |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                    Destination Address                        |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

export const IP_VER_IHL: u32 = 0;
export const IP_TOS: u32 = 1;
export const IP_LENGTH: u32 = 2;
export const IP_IDENT: u32 = 4;
export const IP_FLAGS_FRAG: u32 = 6;
export const IP_TTL: u32 = 8;
export const IP_PROTOCOL: u32 = 9;
export const IP_CHECKSUM: u32 = 10;
export const IP_SRC: u32 = 12;
export const IP_DST: u32 = 16;
export const IP_HEADER_LEN: u32 = IP_DST + 4;

export const IP_FLAG_DF: u32 = 0x4000;
export const IP_FLAG_MF: u32 = 0x2000;
export const IP_FRAG_OFFSET_MASK: u32 = 0x1fff;
export const PROTO_TCP: u32 = 6;
export const PROTO_UDP: u32 = 17;

/**
 * Validates the header at `p` within `avail` bytes: version, IHL, total length against the buffer and,
 * when `verifyChecksum`, the header checksum. Nothing is read before its bytes are known to be present.
 */
@inline export function ipCheck(p: usize, avail: u32, verifyChecksum: bool): u32 {
  if (avail < IP_HEADER_LEN) return R_TRUNCATED;
  const verIhl = readU8(p + IP_VER_IHL);
  if (verIhl >>> 4 != 4) return R_BAD_VERSION;
  const hl = (verIhl & 0xf) << 2;
  if (hl < IP_HEADER_LEN) return R_BAD_IHL;
  if (hl > avail) return R_TRUNCATED;
  const total = readU16(p + IP_LENGTH);
  if (total < hl || total > avail) return R_BAD_TOTAL_LENGTH;
  if (verifyChecksum && checksum(p, hl) != 0) return R_BAD_CHECKSUM;
  return R_OK;
}

// Accessors: call only after ipCheck returned R_OK.
@inline export function ipHeaderLen(p: usize): u32 {
  return (readU8(p + IP_VER_IHL) & 0xf) << 2;
}
@inline export function ipTotalLen(p: usize): u32 {
  return readU16(p + IP_LENGTH);
}
@inline export function ipFlagsFrag(p: usize): u32 {
  return readU16(p + IP_FLAGS_FRAG);
}
/** True when the packet is a fragment: more fragments follow, or its offset is not 0. */
@inline export function ipIsFragment(p: usize): bool {
  return anyU16(p + IP_FLAGS_FRAG, IP_FLAG_MF | IP_FRAG_OFFSET_MASK);
}
/** True when the packet holds the start of its payload (not fragmented, or the first fragment). */
@inline export function ipIsFirstFragment(p: usize): bool {
  return !anyU16(p + IP_FLAGS_FRAG, IP_FRAG_OFFSET_MASK);
}
@inline export function ipTtl(p: usize): u32 {
  return readU8(p + IP_TTL);
}
@inline export function ipProtocol(p: usize): u32 {
  return readU8(p + IP_PROTOCOL);
}
@inline export function ipSrc(p: usize): u32 {
  return readU32(p + IP_SRC);
}
@inline export function ipDst(p: usize): u32 {
  return readU32(p + IP_DST);
}

/** Rewrites the length and flags/offset fields and recomputes the checksum (used to cut a first fragment). */
@inline export function ipSetLengthFlags(p: usize, totalLen: u32, flagsFrag: u32): void {
  writeU16(p + IP_LENGTH, totalLen);
  writeU16(p + IP_FLAGS_FRAG, flagsFrag);
  ipFillChecksum(p);
}

export function ipFillChecksum(p: usize): void {
  writeU16(p + IP_CHECKSUM, 0);
  writeU16(p + IP_CHECKSUM, checksum(p, ipHeaderLen(p)));
}

/**
 * Emits a 20-byte header (no options) with DF set, identification 0 (RFC 6864 §4.1: unused when DF is set).
 * The checksum is summed from the field values (RFC 1071 §1: the 16-bit words of the header, checksum field 0)
 * before anything is written, and the header goes out as five 32-bit words: re-reading bytes just stored with
 * narrower stores would stall on store-to-load forwarding, and gcc merges such stores itself.
 */
@inline export function ipEmit(p: usize, totalLen: u32, ttl: u32, protocol: u32, src: u32, dst: u32): void {
  const w0: u32 = (0x45 << 24) | totalLen; // version 4, IHL 5, TOS 0, total length
  const w1: u32 = IP_FLAG_DF; // identification 0, flags DF, fragment offset 0
  const w2: u32 = (ttl << 24) | (protocol << 16); // TTL, protocol, checksum 0
  const sum: u32 = (w0 >>> 16) + (w0 & 0xffff) + w1 + (w2 >>> 16) + (src >>> 16) + (src & 0xffff) +
    (dst >>> 16) + (dst & 0xffff);
  writeU32x4(p + IP_VER_IHL, w0, w1, w2 | (~fold(sum) & 0xffff), src);
  writeU32(p + IP_DST, dst);
}

/** Writes a new source or destination address (`field` = IP_SRC or IP_DST) and recomputes the checksum. */
export function ipSetAddress(p: usize, field: u32, addr: u32): void {
  writeU32(p + field, addr);
  ipFillChecksum(p);
}
