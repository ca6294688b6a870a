import * as R from '../reason.ts';
import { checksumReplace32, fold } from './checksum.ts';

// Twin of assembly/ipv6.ts and assembly/checksum6.ts: the IPv6 fixed header (RFC 8200 §3) and the upper-layer
// checksum over IPv6 (RFC 8200 §8.1). Addresses travel as four 32-bit words, most significant first.

export const IP6_PAYLOAD_LEN = 4;
export const IP6_NEXT_HEADER = 6;
export const IP6_HOP_LIMIT = 7;
export const IP6_SRC = 8;
export const IP6_DST = 24;
export const IP6_HEADER_LEN = 40;
export const IP6_MIN_MTU = 1280;
export const ETHERTYPE_IPV6 = 0x86dd;

export function ip6Check(dv: DataView, p: number, avail: number): number {
  if (avail < IP6_HEADER_LEN) return R.R_TRUNCATED;
  if (dv.getUint8(p) >>> 4 !== 6) return R.R_BAD_VERSION;
  if (dv.getUint16(p + IP6_PAYLOAD_LEN) > avail - IP6_HEADER_LEN) return R.R_BAD_TOTAL_LENGTH;
  return R.R_OK;
}

/** Address words as int32 (see route6.ts); the bytes are the same as for the uint32 words. */
export function ip6SetAddress(dv: DataView, p: number, field: number, w0: number, w1: number, w2: number, w3: number): void {
  dv.setInt32(p + field, w0);
  dv.setInt32(p + field + 4, w1);
  dv.setInt32(p + field + 8, w2);
  dv.setInt32(p + field + 12, w3);
}

export function ip6Emit(
  dv: DataView, p: number, payloadLen: number, nextHeader: number, hopLimit: number, flowLabel: number,
  s0: number, s1: number, s2: number, s3: number, d0: number, d1: number, d2: number, d3: number,
): void {
  dv.setInt32(p, (6 << 28) | (flowLabel & 0xfffff));
  dv.setUint16(p + IP6_PAYLOAD_LEN, payloadLen);
  dv.setUint8(p + IP6_NEXT_HEADER, nextHeader);
  dv.setUint8(p + IP6_HOP_LIMIT, hopLimit);
  ip6SetAddress(dv, p, IP6_SRC, s0, s1, s2, s3);
  ip6SetAddress(dv, p, IP6_DST, d0, d1, d2, d3);
}

/** Sum of the big-endian 16-bit words of `len` bytes at `p`, an odd last byte padded with zero. */
function sumWords(dv: DataView, p: number, len: number): number {
  let sum = 0;
  const even = len & ~1;
  for (let i = 0; i < even; i += 2) sum += dv.getUint16(p + i);
  if ((len & 1) !== 0) sum += dv.getUint8(p + len - 1) << 8;
  return sum;
}

/** As assembly/checksum6.ts: 0 over an intact datagram; the value to send when the field is zeroed. */
export function udp6Checksum(dv: DataView, ip: number, u: number, udpLen: number): number {
  // Partial folds keep the sum far below 2^32 whatever the datagram's length.
  let sum = fold(sumWords(dv, ip + IP6_SRC, 32) + (udpLen >>> 16) + (udpLen & 0xffff) + 17);
  sum += fold(sumWords(dv, u, udpLen));
  return ~fold(sum) & 0xffff;
}

export function checksumReplace128(
  hc: number, o0: number, o1: number, o2: number, o3: number, n0: number, n1: number, n2: number, n3: number,
): number {
  hc = checksumReplace32(hc, o0, n0);
  hc = checksumReplace32(hc, o1, n1);
  hc = checksumReplace32(hc, o2, n2);
  return checksumReplace32(hc, o3, n3);
}
