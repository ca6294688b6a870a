import { PROTO_TCP, PROTO_UDP } from './headers.ts';
import { fmix32 } from './checksum.ts';
import { checksumReplace128, IP6_HEADER_LEN, IP6_NEXT_HEADER, IP6_PAYLOAD_LEN, ip6SetAddress } from './ipv6.ts';

// Twin of assembly/transport6.ts: flow hash, payload length and NAT checksum patching of inner IPv6 packets.

export function flowHash6(dv: DataView, ip: number): number {
  let h = fmix32(dv.getInt32(ip + 8) ^ 0x9e3779b9);
  for (let o = 12; o < IP6_HEADER_LEN; o += 4) h = fmix32(h ^ dv.getInt32(ip + o));
  const nh = dv.getUint8(ip + IP6_NEXT_HEADER);
  h = fmix32(h ^ nh);
  if ((nh === PROTO_TCP || nh === PROTO_UDP) && dv.getUint16(ip + IP6_PAYLOAD_LEN) >= 4) h = fmix32(h ^ dv.getInt32(ip + IP6_HEADER_LEN));
  return h;
}

export function payloadLen6(dv: DataView, ip: number): number {
  const data = dv.getUint16(ip + IP6_PAYLOAD_LEN);
  const nh = dv.getUint8(ip + IP6_NEXT_HEADER);
  if (nh === PROTO_UDP) return data >= 8 ? data - 8 : 0;
  if (nh === PROTO_TCP && data >= 20) {
    const th = (dv.getUint8(ip + IP6_HEADER_LEN + 12) >>> 4) << 2;
    return data >= th ? data - th : 0;
  }
  return data;
}

/** The new address (n0..n3) as int32 words (see route6.ts). */
export function natRewrite6(dv: DataView, ip: number, field: number, n0: number, n1: number, n2: number, n3: number): void {
  const data = dv.getUint16(ip + IP6_PAYLOAD_LEN);
  const nh = dv.getUint8(ip + IP6_NEXT_HEADER);
  let c = 0;
  if (nh === PROTO_TCP && data >= 20) c = ip + IP6_HEADER_LEN + 16;
  else if (nh === PROTO_UDP && data >= 8) c = ip + IP6_HEADER_LEN + 6;
  if (c !== 0) {
    const hc = dv.getUint16(c);
    if (nh === PROTO_TCP || hc !== 0) {
      const a = ip + field;
      const n = checksumReplace128(hc, dv.getInt32(a), dv.getInt32(a + 4), dv.getInt32(a + 8), dv.getInt32(a + 12), n0, n1, n2, n3);
      dv.setUint16(c, nh === PROTO_UDP && n === 0 ? 0xffff : n);
    }
  }
  ip6SetAddress(dv, ip, field, n0, n1, n2, n3);
}
