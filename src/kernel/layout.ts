// The host's copy of assembly/layout.ts: the same memory map, drawn once. The loader compares the kernel's
// LAYOUT_VERSION and reported offsets with these and refuses a mismatch, so a stale build/ cannot be misread.

export const LAYOUT_VERSION = 2;

export const BASE = 65536;
export const COUNTER_COUNT = 64;
export const COUNTERS_OFF = BASE;
export const LENGTHS_OFF = COUNTERS_OFF + COUNTER_COUNT * 8;
export const ROUTE_SLOTS_LOG2 = 15;
export const ROUTE_SLOTS = 1 << ROUTE_SLOTS_LOG2;
export const ROUTE_CAPACITY = ROUTE_SLOTS >>> 1;
export const ROUTE_ENTRY_BYTES = 16;
export const ROUTES_OFF = LENGTHS_OFF + 512;
export const LENGTHS6_OFF = ROUTES_OFF + ROUTE_SLOTS * ROUTE_ENTRY_BYTES;
export const ROUTE6_SLOTS_LOG2 = 14;
export const ROUTE6_SLOTS = 1 << ROUTE6_SLOTS_LOG2;
export const ROUTE6_CAPACITY = ROUTE6_SLOTS >>> 1;
export const ROUTE6_ENTRY_BYTES = 32;
export const ROUTES6_OFF = LENGTHS6_OFF + 1024;
export const META_OFF = ROUTES6_OFF + ROUTE6_SLOTS * ROUTE6_ENTRY_BYTES;
export const GUARD_BYTES = 16;
export const MAX_SLOTS = 1 << 22;
export const ROUTE_EMPTY = 0xffffffff;

export const M_LEN = 0;
export const M_SRC_NODE = 1;
export const M_BACKEND = 2;
export const M_VERDICT = 3;
export const M_NEXTHOP = 4;
export const M_REASON = 5;
export const M_WIRE_OFF = 6;
export const M_WIRE_LEN = 7;
export const M_FRAGS = 8;
export const M_WIRE_BYTES = 9;
export const M_INNER_OFF = 10;
export const M_INNER_LEN = 11;
/** Backend pod IPv6 of an inner IPv6 service packet: four words M_BACKEND6 + 0..3, most significant first. */
export const M_BACKEND6 = 12;
export const META_FIELDS = 16;

export const C_PACKETS = 0;
export const C_DELIVERED = 1;
export const C_LOCAL = 2;
export const C_CROSS_NODE = 3;
export const C_SERVICE = 4;
export const C_EGRESS = 5;
export const C_VNET = 6;
export const C_WIRE_FRAMES = 7;
export const C_WIRE_BYTES = 8;
export const C_PAYLOAD_BYTES = 9;
export const C_PAYLOAD_DELIVERED = 10;
export const C_FRAGMENTED_PACKETS = 11;
export const C_FRAGMENTS = 12;
export const C_INNER_BYTES = 13;
export const C_DROPS = 16;

export function align(v: number, a: number): number {
  return (v + a - 1) & ~(a - 1);
}

export function slotStrideFor(slotBytes: number, headroom: number): number {
  return align(headroom + slotBytes + GUARD_BYTES, 16);
}

export function slotsOffFor(slotCount: number): number {
  return align(META_OFF + META_FIELDS * slotCount * 4, 64) + 64;
}

export function endFor(slotCount: number, slotBytes: number, headroom: number): number {
  return slotsOffFor(slotCount) + slotCount * slotStrideFor(slotBytes, headroom);
}

/** 64 KiB wasm pages needed for a geometry. */
export function pagesFor(slotCount: number, slotBytes: number, headroom: number): number {
  return Math.ceil(endFor(slotCount, slotBytes, headroom) / 65536);
}

/** Slot count, frame capacity per slot and headroom (room for the outer headers) of one kernel instance. */
export interface KernelGeometry {
  readonly slotCount: number;
  readonly slotBytes: number;
  readonly headroom: number;
}
