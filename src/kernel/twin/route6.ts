import { LENGTHS6_OFF, ROUTE_EMPTY, ROUTE6_CAPACITY, ROUTE6_ENTRY_BYTES, ROUTE6_SLOTS, ROUTE6_SLOTS_LOG2, ROUTES6_OFF } from '../layout.ts';
import { V_NONE } from '../reason.ts';
import { fmix32 } from './checksum.ts';
import { addPrefixLength } from './prefix-lengths.ts';

// Twin of assembly/route6.ts: longest-prefix match on 128-bit prefixes, the same table at the same addresses.
// Address words and keys travel as int32 (the same 32 bits as the kernel's u32): as uint32, words of fd00::/8 and
// most other IPv6 prefixes are ≥ 2^31, not small integers in V8, and would be boxed on the heap per packet.

function wordMask(len: number, k: number): number {
  const base = k << 5;
  if (len <= base) return 0;
  const bits = len - base;
  return bits >= 32 ? -1 : -1 << (32 - bits);
}

function slotOf6(k0: number, k1: number, k2: number, k3: number, len: number): number {
  let h = fmix32(k0 ^ Math.imul(len + 1, 0x9e3779b9));
  h = fmix32(h ^ k1);
  h = fmix32(h ^ k2);
  h = fmix32(h ^ k3);
  return h >>> (32 - ROUTE6_SLOTS_LOG2);
}

export class TwinRoutes6 {
  private count = 0;
  /** Next hop of the last lookup, as int32 (the node IPv4 172.16.x.y is ≥ 2^31 as uint32). */
  nextHop = 0;
  /** The same memory as signed words, for the keys. */
  private readonly k32: Int32Array;
  constructor(private readonly w: Uint32Array) {
    this.k32 = new Int32Array(w.buffer, w.byteOffset, w.length);
  }

  clear(): void {
    const start = ROUTES6_OFF >>> 2;
    this.w.fill(0, start, start + (ROUTE6_SLOTS * ROUTE6_ENTRY_BYTES) / 4);
    for (let i = 0; i < ROUTE6_SLOTS; i++) this.w[start + i * 8 + 4] = ROUTE_EMPTY;
    this.w[LENGTHS6_OFF >>> 2] = 0;
    this.count = 0;
  }

  add(p0: number, p1: number, p2: number, p3: number, len: number, verdict: number, nextHop: number): number {
    if (len > 128) return -1;
    const w = this.w;
    const kw = this.k32;
    const k0 = p0 & wordMask(len, 0);
    const k1 = p1 & wordMask(len, 1);
    const k2 = p2 & wordMask(len, 2);
    const k3 = p3 & wordMask(len, 3);
    let i = slotOf6(k0, k1, k2, k3, len);
    for (;;) {
      const e = (ROUTES6_OFF + i * ROUTE6_ENTRY_BYTES) >>> 2;
      const l = w[e + 4];
      if (l === ROUTE_EMPTY) {
        if (this.count >= ROUTE6_CAPACITY) return -2;
        kw[e] = k0;
        kw[e + 1] = k1;
        kw[e + 2] = k2;
        kw[e + 3] = k3;
        w[e + 4] = len;
        w[e + 5] = verdict;
        w[e + 6] = nextHop;
        this.count++;
        addPrefixLength(this.w, LENGTHS6_OFF >>> 2, len);
        return 0;
      }
      if (l === len && kw[e] === k0 && kw[e + 1] === k1 && kw[e + 2] === k2 && kw[e + 3] === k3) {
        w[e + 5] = verdict;
        w[e + 6] = nextHop;
        return 0;
      }
      i = (i + 1) & (ROUTE6_SLOTS - 1);
    }
  }

  /** Address words as int32 (or any number with those low 32 bits). */
  lookup(a0: number, a1: number, a2: number, a3: number): number {
    const w = this.w;
    const kw = this.k32;
    const base = LENGTHS6_OFF >>> 2;
    const n = w[base] ?? 0;
    for (let k = 0; k < n; k++) {
      const len = w[base + 1 + k] ?? 0;
      const k0 = a0 & wordMask(len, 0);
      const k1 = a1 & wordMask(len, 1);
      const k2 = a2 & wordMask(len, 2);
      const k3 = a3 & wordMask(len, 3);
      let i = slotOf6(k0, k1, k2, k3, len);
      for (;;) {
        const e = (ROUTES6_OFF + i * ROUTE6_ENTRY_BYTES) >>> 2;
        const l = w[e + 4];
        if (l === ROUTE_EMPTY) break;
        if (l === len && kw[e] === k0 && kw[e + 1] === k1 && kw[e + 2] === k2 && kw[e + 3] === k3) {
          this.nextHop = kw[e + 6] ?? 0;
          return w[e + 5] ?? V_NONE;
        }
        i = (i + 1) & (ROUTE6_SLOTS - 1);
      }
    }
    this.nextHop = 0;
    return V_NONE;
  }
}
