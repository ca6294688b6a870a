import { checksum, fold } from './twin/checksum.ts';

// Builds the packets pods send: Ethernet + IPv4 (20 B) + TCP (20 B) or UDP (8 B) + zero payload, with correct IPv4
// and TCP/UDP checksums, straight into kernel memory. Numbers in, no objects: the traffic generator calls it per
// packet. A zero payload keeps the L4 checksum cheap (zero words add nothing) and the frame deterministic.

export const PROTO_TCP = 6;
export const PROTO_UDP = 17;
/** Smallest IPv4 packets this builder emits: header plus the transport header. */
export function minIpLen(proto: number): number {
  return 20 + (proto === PROTO_TCP ? 20 : 8);
}

/**
 * Writes a frame of `ipLen` IPv4 bytes (≥ minIpLen(proto)) at `p` and returns the frame length (ipLen + 14).
 * TTL 64 (Linux's default, net.ipv4.ip_default_ttl); identification from `ident` (meaningful when DF is clear).
 */
export function writeInnerFrame(
  u8: Uint8Array,
  dv: DataView,
  p: number,
  srcIp: number,
  dstIp: number,
  proto: number,
  srcPort: number,
  dstPort: number,
  ipLen: number,
  df: boolean,
  ident: number,
): number {
  dv.setUint16(p, 0x0200);
  dv.setUint32(p + 2, dstIp);
  dv.setUint16(p + 6, 0x0200);
  dv.setUint32(p + 8, srcIp);
  dv.setUint16(p + 12, 0x0800);
  const ip = p + 14;
  dv.setUint8(ip, 0x45);
  dv.setUint8(ip + 1, 0);
  dv.setUint16(ip + 2, ipLen);
  dv.setUint16(ip + 4, ident & 0xffff);
  dv.setUint16(ip + 6, df ? 0x4000 : 0);
  dv.setUint8(ip + 8, 64);
  dv.setUint8(ip + 9, proto);
  dv.setUint16(ip + 10, 0);
  dv.setUint32(ip + 12, srcIp);
  dv.setUint32(ip + 16, dstIp);
  dv.setUint16(ip + 10, checksum(dv, ip, 20));
  const l4Len = ipLen - 20;
  // Pseudo-header (RFC 9293 §3.1, RFC 768).
  const pseudoSum = (srcIp >>> 16) + (srcIp & 0xffff) + (dstIp >>> 16) + (dstIp & 0xffff) + proto + l4Len;
  writeInnerTransport(u8, dv, ip + 20, l4Len, proto, srcPort, dstPort, ident, pseudoSum);
  return ipLen + 14;
}

/**
 * Writes the transport header at `l4` for `l4Len` bytes of TCP (an ACK, window 65535) or UDP with a zero payload,
 * and its checksum: `pseudoSum` (the pseudo-header's 16-bit words, summed by the caller for its IP family) plus the
 * header; the zero payload adds nothing. A computed UDP checksum of zero is sent as 0xffff (RFC 768; RFC 8200 §8.1).
 */
export function writeInnerTransport(
  u8: Uint8Array,
  dv: DataView,
  l4: number,
  l4Len: number,
  proto: number,
  srcPort: number,
  dstPort: number,
  seq: number,
  pseudoSum: number,
): void {
  const hdr = proto === PROTO_TCP ? 20 : 8;
  u8.fill(0, l4, l4 + l4Len);
  dv.setUint16(l4, srcPort);
  dv.setUint16(l4 + 2, dstPort);
  let csumAt: number;
  if (proto === PROTO_TCP) {
    dv.setUint32(l4 + 4, seq >>> 0); // sequence number: any value; the simulator does not model TCP state
    dv.setUint8(l4 + 12, 5 << 4);
    dv.setUint8(l4 + 13, 0x10); // ACK
    dv.setUint16(l4 + 14, 65535);
    csumAt = l4 + 16;
  } else {
    dv.setUint16(l4 + 4, l4Len);
    csumAt = l4 + 6;
  }
  let sum = pseudoSum;
  for (let k = 0; k < hdr; k += 2) sum += dv.getUint16(l4 + k);
  let c = ~fold(sum) & 0xffff;
  if (c === 0 && proto === PROTO_UDP) c = 0xffff;
  dv.setUint16(csumAt, c);
}
