import { LENGTHS_OFF, ROUTE_CAPACITY, ROUTE_EMPTY, ROUTE_ENTRY_BYTES, ROUTE_SLOTS, ROUTE_SLOTS_LOG2, ROUTES_OFF } from './layout';
import { V_NONE } from './reason';

// Longest-prefix match over the cluster's route table: one open-addressing hash table keyed by (prefix, length),
// probed once per distinct prefix length, longest first. A cluster has few lengths (/24 pod blocks, the /16
// subnets, the service CIDR, /0) and thousands of /24s, so this is a handful of probes per packet.

let routeCount: u32 = 0;
let foundNextHop: u32 = 0;

@inline function mask(len: u32): u32 {
  return len == 0 ? 0 : 0xffffffff << (32 - len);
}

/** murmur3's finaliser: spreads the key bits over the table index. */
@inline export function fmix32(x: u32): u32 {
  x ^= x >>> 16;
  x *= 0x85ebca6b;
  x ^= x >>> 13;
  x *= 0xc2b2ae35;
  x ^= x >>> 16;
  return x;
}

@inline function slotOf(prefix: u32, len: u32): u32 {
  return fmix32(prefix ^ ((len + 1) * 0x9e3779b9)) >>> (32 - ROUTE_SLOTS_LOG2);
}

export function routeClear(): void {
  for (let i: u32 = 0; i < ROUTE_SLOTS; i++) {
    const e = ROUTES_OFF + i * ROUTE_ENTRY_BYTES;
    store<u32>(e, 0);
    store<u32>(e + 4, ROUTE_EMPTY);
    store<u32>(e + 8, 0);
    store<u32>(e + 12, 0);
  }
  store<u32>(LENGTHS_OFF, 0);
  routeCount = 0;
}

/** Adds or replaces a route; 0, or -1 for a bad length, -2 when the table is full. */
export function routeAdd(prefix: u32, len: u32, verdict: u32, nextHop: u32): i32 {
  if (len > 32) return -1;
  const key = prefix & mask(len);
  let i = slotOf(key, len);
  for (;;) {
    const e = ROUTES_OFF + i * ROUTE_ENTRY_BYTES;
    const l = load<u32>(e + 4);
    if (l == ROUTE_EMPTY) {
      if (routeCount >= ROUTE_CAPACITY) return -2;
      store<u32>(e, key);
      store<u32>(e + 4, len);
      store<u32>(e + 8, verdict);
      store<u32>(e + 12, nextHop);
      routeCount++;
      addLength(len);
      return 0;
    }
    if (l == len && load<u32>(e) == key) {
      store<u32>(e + 8, verdict);
      store<u32>(e + 12, nextHop);
      return 0;
    }
    i = (i + 1) & (ROUTE_SLOTS - 1);
  }
  return -3; // unreachable: at most half the slots are used, so probing always meets a free one
}

/** Keeps the distinct lengths sorted longest first (insertion into a list of at most 33). */
function addLength(len: u32): void {
  const n = load<u32>(LENGTHS_OFF);
  for (let k: u32 = 0; k < n; k++) if (load<u32>(LENGTHS_OFF + 4 + k * 4) == len) return;
  let k = n;
  while (k > 0 && load<u32>(LENGTHS_OFF + 4 + (k - 1) * 4) < len) {
    store<u32>(LENGTHS_OFF + 4 + k * 4, load<u32>(LENGTHS_OFF + k * 4));
    k--;
  }
  store<u32>(LENGTHS_OFF + 4 + k * 4, len);
  store<u32>(LENGTHS_OFF, n + 1);
}

/** The verdict of the most specific route containing `dst`, or V_NONE; its next hop is then `lastNextHop()`. */
@inline export function routeLookup(dst: u32): u32 {
  const n = load<u32>(LENGTHS_OFF);
  for (let k: u32 = 0; k < n; k++) {
    const len = load<u32>(LENGTHS_OFF + 4 + k * 4);
    const key = dst & mask(len);
    let i = slotOf(key, len);
    for (;;) {
      const e = ROUTES_OFF + i * ROUTE_ENTRY_BYTES;
      const l = load<u32>(e + 4);
      if (l == ROUTE_EMPTY) break;
      if (l == len && load<u32>(e) == key) {
        foundNextHop = load<u32>(e + 12);
        return load<u32>(e + 8);
      }
      i = (i + 1) & (ROUTE_SLOTS - 1);
    }
  }
  foundNextHop = 0;
  return V_NONE;
}

@inline export function lastNextHop(): u32 {
  return foundNextHop;
}
