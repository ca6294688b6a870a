import { readU16, readU32, readU8, writeU16 } from './bytes';
import { checksumReplace128 } from './checksum6';
import { ip6AddrWord, ip6NextHeader, ip6PayloadLen, ip6SetAddress, IP6_HEADER_LEN } from './ipv6';
import { PROTO_TCP, PROTO_UDP } from './ipv4';
import { fmix32 } from './route';

// transport.ts for inner IPv6 packets: the flow hash, the payload count and the NAT checksum patch. The upper-layer
// header follows the fixed header directly (the traffic model sends no extension headers; a packet whose Next
// Header is neither TCP nor UDP counts its whole payload and hashes addresses only).

const TCP_DATA_OFFSET: u32 = 12;
const TCP_CHECKSUM: u32 = 16;
const TCP_MIN_HEADER_LEN: u32 = 20;
const UDP_CHECKSUM: u32 = 6;
const UDP_HEADER_LEN: u32 = 8;

/** Hash of the inner flow (addresses, next header, ports), the entropy for the tunnel source port and flow label. */
export function flowHash6(ip: usize): u32 {
  let h = fmix32(readU32(ip + 8) ^ 0x9e3779b9);
  for (let o: u32 = 12; o < IP6_HEADER_LEN; o += 4) h = fmix32(h ^ readU32(ip + o));
  const nh = ip6NextHeader(ip);
  h = fmix32(h ^ nh);
  if ((nh == PROTO_TCP || nh == PROTO_UDP) && ip6PayloadLen(ip) >= 4) h = fmix32(h ^ readU32(ip + IP6_HEADER_LEN));
  return h;
}

/** Application bytes: the IPv6 payload minus the TCP/UDP header. */
export function payloadLen6(ip: usize): u32 {
  const data = ip6PayloadLen(ip);
  const nh = ip6NextHeader(ip);
  if (nh == PROTO_UDP) return data >= UDP_HEADER_LEN ? data - UDP_HEADER_LEN : 0;
  if (nh == PROTO_TCP && data >= TCP_MIN_HEADER_LEN) {
    const th = (readU8(ip + IP6_HEADER_LEN + TCP_DATA_OFFSET) >>> 4) << 2;
    return data >= th ? data - th : 0;
  }
  return data;
}

/** Rewrites the source (SNAT) or destination (DNAT) address to (n0..n3), patching the TCP/UDP checksum. */
export function natRewrite6(ip: usize, field: u32, n0: u32, n1: u32, n2: u32, n3: u32): void {
  const data = ip6PayloadLen(ip);
  const nh = ip6NextHeader(ip);
  let c: usize = 0;
  if (nh == PROTO_TCP && data >= TCP_MIN_HEADER_LEN) c = ip + IP6_HEADER_LEN + TCP_CHECKSUM;
  else if (nh == PROTO_UDP && data >= UDP_HEADER_LEN) c = ip + IP6_HEADER_LEN + UDP_CHECKSUM;
  if (c != 0) {
    const hc = readU16(c);
    // Zero in a UDP checksum means "none" (invalid over IPv6, RFC 8200 §8.1, but left as received); a computed zero
    // is sent as 0xffff (RFC 768).
    if (nh == PROTO_TCP || hc != 0) {
      const n = checksumReplace128(
        hc, ip6AddrWord(ip, field, 0), ip6AddrWord(ip, field, 1), ip6AddrWord(ip, field, 2), ip6AddrWord(ip, field, 3),
        n0, n1, n2, n3,
      );
      writeU16(c, nh == PROTO_UDP && n == 0 ? 0xffff : n);
    }
  }
  ip6SetAddress(ip, field, n0, n1, n2, n3);
}
