import { PROTO_TCP, writeInnerTransport } from './inner-frame.ts';

// inner-frame.ts for IPv6 pods: Ethernet + IPv6 (40 B, RFC 8200 §3) + TCP (20 B) or UDP (8 B) + zero payload, with
// the transport checksum over the IPv6 pseudo-header (RFC 8200 §8.1; mandatory for UDP). Addresses are four 32-bit
// words, most significant first, read from caller-owned arrays, so building a packet allocates nothing.

export const IP6_HEADER_BYTES = 40;
/** Smallest IPv6 packets this builder emits: header plus the transport header. */
export function minIp6Len(proto: number): number {
  return IP6_HEADER_BYTES + (proto === PROTO_TCP ? 20 : 8);
}

/** The word-pair sum (16-bit halves) of address words a[off..off+3]. */
function addrSum(a: ArrayLike<number>, off: number): number {
  let s = 0;
  for (let k = 0; k < 4; k++) {
    const w = (a[off + k] ?? 0) >>> 0;
    s += (w >>> 16) + (w & 0xffff);
  }
  return s;
}

/**
 * Writes a frame of `ipLen` IPv6 bytes (≥ minIp6Len(proto)) at `p` and returns the frame length (ipLen + 14).
 * Hop limit 64 (Linux's default, net.ipv6.conf.all.hop_limit), traffic class 0, the given 20-bit flow label.
 * MACs are 02:00 followed by each address's low 32 bits (locally administered; readable in captures).
 */
export function writeInnerFrame6(
  u8: Uint8Array,
  dv: DataView,
  p: number,
  src: ArrayLike<number>,
  srcOff: number,
  dst: ArrayLike<number>,
  dstOff: number,
  proto: number,
  srcPort: number,
  dstPort: number,
  ipLen: number,
  flowLabel: number,
  seq: number,
): number {
  dv.setUint16(p, 0x0200);
  dv.setUint32(p + 2, (dst[dstOff + 3] ?? 0) >>> 0);
  dv.setUint16(p + 6, 0x0200);
  dv.setUint32(p + 8, (src[srcOff + 3] ?? 0) >>> 0);
  dv.setUint16(p + 12, 0x86dd);
  const ip = p + 14;
  const l4Len = ipLen - IP6_HEADER_BYTES;
  dv.setUint32(ip, ((6 << 28) | (flowLabel & 0xfffff)) >>> 0);
  dv.setUint16(ip + 4, l4Len);
  dv.setUint8(ip + 6, proto);
  dv.setUint8(ip + 7, 64);
  for (let k = 0; k < 4; k++) {
    dv.setUint32(ip + 8 + 4 * k, (src[srcOff + k] ?? 0) >>> 0);
    dv.setUint32(ip + 24 + 4 * k, (dst[dstOff + k] ?? 0) >>> 0);
  }
  // Pseudo-header (RFC 8200 §8.1): addresses, 32-bit upper-layer length, next header.
  const pseudoSum = addrSum(src, srcOff) + addrSum(dst, dstOff) + (l4Len >>> 16) + (l4Len & 0xffff) + proto;
  writeInnerTransport(u8, dv, ip + IP6_HEADER_BYTES, l4Len, proto, srcPort, dstPort, seq, pseudoSum);
  return ipLen + 14;
}
