import type { KernelAbi } from '../kernel-abi.ts';
import * as L from '../layout.ts';
import * as R from '../reason.ts';
import * as H from './headers.ts';
import { countOnWire, settle } from './path-counters.ts';
import { tunnelHeaderLen } from './tunnel-header.ts';
import { TwinRoutes } from './route.ts';
import { flowHash, natRewrite, payloadLen } from './transport.ts';
import { IP6_HEADER_LEN, IP6_MIN_MTU } from './ipv6.ts';
import { TwinRoutes6 } from './route6.ts';
import { TwinPath6 } from './twin-path6.ts';

const SRC_PORT_BASE = 49152;
const SRC_PORT_MASK = 0x3fff;

/**
 * The TypeScript twin of the WebAssembly kernel: the same ABI, memory map and semantics, line for line with
 * assembly/{lookup,encap,decap,path}.ts. It exists for differential tests (outputs must be byte-identical) and
 * as the benchmark baseline. It allocates nothing per packet.
 */
export class TwinKernel implements KernelAbi {
  readonly buffer: ArrayBuffer;
  readonly dv: DataView;
  readonly w: Uint32Array;
  /** The same memory as int32: node and address words ≥ 2^31 stay small integers (see route6.ts). */
  private readonly wi: Int32Array;
  private readonly f64: Float64Array;
  private readonly routes: TwinRoutes;
  readonly routes6: TwinRoutes6;
  private readonly path6: TwinPath6;
  slotCount = 0;
  slotBytes = 0;
  headroom = 0;
  stride = 0;
  slotsOff = 0;
  mode = R.MODE_NONE;
  vni = 0;
  port = 0;
  optionsBytes = 0;
  vmMtu = 1500;
  outerTtl = 64;
  outerLen = 0;
  // Address families (twin of assembly/state6.ts).
  families = 0;
  underlay6 = false;
  inner6 = false;
  nodePrefix0 = 0;
  nodePrefix1 = 0;
  zeroUdpChecksum6 = false;
  outerLenF = 0;

  constructor(pages: number) {
    this.buffer = new ArrayBuffer(pages * 65536);
    this.dv = new DataView(this.buffer);
    this.w = new Uint32Array(this.buffer);
    this.wi = new Int32Array(this.buffer);
    this.f64 = new Float64Array(this.buffer);
    this.routes = new TwinRoutes(this.w);
    this.routes6 = new TwinRoutes6(this.w);
    this.path6 = new TwinPath6(this);
  }

  layoutVersion(): number {
    return L.LAYOUT_VERSION;
  }

  init(count: number, bytes: number, room: number): number {
    if (this.slotCount !== 0) return R.E_ALREADY;
    if (count === 0 || count > L.MAX_SLOTS || bytes < 64 || bytes > 65535 || room > 1024 || (room & 3) !== 0) return R.E_ARGUMENT;
    if (L.endFor(count, bytes, room) > this.buffer.byteLength) return R.E_MEMORY;
    this.slotCount = count;
    this.slotBytes = bytes;
    this.headroom = room;
    this.stride = L.slotStrideFor(bytes, room);
    this.slotsOff = L.slotsOffFor(count);
    this.routes.clear();
    this.routes6.clear();
    this.countersClear();
    return 0;
  }

  configure(m: number, v: number, port: number, opts: number, mtu: number, ttl: number): number {
    if (m > R.MODE_GENEVE || v > 0xffffff || port === 0 || port > 65535) return R.E_ARGUMENT;
    if ((opts & 3) !== 0 || opts > H.GENEVE_MAX_OPTIONS_BYTES) return R.E_ARGUMENT;
    if (mtu < 576 || mtu > 65535 || ttl === 0 || ttl > 255) return R.E_ARGUMENT;
    const tunnelHeader = m === R.MODE_VXLAN ? H.VXLAN_HEADER_LEN : H.GENEVE_HEADER_LEN + opts;
    const outer = m === R.MODE_NONE ? 0 : H.ETH_HEADER_LEN + H.IP_HEADER_LEN + H.UDP_HEADER_LEN + tunnelHeader;
    if (outer > this.headroom) return R.E_HEADROOM;
    this.mode = m;
    this.vni = v;
    this.port = port;
    this.optionsBytes = m === R.MODE_GENEVE ? opts : 0;
    this.vmMtu = mtu;
    this.outerTtl = ttl;
    this.outerLen = outer;
    this.resetFamilies();
    return 0;
  }

  private resetFamilies(): void {
    this.families = 0;
    this.underlay6 = false;
    this.inner6 = false;
    this.nodePrefix0 = 0;
    this.nodePrefix1 = 0;
    this.zeroUdpChecksum6 = false;
    this.outerLenF = 0;
  }

  configureFamilies(u6: number, i6: number, prefix0: number, prefix1: number, zeroCsum: number): number {
    if (u6 > 1 || i6 > 1 || zeroCsum > 1) return R.E_ARGUMENT;
    if (this.mode === R.MODE_NONE && u6 !== i6) return R.E_ARGUMENT;
    if ((u6 | i6) !== 0 && this.vmMtu < IP6_MIN_MTU) return R.E_ARGUMENT;
    const outer = this.mode === R.MODE_NONE ? 0 : this.outerLen + (u6 !== 0 ? IP6_HEADER_LEN - H.IP_HEADER_LEN : 0);
    if (outer > this.headroom) return R.E_HEADROOM;
    this.underlay6 = u6 !== 0;
    this.inner6 = i6 !== 0;
    this.families = (u6 << 1) | i6;
    // int32, like every address word on the twin's IPv6 path (see route6.ts).
    this.nodePrefix0 = prefix0 | 0;
    this.nodePrefix1 = prefix1 | 0;
    this.zeroUdpChecksum6 = zeroCsum !== 0;
    this.outerLenF = outer;
    return 0;
  }

  countersOffset(): number {
    return L.COUNTERS_OFF;
  }
  lengthsOffset(): number {
    return L.LENGTHS_OFF;
  }
  routesOffset(): number {
    return L.ROUTES_OFF;
  }
  metaOffset(): number {
    return L.META_OFF;
  }
  slotsOffset(): number {
    return this.slotsOff;
  }
  slotStride(): number {
    return this.stride;
  }
  slots(): number {
    return this.slotCount;
  }
  countersClear(): void {
    this.f64.fill(0, L.COUNTERS_OFF >>> 3, (L.COUNTERS_OFF >>> 3) + L.COUNTER_COUNT);
  }
  routeClear(): void {
    this.routes.clear();
    this.routes6.clear();
  }
  routeAdd(prefix: number, len: number, verdict: number, nextHop: number): number {
    return this.routes.add(prefix >>> 0, len, verdict, nextHop >>> 0);
  }
  routeLookup(dst: number): number {
    return this.routes.lookup(dst >>> 0);
  }

  route6Add(p0: number, p1: number, p2: number, p3: number, len: number, verdict: number, nextHop: number): number {
    return this.routes6.add(p0 | 0, p1 | 0, p2 | 0, p3 | 0, len, verdict, nextHop >>> 0);
  }
  route6Lookup(a0: number, a1: number, a2: number, a3: number): number {
    return this.routes6.lookup(a0 | 0, a1 | 0, a2 | 0, a3 | 0);
  }

  lookupBatch(n: number): void {
    n = Math.min(n, this.slotCount);
    if (this.families === 0) for (let i = 0; i < n; i++) this.lookupOne(i);
    else for (let i = 0; i < n; i++) this.path6.lookupOne(i);
  }

  encapBatch(n: number): void {
    n = Math.min(n, this.slotCount);
    if (this.families !== 0) {
      this.path6.encapBatch(n);
      return;
    }
    for (let i = 0; i < n; i++) {
      if (this.get(L.M_REASON, i) !== R.R_OK) continue;
      const v = this.get(L.M_VERDICT, i);
      if (v === R.V_NODE || v === R.V_EGRESS || v === R.V_VNET) this.set(L.M_REASON, i, this.encapOne(i));
    }
  }

  decapBatch(n: number): void {
    n = Math.min(n, this.slotCount);
    if (this.families === 0) for (let i = 0; i < n; i++) this.set(L.M_REASON, i, this.decapOne(i));
    else for (let i = 0; i < n; i++) this.set(L.M_REASON, i, this.path6.decapOne(i));
  }

  pathBatch(n: number): void {
    n = Math.min(n, this.slotCount);
    if (this.families === 0) for (let i = 0; i < n; i++) this.pathOne(i);
    else for (let i = 0; i < n; i++) this.path6.pathOne(i);
  }

  // ---- per packet (twins of assembly/lookup.ts, encap.ts, decap.ts, path.ts) ---------------------------
  // Public for twin-path6.ts (the family-aware path), which works on this kernel's state; not part of the ABI.

  get(field: number, i: number): number {
    return this.w[(L.META_OFF >>> 2) + field * this.slotCount + i] ?? 0;
  }
  /** A meta field as int32 (the same bits as get). */
  geti(field: number, i: number): number {
    return this.wi[(L.META_OFF >>> 2) + field * this.slotCount + i] ?? 0;
  }
  set(field: number, i: number, v: number): void {
    this.w[(L.META_OFF >>> 2) + field * this.slotCount + i] = v;
  }
  count(counter: number, v: number): void {
    const k = (L.COUNTERS_OFF >>> 3) + counter;
    this.f64[k] = (this.f64[k] ?? 0) + v;
  }
  slotAddr(i: number): number {
    return this.slotsOff + i * this.stride;
  }
  drop(i: number, reason: number): number {
    this.set(L.M_VERDICT, i, R.V_DROP);
    this.set(L.M_REASON, i, reason);
    return R.V_DROP;
  }

  lookupOne(i: number): number {
    this.set(L.M_VERDICT, i, R.V_NONE);
    this.set(L.M_NEXTHOP, i, 0);
    this.set(L.M_REASON, i, R.R_OK);
    this.set(L.M_WIRE_OFF, i, 0);
    this.set(L.M_WIRE_LEN, i, 0);
    this.set(L.M_FRAGS, i, 0);
    this.set(L.M_WIRE_BYTES, i, 0);
    this.set(L.M_INNER_OFF, i, 0);
    this.set(L.M_INNER_LEN, i, 0);
    const len = this.get(L.M_LEN, i);
    if (len > this.slotBytes) return this.drop(i, R.R_BAD_SLOT_LENGTH);
    const f = this.slotAddr(i) + this.headroom;
    const dv = this.dv;
    if (len < H.ETH_HEADER_LEN || dv.getUint16(f + H.ETH_TYPE) !== H.ETHERTYPE_IPV4) return this.drop(i, R.R_BAD_INNER);
    if (H.ipCheck(dv, f + H.ETH_HEADER_LEN, len - H.ETH_HEADER_LEN, false) !== R.R_OK) return this.drop(i, R.R_BAD_INNER);
    return this.classify(i, dv.getUint32(f + H.ETH_HEADER_LEN + H.IP_DST));
  }

  classify(i: number, dst: number): number {
    let verdict = this.routes.lookup(dst);
    if (verdict === R.V_NONE) return this.drop(i, R.R_NO_ROUTE);
    const nextHop = this.routes.nextHop;
    if (verdict === R.V_NODE && nextHop === this.get(L.M_SRC_NODE, i)) verdict = R.V_LOCAL;
    this.set(L.M_VERDICT, i, verdict);
    this.set(L.M_NEXTHOP, i, nextHop);
    return verdict;
  }

  private encapOne(i: number): number {
    const dv = this.dv;
    const f = this.slotAddr(i) + this.headroom;
    const ip = f + H.ETH_HEADER_LEN;
    const tunnel = this.mode !== R.MODE_NONE && this.get(L.M_VERDICT, i) === R.V_NODE;
    const added = tunnel ? this.outerLen : 0;
    const maxIpLen = this.vmMtu - added;
    const ipLen = dv.getUint16(ip + H.IP_LENGTH);
    const hash = tunnel ? flowHash(dv, ip) : 0;
    let frameLen = this.get(L.M_LEN, i);
    let frags = 1;
    let wireBytes = 0;
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
    if (!tunnel) {
      this.set(L.M_WIRE_OFF, i, this.headroom);
      this.set(L.M_WIRE_LEN, i, frameLen);
    } else {
      const o = f - this.outerLen;
      const src = this.get(L.M_SRC_NODE, i);
      const dst = this.get(L.M_NEXTHOP, i);
      const udpLen = this.outerLen - H.ETH_HEADER_LEN - H.IP_HEADER_LEN + frameLen;
      H.ethEmit(dv, o, dst, src, H.ETHERTYPE_IPV4);
      H.ipEmit(dv, o + H.ETH_HEADER_LEN, H.IP_HEADER_LEN + udpLen, this.outerTtl, H.PROTO_UDP, src, dst);
      const u = o + H.ETH_HEADER_LEN + H.IP_HEADER_LEN;
      H.udpEmit(dv, u, SRC_PORT_BASE | (hash & SRC_PORT_MASK), this.port, udpLen);
      if (this.mode === R.MODE_VXLAN) H.vxlanEmit(dv, u + H.UDP_HEADER_LEN, this.vni);
      else H.geneveEmit(dv, u + H.UDP_HEADER_LEN, this.vni, this.optionsBytes);
      this.set(L.M_WIRE_OFF, i, this.headroom - this.outerLen);
      this.set(L.M_WIRE_LEN, i, this.outerLen + frameLen);
    }
    this.set(L.M_FRAGS, i, frags);
    this.set(L.M_WIRE_BYTES, i, frags === 1 ? this.get(L.M_WIRE_LEN, i) : wireBytes);
    return R.R_OK;
  }

  private decapOne(i: number): number {
    const dv = this.dv;
    const off = this.get(L.M_WIRE_OFF, i);
    const len = this.get(L.M_WIRE_LEN, i);
    const limit = this.headroom + this.slotBytes;
    if (off > limit || len > limit - off) return R.R_BAD_SLOT_LENGTH;
    const s = this.slotAddr(i);
    const p = s + off;
    if (len < H.ETH_HEADER_LEN) return R.R_TRUNCATED;
    if (dv.getUint16(p + H.ETH_TYPE) !== H.ETHERTYPE_IPV4) return R.R_BAD_ETHERTYPE;
    const ip = p + H.ETH_HEADER_LEN;
    const r = H.ipCheck(dv, ip, len - H.ETH_HEADER_LEN, true);
    if (r !== R.R_OK) return r;
    if (dv.getUint8(ip + H.IP_TTL) === 0) return R.R_TTL_EXPIRED;
    if (this.mode === R.MODE_NONE) {
      this.set(L.M_INNER_OFF, i, off);
      this.set(L.M_INNER_LEN, i, len);
      return R.R_OK;
    }
    if ((dv.getUint16(ip + H.IP_FLAGS_FRAG) & (H.IP_FLAG_MF | H.IP_FRAG_OFFSET_MASK)) !== 0) return R.R_OUTER_FRAGMENT;
    if (dv.getUint8(ip + H.IP_PROTOCOL) !== H.PROTO_UDP) return R.R_NOT_UDP;
    const hl = H.ipHeaderLen(dv, ip);
    const ipData = dv.getUint16(ip + H.IP_LENGTH) - hl;
    if (ipData < H.UDP_HEADER_LEN) return R.R_TRUNCATED;
    const u = ip + hl;
    const udpLen = dv.getUint16(u + 4);
    if (udpLen < H.UDP_HEADER_LEN || udpLen > ipData) return R.R_BAD_UDP_LENGTH;
    if (dv.getUint16(u + 2) !== this.port) return R.R_WRONG_PORT;
    const t = u + H.UDP_HEADER_LEN;
    const tAvail = udpLen - H.UDP_HEADER_LEN;
    const hdr = tunnelHeaderLen(dv, t, tAvail, this.mode, this.vni);
    if (hdr < 0) return -hdr;
    const inner = t + hdr;
    const innerLen = tAvail - hdr;
    if (innerLen < H.ETH_HEADER_LEN || dv.getUint16(inner + H.ETH_TYPE) !== H.ETHERTYPE_IPV4) return R.R_BAD_INNER;
    if (H.ipCheck(dv, inner + H.ETH_HEADER_LEN, innerLen - H.ETH_HEADER_LEN, false) !== R.R_OK) return R.R_BAD_INNER;
    this.set(L.M_INNER_OFF, i, inner - s);
    this.set(L.M_INNER_LEN, i, innerLen);
    return R.R_OK;
  }

  private pathOne(i: number): void {
    const dv = this.dv;
    this.count(L.C_PACKETS, 1);
    let verdict = this.lookupOne(i);
    const ip = this.slotAddr(i) + this.headroom + H.ETH_HEADER_LEN;
    if (verdict === R.V_SERVICE) {
      this.count(L.C_SERVICE, 1);
      const backend = this.get(L.M_BACKEND, i);
      if (backend === 0) verdict = this.drop(i, R.R_NO_BACKEND);
      else {
        natRewrite(dv, ip, H.IP_DST, backend);
        verdict = this.classify(i, backend);
        if (verdict === R.V_SERVICE) verdict = this.drop(i, R.R_NO_BACKEND);
      }
    }
    if (verdict === R.V_DROP) {
      this.count(L.C_DROPS + this.get(L.M_REASON, i), 1);
      return;
    }
    const payload = payloadLen(dv, ip);
    if (verdict === R.V_LOCAL) {
      this.count(L.C_LOCAL, 1);
      this.count(L.C_DELIVERED, 1);
      return;
    }
    if (verdict === R.V_EGRESS) {
      this.count(L.C_EGRESS, 1);
      natRewrite(dv, ip, H.IP_SRC, this.get(L.M_SRC_NODE, i));
    } else if (verdict === R.V_VNET) this.count(L.C_VNET, 1);
    else this.count(L.C_CROSS_NODE, 1);
    const innerIpLen = dv.getUint16(ip + H.IP_LENGTH);
    let r = this.encapOne(i);
    if (r === R.R_OK) {
      countOnWire(this, i, payload, innerIpLen);
      if (verdict === R.V_NODE) r = this.decapOne(i);
    }
    settle(this, i, r, payload);
  }
}

