import { hostToNet16, loadU32Host } from './bytes';
import { checksumReplace32, fold } from './checksum';
import { IP6_DST, IP6_SRC } from './ipv6';

// Upper-layer checksums over IPv6 (RFC 8200 §8.1): the Internet checksum (RFC 1071) of a pseudo-header (source
// and destination addresses, upper-layer length as 32 bits, three zero bytes, next header) followed by the whole
// upper-layer packet. https://datatracker.ietf.org/doc/html/rfc8200#section-8.1
//
// Words are summed in machine order and swapped once at the end (RFC 1071 §2(B)), as checksum.ts does; the
// upper-layer packet may have any length, so the tail of 1-3 bytes is added as the zero-padded word it is.

const PROTO_UDP: u32 = 17;

/** Machine-order sum of `len` bytes at `p` (p at an even offset of the checksummed data), into 64 bits. */
function sumBytes(p: usize, len: u32): u64 {
  let sum: u64 = 0;
  const whole = len & ~3;
  for (let i: u32 = 0; i < whole; i += 4) sum += loadU32Host(p + i);
  const rest = len - whole;
  if (rest >= 2) sum += <u64>load<u16>(p + whole);
  // An odd last byte is the high byte of a big-endian word padded with zero: the low byte in machine order.
  if ((rest & 1) != 0) sum += <u64>load<u8>(p + len - 1);
  return sum;
}

/**
 * The checksum over the IPv6 header at `ip` and `udpLen` bytes of UDP at `u`. With the checksum field zeroed it is
 * the value to send (RFC 768: a computed 0 is sent as 0xffff, which the caller does); over a received datagram it is
 * 0 when the datagram is intact.
 */
export function udp6Checksum(ip: usize, u: usize, udpLen: u32): u32 {
  // Source and destination are adjacent: one run of 32 bytes.
  let sum = sumBytes(ip + IP6_SRC, IP6_DST + 16 - IP6_SRC);
  sum += <u64>(hostToNet16(udpLen >>> 16) + hostToNet16(udpLen & 0xffff) + hostToNet16(PROTO_UDP));
  sum += sumBytes(u, udpLen);
  sum = (sum & 0xffffffff) + (sum >>> 32);
  sum = (sum & 0xffffffff) + (sum >>> 32);
  const s16 = fold(<u32>(sum & 0xffff) + <u32>(sum >>> 16));
  return ~hostToNet16(s16) & 0xffff;
}

/** The RFC 1624 update of checksum `hc` when a 128-bit address changes from (o0..o3) to (n0..n3). */
export function checksumReplace128(hc: u32, o0: u32, o1: u32, o2: u32, o3: u32, n0: u32, n1: u32, n2: u32, n3: u32): u32 {
  hc = checksumReplace32(hc, o0, n0);
  hc = checksumReplace32(hc, o1, n1);
  hc = checksumReplace32(hc, o2, n2);
  return checksumReplace32(hc, o3, n3);
}
