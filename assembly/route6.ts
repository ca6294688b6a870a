import { ip6AddrWord } from './ipv6';
import { LENGTHS6_OFF, ROUTE_EMPTY, ROUTE6_CAPACITY, ROUTE6_ENTRY_BYTES, ROUTE6_SLOTS, ROUTE6_SLOTS_LOG2, ROUTES6_OFF } from './layout';
import { V_NONE } from './reason';
import { fmix32 } from './route';

// Longest-prefix match on 128-bit prefixes: route.ts's scheme (one hash table keyed by prefix and length, probed
// once per distinct length, longest first) with four-word keys. A dual-stack cluster has a handful of IPv6 lengths
// (/80 node blocks, the /64 pod CIDR and node subnet, the /108 service CIDR, /0), so a lookup is a few probes.
// Entries: words 0..3 of the masked prefix, len (ROUTE_EMPTY when free), verdict, next hop, 0.

let route6Count: u32 = 0;
let found6NextHop: u32 = 0;

/** Mask of address word k (0 = most significant) for a prefix of `len` bits. */
@inline function wordMask(len: u32, k: u32): u32 {
  const base = k << 5;
  if (len <= base) return 0;
  const bits = len - base;
  return bits >= 32 ? 0xffffffff : 0xffffffff << (32 - bits);
}

@inline function slotOf6(k0: u32, k1: u32, k2: u32, k3: u32, len: u32): u32 {
  let h = fmix32(k0 ^ ((len + 1) * 0x9e3779b9));
  h = fmix32(h ^ k1);
  h = fmix32(h ^ k2);
  h = fmix32(h ^ k3);
  return h >>> (32 - ROUTE6_SLOTS_LOG2);
}

@inline function entry(i: u32): usize {
  return ROUTES6_OFF + i * ROUTE6_ENTRY_BYTES;
}

export function route6Clear(): void {
  for (let i: u32 = 0; i < ROUTE6_SLOTS; i++) {
    const e = entry(i);
    store<u64>(e, 0);
    store<u64>(e + 8, 0);
    store<u32>(e + 16, ROUTE_EMPTY);
    store<u32>(e + 20, 0);
    store<u64>(e + 24, 0);
  }
  store<u32>(LENGTHS6_OFF, 0);
  route6Count = 0;
}

/** Adds or replaces a route for prefix (p0..p3)/len; 0, or -1 for a bad length, -2 when the table is full. */
export function route6Add(p0: u32, p1: u32, p2: u32, p3: u32, len: u32, verdict: u32, nextHop: u32): i32 {
  if (len > 128) return -1;
  const k0 = p0 & wordMask(len, 0);
  const k1 = p1 & wordMask(len, 1);
  const k2 = p2 & wordMask(len, 2);
  const k3 = p3 & wordMask(len, 3);
  let i = slotOf6(k0, k1, k2, k3, len);
  for (;;) {
    const e = entry(i);
    const l = load<u32>(e + 16);
    if (l == ROUTE_EMPTY) {
      if (route6Count >= ROUTE6_CAPACITY) return -2;
      store<u32>(e, k0);
      store<u32>(e + 4, k1);
      store<u32>(e + 8, k2);
      store<u32>(e + 12, k3);
      store<u32>(e + 16, len);
      store<u32>(e + 20, verdict);
      store<u32>(e + 24, nextHop);
      route6Count++;
      addLength6(len);
      return 0;
    }
    if (l == len && load<u32>(e) == k0 && load<u32>(e + 4) == k1 && load<u32>(e + 8) == k2 && load<u32>(e + 12) == k3) {
      store<u32>(e + 20, verdict);
      store<u32>(e + 24, nextHop);
      return 0;
    }
    i = (i + 1) & (ROUTE6_SLOTS - 1);
  }
  return -3; // unreachable: at most half the slots are used
}

/** Keeps the distinct lengths sorted longest first (insertion into a list of at most 129). */
function addLength6(len: u32): void {
  const n = load<u32>(LENGTHS6_OFF);
  for (let k: u32 = 0; k < n; k++) if (load<u32>(LENGTHS6_OFF + 4 + k * 4) == len) return;
  let k = n;
  while (k > 0 && load<u32>(LENGTHS6_OFF + 4 + (k - 1) * 4) < len) {
    store<u32>(LENGTHS6_OFF + 4 + k * 4, load<u32>(LENGTHS6_OFF + k * 4));
    k--;
  }
  store<u32>(LENGTHS6_OFF + 4 + k * 4, len);
  store<u32>(LENGTHS6_OFF, n + 1);
}

/** The verdict of the most specific route containing (a0..a3), or V_NONE; its next hop is then `lastNextHop6()`. */
export function route6Lookup(a0: u32, a1: u32, a2: u32, a3: u32): u32 {
  const n = load<u32>(LENGTHS6_OFF);
  for (let k: u32 = 0; k < n; k++) {
    const len = load<u32>(LENGTHS6_OFF + 4 + k * 4);
    const k0 = a0 & wordMask(len, 0);
    const k1 = a1 & wordMask(len, 1);
    const k2 = a2 & wordMask(len, 2);
    const k3 = a3 & wordMask(len, 3);
    let i = slotOf6(k0, k1, k2, k3, len);
    for (;;) {
      const e = entry(i);
      const l = load<u32>(e + 16);
      if (l == ROUTE_EMPTY) break;
      if (l == len && load<u32>(e) == k0 && load<u32>(e + 4) == k1 && load<u32>(e + 8) == k2 && load<u32>(e + 12) == k3) {
        found6NextHop = load<u32>(e + 24);
        return load<u32>(e + 20);
      }
      i = (i + 1) & (ROUTE6_SLOTS - 1);
    }
  }
  found6NextHop = 0;
  return V_NONE;
}

/** Looks up the address at `field` (IP6_SRC or IP6_DST) of the IPv6 header at `ip`. */
export function route6LookupAt(ip: usize, field: u32): u32 {
  return route6Lookup(ip6AddrWord(ip, field, 0), ip6AddrWord(ip, field, 1), ip6AddrWord(ip, field, 2), ip6AddrWord(ip, field, 3));
}

@inline export function lastNextHop6(): u32 {
  return found6NextHop;
}
