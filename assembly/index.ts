// The kernel's ABI: only numbers cross it. The host writes frames and per-packet inputs into the slots and meta
// arrays (addresses from the *Offset exports, which the loader checks against its own copy of layout.ts),
// calls one batch function, and reads the results back from memory.

import { decapOne } from './decap';
import { encapOne } from './encap';
import {
  COUNTER_COUNT, COUNTERS_OFF, LAYOUT_VERSION, LENGTHS_OFF, M_REASON, M_VERDICT, META_OFF, ROUTES_OFF,
} from './layout';
import { lookupOne } from './lookup';
import { metaGet, metaSet } from './meta';
import { pathOne } from './path';
import { R_OK, V_EGRESS, V_NODE, V_VNET } from './reason';
import { routeAdd as addRoute, routeClear as clearRoutes, routeLookup as lookupRoute } from './route';
import { setConfig, setGeometry, slotCount, slotsOff, stride } from './state';

export function layoutVersion(): u32 {
  return LAYOUT_VERSION;
}

/** Sizes the slots and grows memory once; views the host takes afterwards never go stale. 0 or an E_* code. */
export function init(count: u32, slotBytes: u32, headroom: u32): i32 {
  const r = setGeometry(count, slotBytes, headroom);
  if (r == 0) {
    clearRoutes();
    countersClear();
  }
  return r;
}

/** mode: 0 none, 1 vxlan, 2 geneve. 0 or an E_* code. */
export function configure(mode: u32, vni: u32, port: u32, optionsBytes: u32, vmMtu: u32, outerTtl: u32): i32 {
  return setConfig(mode, vni, port, optionsBytes, vmMtu, outerTtl);
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
}
export function routeAdd(prefix: u32, len: u32, verdict: u32, nextHop: u32): i32 {
  return addRoute(prefix, len, verdict, nextHop);
}
/** One lookup, for tests: the verdict (next hop not returned; lookupBatch records it). */
export function routeLookup(dst: u32): u32 {
  return lookupRoute(dst);
}

/** Validates and routes packets 0..n-1: M_VERDICT, M_NEXTHOP, M_REASON. */
export function lookupBatch(n: u32): void {
  if (n > slotCount) n = slotCount;
  for (let i: u32 = 0; i < n; i++) lookupOne(i);
}

/** Puts routed packets on the underlay (after lookupBatch): M_WIRE_*, M_FRAGS, M_REASON. */
export function encapBatch(n: u32): void {
  if (n > slotCount) n = slotCount;
  for (let i: u32 = 0; i < n; i++) {
    if (metaGet(M_REASON, i) != R_OK) continue;
    const v = metaGet(M_VERDICT, i);
    if (v == V_NODE || v == V_EGRESS || v == V_VNET) metaSet(M_REASON, i, encapOne(i));
  }
}

/** Receives the frames at M_WIRE_OFF/M_WIRE_LEN: M_REASON, M_INNER_OFF, M_INNER_LEN. Reads frames only. */
export function decapBatch(n: u32): void {
  if (n > slotCount) n = slotCount;
  for (let i: u32 = 0; i < n; i++) metaSet(M_REASON, i, decapOne(i));
}

/** The full path for packets 0..n-1, counting into the counters. */
export function pathBatch(n: u32): void {
  if (n > slotCount) n = slotCount;
  for (let i: u32 = 0; i < n; i++) pathOne(i);
}
