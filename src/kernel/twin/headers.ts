import { checksum } from './checksum.ts';
import * as R from '../reason.ts';

// Twin of the header files in assembly/ (ethernet.ts, ipv4.ts, udp.ts, vxlan.ts, geneve.ts): the same offsets,
// length checks and emitters, in one file because the twin exists only to be compared with them. Byte order is
// handled by DataView's big-endian accessors, the only place the twin converts it.

export const ETH_TYPE = 12;
export const ETH_HEADER_LEN = 14;
export const ETHERTYPE_IPV4 = 0x0800;

export const IP_LENGTH = 2;
export const IP_FLAGS_FRAG = 6;
export const IP_TTL = 8;
export const IP_PROTOCOL = 9;
export const IP_CHECKSUM = 10;
export const IP_SRC = 12;
export const IP_DST = 16;
export const IP_HEADER_LEN = 20;
export const IP_FLAG_DF = 0x4000;
export const IP_FLAG_MF = 0x2000;
export const IP_FRAG_OFFSET_MASK = 0x1fff;
export const PROTO_TCP = 6;
export const PROTO_UDP = 17;

export const UDP_HEADER_LEN = 8;
export const VXLAN_HEADER_LEN = 8;
export const VXLAN_FLAG_I = 0x08;
export const GENEVE_HEADER_LEN = 8;
export const ETHERTYPE_TEB = 0x6558;
export const GENEVE_OPTION_CLASS_EXPERIMENTAL = 0xff00;
export const GENEVE_MAX_OPTIONS_BYTES = 252;

export function ethEmit(dv: DataView, p: number, dstIp: number, srcIp: number, etherType: number): void {
  dv.setUint16(p, 0x0200);
  dv.setUint32(p + 2, dstIp);
  dv.setUint16(p + 6, 0x0200);
  dv.setUint32(p + 8, srcIp);
  dv.setUint16(p + ETH_TYPE, etherType);
}

export function ipCheck(dv: DataView, p: number, avail: number, verifyChecksum: boolean): number {
  if (avail < IP_HEADER_LEN) return R.R_TRUNCATED;
  const verIhl = dv.getUint8(p);
  if (verIhl >>> 4 !== 4) return R.R_BAD_VERSION;
  const hl = (verIhl & 0xf) << 2;
  if (hl < IP_HEADER_LEN) return R.R_BAD_IHL;
  if (hl > avail) return R.R_TRUNCATED;
  const total = dv.getUint16(p + IP_LENGTH);
  if (total < hl || total > avail) return R.R_BAD_TOTAL_LENGTH;
  if (verifyChecksum && checksum(dv, p, hl) !== 0) return R.R_BAD_CHECKSUM;
  return R.R_OK;
}

export function ipHeaderLen(dv: DataView, p: number): number {
  return (dv.getUint8(p) & 0xf) << 2;
}

export function ipFillChecksum(dv: DataView, p: number): void {
  dv.setUint16(p + IP_CHECKSUM, 0);
  dv.setUint16(p + IP_CHECKSUM, checksum(dv, p, ipHeaderLen(dv, p)));
}

export function ipEmit(dv: DataView, p: number, totalLen: number, ttl: number, protocol: number, src: number, dst: number): void {
  dv.setUint8(p, 0x45);
  dv.setUint8(p + 1, 0);
  dv.setUint16(p + IP_LENGTH, totalLen);
  dv.setUint16(p + 4, 0);
  dv.setUint16(p + IP_FLAGS_FRAG, IP_FLAG_DF);
  dv.setUint8(p + IP_TTL, ttl);
  dv.setUint8(p + IP_PROTOCOL, protocol);
  dv.setUint16(p + IP_CHECKSUM, 0);
  dv.setUint32(p + IP_SRC, src);
  dv.setUint32(p + IP_DST, dst);
  dv.setUint16(p + IP_CHECKSUM, checksum(dv, p, IP_HEADER_LEN));
}

export function udpEmit(dv: DataView, p: number, srcPort: number, dstPort: number, length: number): void {
  dv.setUint16(p, srcPort);
  dv.setUint16(p + 2, dstPort);
  dv.setUint16(p + 4, length);
  dv.setUint16(p + 6, 0);
}

export function vxlanEmit(dv: DataView, p: number, vni: number): void {
  dv.setUint32(p, (VXLAN_FLAG_I << 24) >>> 0);
  dv.setUint32(p + 4, ((vni & 0xffffff) << 8) >>> 0);
}

export function geneveEmit(dv: DataView, p: number, vni: number, optionsBytes: number): void {
  dv.setUint8(p, optionsBytes >>> 2);
  dv.setUint8(p + 1, 0);
  dv.setUint16(p + 2, ETHERTYPE_TEB);
  dv.setUint32(p + 4, ((vni & 0xffffff) << 8) >>> 0);
  let o = p + GENEVE_HEADER_LEN;
  let left = optionsBytes;
  while (left > 0) {
    const data = Math.min(left - 4, 124);
    dv.setUint16(o, GENEVE_OPTION_CLASS_EXPERIMENTAL);
    dv.setUint8(o + 2, 1);
    dv.setUint8(o + 3, data >>> 2);
    for (let i = 0; i < data; i += 4) dv.setUint32(o + 4 + i, 0);
    o += 4 + data;
    left -= 4 + data;
  }
}
