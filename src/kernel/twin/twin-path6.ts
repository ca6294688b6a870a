import * as L from '../layout.ts';
import * as R from '../reason.ts';
import * as H from './headers.ts';
import { countOnWire, settle } from './path-counters.ts';
import { tunnelHeaderLen } from './tunnel-header.ts';
import { ETHERTYPE_IPV6, ip6Check, ip6Emit, IP6_DST, IP6_HEADER_LEN, IP6_HOP_LIMIT, IP6_NEXT_HEADER, IP6_PAYLOAD_LEN, IP6_SRC, udp6Checksum } from './ipv6.ts';
import { flowHash, natRewrite, payloadLen } from './transport.ts';
import { flowHash6, natRewrite6, payloadLen6 } from './transport6.ts';
import type { TwinKernel } from './twin-kernel.ts';

const SRC_PORT_BASE = 49152;
const SRC_PORT_MASK = 0x3fff;
const FLOW_LABEL_MASK = 0xfffff;

/**
 * Twin of assembly/{lookup6,encap6,decap6,path6}.ts: the family-aware path a kernel runs when its inner packets or
 * its underlay are IPv6. It works on the TwinKernel's state and shares its IPv4 helpers, line for line with the
 * WebAssembly files. Allocates nothing per packet.
 */
export class TwinPath6 {
  constructor(private readonly k: TwinKernel) {}

  lookupOne(i: number): number {
    const k = this.k;
    if (!k.inner6) return k.lookupOne(i);
    k.set(L.M_VERDICT, i, R.V_NONE);
    k.set(L.M_NEXTHOP, i, 0);
    k.set(L.M_REASON, i, R.R_OK);
    k.set(L.M_WIRE_OFF, i, 0);
    k.set(L.M_WIRE_LEN, i, 0);
    k.set(L.M_FRAGS, i, 0);
    k.set(L.M_WIRE_BYTES, i, 0);
    k.set(L.M_INNER_OFF, i, 0);
    k.set(L.M_INNER_LEN, i, 0);
    const len = k.get(L.M_LEN, i);
    if (len > k.slotBytes) return k.drop(i, R.R_BAD_SLOT_LENGTH);
    const f = k.slotAddr(i) + k.headroom;
    const dv = k.dv;
    if (len < H.ETH_HEADER_LEN || dv.getUint16(f + H.ETH_TYPE) !== ETHERTYPE_IPV6) return k.drop(i, R.R_BAD_INNER);
    if (ip6Check(dv, f + H.ETH_HEADER_LEN, len - H.ETH_HEADER_LEN) !== R.R_OK) return k.drop(i, R.R_BAD_INNER);
    const a = f + H.ETH_HEADER_LEN + IP6_DST;
    return this.settle(i, k.routes6.lookup(dv.getInt32(a), dv.getInt32(a + 4), dv.getInt32(a + 8), dv.getInt32(a + 12)));
  }

  private settle(i: number, verdict: number): number {
    const k = this.k;
    if (verdict === R.V_NONE) return k.drop(i, R.R_NO_ROUTE);
    // int32 on both sides (see route6.ts): the same 32 bits as the kernel compares.
    const nextHop = k.routes6.nextHop;
    if (verdict === R.V_NODE && nextHop === k.geti(L.M_SRC_NODE, i)) verdict = R.V_LOCAL;
    k.set(L.M_VERDICT, i, verdict);
    k.set(L.M_NEXTHOP, i, nextHop);
    return verdict;
  }

  private innerFrameOk(f: number, len: number): boolean {
    const k = this.k;
    const dv = k.dv;
    if (len < H.ETH_HEADER_LEN) return false;
    if (k.inner6) return dv.getUint16(f + H.ETH_TYPE) === ETHERTYPE_IPV6 && ip6Check(dv, f + H.ETH_HEADER_LEN, len - H.ETH_HEADER_LEN) === R.R_OK;
    return dv.getUint16(f + H.ETH_TYPE) === H.ETHERTYPE_IPV4 && H.ipCheck(dv, f + H.ETH_HEADER_LEN, len - H.ETH_HEADER_LEN, false) === R.R_OK;
  }

  encapBatch(n: number): void {
    const k = this.k;
    for (let i = 0; i < n; i++) {
      if (k.get(L.M_REASON, i) !== R.R_OK) continue;
      const v = k.get(L.M_VERDICT, i);
      if (v === R.V_NODE || v === R.V_EGRESS || v === R.V_VNET) k.set(L.M_REASON, i, this.encapOne(i));
    }
  }

  encapOne(i: number): number {
    const k = this.k;
    const dv = k.dv;
    const f = k.slotAddr(i) + k.headroom;
    const ip = f + H.ETH_HEADER_LEN;
    const tunnel = k.mode !== R.MODE_NONE && k.get(L.M_VERDICT, i) === R.V_NODE;
    const added = tunnel ? k.outerLenF : 0;
    const maxIpLen = k.vmMtu - added;
    let frameLen = k.get(L.M_LEN, i);
    let frags = 1;
    let wireBytes = 0;
    let hash = 0;
    if (k.inner6) {
      if (IP6_HEADER_LEN + dv.getUint16(ip + IP6_PAYLOAD_LEN) > maxIpLen) return R.R_PACKET_TOO_BIG;
      if (tunnel) hash = flowHash6(dv, ip);
    } else {
      if (tunnel) hash = flowHash(dv, ip);
      const ipLen = dv.getUint16(ip + H.IP_LENGTH);
      if (ipLen > maxIpLen) {
        const ff = dv.getUint16(ip + H.IP_FLAGS_FRAG);
        const hl = H.ipHeaderLen(dv, ip);
        const chunk = maxIpLen > hl ? ((maxIpLen - hl) >>> 3) << 3 : 0;
        if ((ff & H.IP_FLAG_DF) !== 0 || chunk === 0) return R.R_FRAG_NEEDED;
        const data = ipLen - hl;
        frags = Math.floor((data + chunk - 1) / chunk);
        wireBytes = frags * (added + H.ETH_HEADER_LEN + hl) + data;
        dv.setUint16(ip + H.IP_LENGTH, hl + chunk);
        dv.setUint16(ip + H.IP_FLAGS_FRAG, (ff & (H.IP_FRAG_OFFSET_MASK | H.IP_FLAG_MF)) | H.IP_FLAG_MF);
        H.ipFillChecksum(dv, ip);
        frameLen = H.ETH_HEADER_LEN + hl + chunk;
      }
    }
    if (!tunnel) {
      k.set(L.M_WIRE_OFF, i, k.headroom);
      k.set(L.M_WIRE_LEN, i, frameLen);
    } else {
      const o = f - added;
      const src = k.get(L.M_SRC_NODE, i);
      const dst = k.get(L.M_NEXTHOP, i);
      const oip = o + H.ETH_HEADER_LEN;
      // int32 words for the IPv6 addresses (see route6.ts); ethEmit and ipEmit take the node IPv4 as it is.
      let u: number;
      let udpLen: number;
      if (k.underlay6) {
        udpLen = added - H.ETH_HEADER_LEN - IP6_HEADER_LEN + frameLen;
        H.ethEmit(dv, o, dst, src, ETHERTYPE_IPV6);
        ip6Emit(dv, oip, udpLen, H.PROTO_UDP, k.outerTtl, hash & FLOW_LABEL_MASK, k.nodePrefix0, k.nodePrefix1, 0, k.geti(L.M_SRC_NODE, i), k.nodePrefix0, k.nodePrefix1, 0, k.geti(L.M_NEXTHOP, i));
        u = oip + IP6_HEADER_LEN;
      } else {
        udpLen = added - H.ETH_HEADER_LEN - H.IP_HEADER_LEN + frameLen;
        H.ethEmit(dv, o, dst, src, H.ETHERTYPE_IPV4);
        H.ipEmit(dv, oip, H.IP_HEADER_LEN + udpLen, k.outerTtl, H.PROTO_UDP, src, dst);
        u = oip + H.IP_HEADER_LEN;
      }
      H.udpEmit(dv, u, SRC_PORT_BASE | (hash & SRC_PORT_MASK), k.port, udpLen);
      if (k.mode === R.MODE_VXLAN) H.vxlanEmit(dv, u + H.UDP_HEADER_LEN, k.vni);
      else H.geneveEmit(dv, u + H.UDP_HEADER_LEN, k.vni, k.optionsBytes);
      if (k.underlay6 && !k.zeroUdpChecksum6) {
        const c = udp6Checksum(dv, oip, u, udpLen);
        dv.setUint16(u + 6, c === 0 ? 0xffff : c);
      }
      k.set(L.M_WIRE_OFF, i, k.headroom - added);
      k.set(L.M_WIRE_LEN, i, added + frameLen);
    }
    k.set(L.M_FRAGS, i, frags);
    k.set(L.M_WIRE_BYTES, i, frags === 1 ? k.get(L.M_WIRE_LEN, i) : wireBytes);
    return R.R_OK;
  }

  decapOne(i: number): number {
    const k = this.k;
    const dv = k.dv;
    const off = k.get(L.M_WIRE_OFF, i);
    const len = k.get(L.M_WIRE_LEN, i);
    const limit = k.headroom + k.slotBytes;
    if (off > limit || len > limit - off) return R.R_BAD_SLOT_LENGTH;
    const s = k.slotAddr(i);
    const p = s + off;
    if (len < H.ETH_HEADER_LEN) return R.R_TRUNCATED;
    const ip = p + H.ETH_HEADER_LEN;
    const avail = len - H.ETH_HEADER_LEN;
    let ipData: number;
    let u: number;
    if (k.underlay6) {
      if (dv.getUint16(p + H.ETH_TYPE) !== ETHERTYPE_IPV6) return R.R_BAD_ETHERTYPE;
      const r = ip6Check(dv, ip, avail);
      if (r !== R.R_OK) return r;
      if (dv.getUint8(ip + IP6_HOP_LIMIT) === 0) return R.R_TTL_EXPIRED;
      if (k.mode === R.MODE_NONE) return this.found(i, off, len);
      if (dv.getUint8(ip + IP6_NEXT_HEADER) !== H.PROTO_UDP) return R.R_NOT_UDP;
      ipData = dv.getUint16(ip + IP6_PAYLOAD_LEN);
      u = ip + IP6_HEADER_LEN;
    } else {
      if (dv.getUint16(p + H.ETH_TYPE) !== H.ETHERTYPE_IPV4) return R.R_BAD_ETHERTYPE;
      const r = H.ipCheck(dv, ip, avail, true);
      if (r !== R.R_OK) return r;
      if (dv.getUint8(ip + H.IP_TTL) === 0) return R.R_TTL_EXPIRED;
      if (k.mode === R.MODE_NONE) return this.found(i, off, len);
      if ((dv.getUint16(ip + H.IP_FLAGS_FRAG) & (H.IP_FLAG_MF | H.IP_FRAG_OFFSET_MASK)) !== 0) return R.R_OUTER_FRAGMENT;
      if (dv.getUint8(ip + H.IP_PROTOCOL) !== H.PROTO_UDP) return R.R_NOT_UDP;
      const hl = H.ipHeaderLen(dv, ip);
      ipData = dv.getUint16(ip + H.IP_LENGTH) - hl;
      u = ip + hl;
    }
    if (ipData < H.UDP_HEADER_LEN) return R.R_TRUNCATED;
    const udpLen = dv.getUint16(u + 4);
    if (udpLen < H.UDP_HEADER_LEN || udpLen > ipData) return R.R_BAD_UDP_LENGTH;
    if (k.underlay6) {
      if (dv.getUint16(u + 6) === 0) {
        if (!k.zeroUdpChecksum6) return R.R_ZERO_UDP_CHECKSUM;
      } else if (udp6Checksum(dv, ip, u, udpLen) !== 0) return R.R_BAD_CHECKSUM;
    }
    if (dv.getUint16(u + 2) !== k.port) return R.R_WRONG_PORT;
    const t = u + H.UDP_HEADER_LEN;
    const tAvail = udpLen - H.UDP_HEADER_LEN;
    const hdr = tunnelHeaderLen(dv, t, tAvail, k.mode, k.vni);
    if (hdr < 0) return -hdr;
    const inner = t + hdr;
    const innerLen = tAvail - hdr;
    if (!this.innerFrameOk(inner, innerLen)) return R.R_BAD_INNER;
    return this.found(i, inner - s, innerLen);
  }

  private found(i: number, innerOff: number, innerLen: number): number {
    this.k.set(L.M_INNER_OFF, i, innerOff);
    this.k.set(L.M_INNER_LEN, i, innerLen);
    return R.R_OK;
  }

  pathOne(i: number): void {
    const k = this.k;
    const dv = k.dv;
    k.count(L.C_PACKETS, 1);
    let verdict = this.lookupOne(i);
    const ip = k.slotAddr(i) + k.headroom + H.ETH_HEADER_LEN;
    if (verdict === R.V_SERVICE) {
      k.count(L.C_SERVICE, 1);
      verdict = this.dnat(i, ip);
    }
    if (verdict === R.V_DROP) {
      k.count(L.C_DROPS + k.get(L.M_REASON, i), 1);
      return;
    }
    const payload = k.inner6 ? payloadLen6(dv, ip) : payloadLen(dv, ip);
    if (verdict === R.V_LOCAL) {
      k.count(L.C_LOCAL, 1);
      k.count(L.C_DELIVERED, 1);
      return;
    }
    if (verdict === R.V_EGRESS) {
      k.count(L.C_EGRESS, 1);
      if (k.inner6) natRewrite6(dv, ip, IP6_SRC, k.nodePrefix0, k.nodePrefix1, 0, k.geti(L.M_SRC_NODE, i));
      else natRewrite(dv, ip, H.IP_SRC, k.get(L.M_SRC_NODE, i));
    } else if (verdict === R.V_VNET) k.count(L.C_VNET, 1);
    else k.count(L.C_CROSS_NODE, 1);
    const innerIpLen = k.inner6 ? IP6_HEADER_LEN + dv.getUint16(ip + IP6_PAYLOAD_LEN) : dv.getUint16(ip + H.IP_LENGTH);
    let r = this.encapOne(i);
    if (r === R.R_OK) {
      countOnWire(k, i, payload, innerIpLen);
      if (verdict === R.V_NODE) r = this.decapOne(i);
    }
    settle(k, i, r, payload);
  }

  private dnat(i: number, ip: number): number {
    const k = this.k;
    let verdict: number;
    if (k.inner6) {
      const b0 = k.geti(L.M_BACKEND6, i);
      const b1 = k.geti(L.M_BACKEND6 + 1, i);
      const b2 = k.geti(L.M_BACKEND6 + 2, i);
      const b3 = k.geti(L.M_BACKEND6 + 3, i);
      if ((b0 | b1 | b2 | b3) === 0) return k.drop(i, R.R_NO_BACKEND);
      natRewrite6(k.dv, ip, IP6_DST, b0, b1, b2, b3);
      verdict = this.settle(i, k.routes6.lookup(b0, b1, b2, b3));
    } else {
      const backend = k.get(L.M_BACKEND, i);
      if (backend === 0) return k.drop(i, R.R_NO_BACKEND);
      natRewrite(k.dv, ip, H.IP_DST, backend);
      verdict = k.classify(i, backend);
    }
    return verdict === R.V_SERVICE ? k.drop(i, R.R_NO_BACKEND) : verdict;
  }
}
