import { LENGTHS_OFF, ROUTE_CAPACITY, ROUTE_EMPTY, ROUTE_ENTRY_BYTES, ROUTE_SLOTS, ROUTE_SLOTS_LOG2, ROUTES_OFF } from '../layout.ts';
import { V_NONE } from '../reason.ts';
import { fmix32 } from './checksum.ts';
import { addPrefixLength } from './prefix-lengths.ts';

// Twin of assembly/route.ts: the same hash table at the same addresses (u32 words, host byte order).

function mask(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

function slotOf(prefix: number, len: number): number {
  return fmix32(prefix ^ Math.imul(len + 1, 0x9e3779b9)) >>> (32 - ROUTE_SLOTS_LOG2);
}

export class TwinRoutes {
  private count = 0;
  nextHop = 0;
  constructor(private readonly w: Uint32Array) {}

  clear(): void {
    for (let i = 0; i < ROUTE_SLOTS; i++) {
      const e = (ROUTES_OFF + i * ROUTE_ENTRY_BYTES) >>> 2;
      this.w[e] = 0;
      this.w[e + 1] = ROUTE_EMPTY;
      this.w[e + 2] = 0;
      this.w[e + 3] = 0;
    }
    this.w[LENGTHS_OFF >>> 2] = 0;
    this.count = 0;
  }

  add(prefix: number, len: number, verdict: number, nextHop: number): number {
    if (len > 32) return -1;
    const w = this.w;
    const key = (prefix & mask(len)) >>> 0;
    let i = slotOf(key, len);
    for (;;) {
      const e = (ROUTES_OFF + i * ROUTE_ENTRY_BYTES) >>> 2;
      const l = w[e + 1];
      if (l === ROUTE_EMPTY) {
        if (this.count >= ROUTE_CAPACITY) return -2;
        w[e] = key;
        w[e + 1] = len;
        w[e + 2] = verdict;
        w[e + 3] = nextHop;
        this.count++;
        addPrefixLength(this.w, LENGTHS_OFF >>> 2, len);
        return 0;
      }
      if (l === len && w[e] === key) {
        w[e + 2] = verdict;
        w[e + 3] = nextHop;
        return 0;
      }
      i = (i + 1) & (ROUTE_SLOTS - 1);
    }
  }

  lookup(dst: number): number {
    const w = this.w;
    const base = LENGTHS_OFF >>> 2;
    const n = w[base] ?? 0;
    for (let k = 0; k < n; k++) {
      const len = w[base + 1 + k] ?? 0;
      const key = (dst & mask(len)) >>> 0;
      let i = slotOf(key, len);
      for (;;) {
        const e = (ROUTES_OFF + i * ROUTE_ENTRY_BYTES) >>> 2;
        const l = w[e + 1];
        if (l === ROUTE_EMPTY) break;
        if (l === len && w[e] === key) {
          this.nextHop = w[e + 3] ?? 0;
          return w[e + 2] ?? V_NONE;
        }
        i = (i + 1) & (ROUTE_SLOTS - 1);
      }
    }
    this.nextHop = 0;
    return V_NONE;
  }
}
