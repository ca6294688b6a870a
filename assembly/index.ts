// The kernel's ABI: only numbers cross it. The host writes frames and per-packet inputs into the slots and meta
// arrays (addresses from the *Offset exports, which the loader checks against its own copy of layout.ts),
// calls one batch function, and reads the results back from memory.

import { decapOne } from './decap';
import { decapOne6 } from './decap6';
import { encapOne } from './encap';
import { encapOne6 } from './encap6';
import {
  COUNTER_COUNT, COUNTERS_OFF, LAYOUT_VERSION, LENGTHS_OFF, M_REASON, M_VERDICT, META_OFF, ROUTES_OFF,
} from './layout';
import { lookupOne } from './lookup';
import { lookupOneF } from './lookup6';
import { metaGet, metaSet } from './meta';
import { pathOne } from './path';
import { pathOne6 } from './path6';
import { R_OK, V_EGRESS, V_NODE, V_VNET } from './reason';
import { routeAdd as addRoute, routeClear as clearRoutes, routeLookup as lookupRoute } from './route';
import { route6Add as addRoute6, route6Clear, route6Lookup as lookupRoute6 } from './route6';
import { setConfig, setGeometry, slotCount, slotsOff, stride } from './state';
import { families, resetFamilies, setFamilies } from './state6';

export function layoutVersion(): u32 {
  return LAYOUT_VERSION;
}

/** Sizes the slots and grows memory once; views the host takes afterwards never go stale. 0 or an E_* code. */
export function init(count: u32, slotBytes: u32, headroom: u32): i32 {
  const r = setGeometry(count, slotBytes, headroom);
  if (r == 0) {
    clearRoutes();
    route6Clear();
    countersClear();
  }
  return r;
}

/** mode: 0 none, 1 vxlan, 2 geneve. 0 or an E_* code. Resets the address families to IPv4 (configureFamilies). */
export function configure(mode: u32, vni: u32, port: u32, optionsBytes: u32, vmMtu: u32, outerTtl: u32): i32 {
  const r = setConfig(mode, vni, port, optionsBytes, vmMtu, outerTtl);
  if (r == 0) resetFamilies();
  return r;
}

/**
 * Address families (after configure): underlay6 and inner6 are 0 (IPv4) or 1 (IPv6); nodePrefix0/1 are the first
 * 64 bits of node IPv6 addresses; zeroUdpChecksum 1 sends and accepts a zero outer UDP checksum over IPv6.
 */
export function configureFamilies(underlay6: u32, inner6: u32, nodePrefix0: u32, nodePrefix1: u32, zeroUdpChecksum: u32): i32 {
  return setFamilies(underlay6, inner6, nodePrefix0, nodePrefix1, zeroUdpChecksum);
}

export function countersOffset(): u32 {
  return COUNTERS_OFF;
}
export function lengthsOffset(): u32 {
  return LENGTHS_OFF;
}
export function routesOffset(): u32 {
  return ROUTES_OFF;
}
export function metaOffset(): u32 {
  return META_OFF;
}
export function slotsOffset(): u32 {
  return slotsOff;
}
export function slotStride(): u32 {
  return stride;
}
export function slots(): u32 {
  return slotCount;
}

export function countersClear(): void {
  for (let k: u32 = 0; k < COUNTER_COUNT; k++) store<f64>(COUNTERS_OFF + k * 8, 0);
}

export function routeClear(): void {
  clearRoutes();
  route6Clear();
}
export function routeAdd(prefix: u32, len: u32, verdict: u32, nextHop: u32): i32 {
  return addRoute(prefix, len, verdict, nextHop);
}
/** One lookup, for tests: the verdict (next hop not returned; lookupBatch records it). */
export function routeLookup(dst: u32): u32 {
  return lookupRoute(dst);
}

/** Adds an IPv6 route: prefix words p0..p3, most significant first. 0, -1 bad length, -2 table full. */
export function route6Add(p0: u32, p1: u32, p2: u32, p3: u32, len: u32, verdict: u32, nextHop: u32): i32 {
  return addRoute6(p0, p1, p2, p3, len, verdict, nextHop);
}
export function route6Lookup(a0: u32, a1: u32, a2: u32, a3: u32): u32 {
  return lookupRoute6(a0, a1, a2, a3);
}

// Each batch picks its loop once: an all-IPv4 instance (families 0) runs the original per-packet functions, so the
// IPv6 support costs IPv4 one branch per batch.

/** Validates and routes packets 0..n-1: M_VERDICT, M_NEXTHOP, M_REASON. */
export function lookupBatch(n: u32): void {
  if (n > slotCount) n = slotCount;
  if (families == 0) for (let i: u32 = 0; i < n; i++) lookupOne(i);
  else for (let i: u32 = 0; i < n; i++) lookupOneF(i);
}

/** Puts routed packets on the underlay (after lookupBatch): M_WIRE_*, M_FRAGS, M_REASON. */
export function encapBatch(n: u32): void {
  if (n > slotCount) n = slotCount;
  if (families != 0) {
    encapBatch6(n);
    return;
  }
  for (let i: u32 = 0; i < n; i++) {
    if (metaGet(M_REASON, i) != R_OK) continue;
    const v = metaGet(M_VERDICT, i);
    if (v == V_NODE || v == V_EGRESS || v == V_VNET) metaSet(M_REASON, i, encapOne(i));
  }
}

function encapBatch6(n: u32): void {
  for (let i: u32 = 0; i < n; i++) {
    if (metaGet(M_REASON, i) != R_OK) continue;
    const v = metaGet(M_VERDICT, i);
    if (v == V_NODE || v == V_EGRESS || v == V_VNET) metaSet(M_REASON, i, encapOne6(i));
  }
}

/** Receives the frames at M_WIRE_OFF/M_WIRE_LEN: M_REASON, M_INNER_OFF, M_INNER_LEN. Reads frames only. */
export function decapBatch(n: u32): void {
  if (n > slotCount) n = slotCount;
  if (families == 0) for (let i: u32 = 0; i < n; i++) metaSet(M_REASON, i, decapOne(i));
  else for (let i: u32 = 0; i < n; i++) metaSet(M_REASON, i, decapOne6(i));
}

/** The full path for packets 0..n-1, counting into the counters. */
export function pathBatch(n: u32): void {
  if (n > slotCount) n = slotCount;
  if (families == 0) for (let i: u32 = 0; i < n; i++) pathOne(i);
  else for (let i: u32 = 0; i < n; i++) pathOne6(i);
}
