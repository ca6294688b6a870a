import { checksumReplace32, fmix32 } from './checksum.ts';
import {
  IP_DST, IP_FLAGS_FRAG, IP_FRAG_OFFSET_MASK, IP_LENGTH, IP_PROTOCOL, IP_SRC, ipFillChecksum, ipHeaderLen, PROTO_TCP,
  PROTO_UDP,
} from './headers.ts';

// Twin of assembly/transport.ts: flow hash, payload length and NAT checksum patching of the inner TCP/UDP header.

function hasL4Start(dv: DataView, ip: number): boolean {
  return (dv.getUint16(ip + IP_FLAGS_FRAG) & IP_FRAG_OFFSET_MASK) === 0;
}

export function flowHash(dv: DataView, ip: number): number {
  const hl = ipHeaderLen(dv, ip);
  const proto = dv.getUint8(ip + IP_PROTOCOL);
  let h = fmix32(dv.getUint32(ip + IP_SRC) ^ 0x9e3779b9);
  h = fmix32(h ^ dv.getUint32(ip + IP_DST));
  h = fmix32(h ^ proto);
  if ((proto === PROTO_TCP || proto === PROTO_UDP) && hasL4Start(dv, ip) && hl + 4 <= dv.getUint16(ip + IP_LENGTH)) {
    h = fmix32(h ^ dv.getUint32(ip + hl));
  }
  return h;
}

export function payloadLen(dv: DataView, ip: number): number {
  const hl = ipHeaderLen(dv, ip);
  const data = dv.getUint16(ip + IP_LENGTH) - hl;
  if (!hasL4Start(dv, ip)) return data;
  const proto = dv.getUint8(ip + IP_PROTOCOL);
  if (proto === PROTO_UDP) return data >= 8 ? data - 8 : 0;
  if (proto === PROTO_TCP && data >= 20) {
    const th = (dv.getUint8(ip + hl + 12) >>> 4) << 2;
    return data >= th ? data - th : 0;
  }
  return data;
}

export function natRewrite(dv: DataView, ip: number, field: number, addr: number): void {
  const old = dv.getUint32(ip + field);
  const hl = ipHeaderLen(dv, ip);
  const data = dv.getUint16(ip + IP_LENGTH) - hl;
  const proto = dv.getUint8(ip + IP_PROTOCOL);
  if (hasL4Start(dv, ip)) {
    if (proto === PROTO_TCP && data >= 20) {
      const c = ip + hl + 16;
      dv.setUint16(c, checksumReplace32(dv.getUint16(c), old, addr));
    } else if (proto === PROTO_UDP && data >= 8) {
      const c = ip + hl + 6;
      const hc = dv.getUint16(c);
      if (hc !== 0) {
        const n = checksumReplace32(hc, old, addr);
        dv.setUint16(c, n === 0 ? 0xffff : n);
      }
    }
  }
  dv.setUint32(ip + field, addr);
  ipFillChecksum(dv, ip);
}
