// The kernel's memory map, drawn once. The host (src/kernel/layout.ts) computes the same offsets and the loader
// refuses a module whose LAYOUT_VERSION or reported offsets differ. Bump LAYOUT_VERSION on any change here, in
// reason.ts or in the meaning of a meta field.
//
//   0 .. BASE                 AssemblyScript static data (checked at init: __heap_base <= BASE)
//   COUNTERS_OFF              COUNTER_COUNT f64 counters (exact integers below 2^53)
//   LENGTHS_OFF               u32 count, then the distinct route prefix lengths, longest first
//   ROUTES_OFF                ROUTE_SLOTS open-addressing entries of 4 u32: prefix, len (EMPTY = free), verdict, next hop
//   LENGTHS6_OFF              u32 count, then the distinct IPv6 prefix lengths (0..128), longest first
//   ROUTES6_OFF               ROUTE6_SLOTS entries of 8 u32: prefix words 0..3, len (EMPTY = free), verdict, next hop, 0
//   META_OFF                  META_FIELDS arrays of slotCount u32 (struct of arrays), field f at META_OFF + f*slotCount*4
//   SLOTS_OFF - GUARD_BYTES   guard band before slot 0
//   SLOTS_OFF + i*stride      slot i: [headroom][slotBytes of frame][>= GUARD_BYTES guard band]
//
// A frame handed to the kernel sits at slot + headroom; encapsulation writes the outer headers into the headroom
// in place, so no packet byte is ever copied. Nothing may be written outside [slot, slot + headroom + slotBytes).

export const LAYOUT_VERSION: u32 = 2;

export const BASE: u32 = 65536;
export const COUNTER_COUNT: u32 = 64;
export const COUNTERS_OFF: u32 = BASE;
export const LENGTHS_OFF: u32 = COUNTERS_OFF + COUNTER_COUNT * 8;
export const ROUTE_SLOTS_LOG2: u32 = 15;
export const ROUTE_SLOTS: u32 = 1 << ROUTE_SLOTS_LOG2;
/** At most half the hash slots are used, so a probe sequence always ends at a free slot quickly. */
export const ROUTE_CAPACITY: u32 = ROUTE_SLOTS >>> 1;
export const ROUTE_ENTRY_BYTES: u32 = 16;
export const ROUTES_OFF: u32 = LENGTHS_OFF + 512;
export const LENGTHS6_OFF: u32 = ROUTES_OFF + ROUTE_SLOTS * ROUTE_ENTRY_BYTES;
export const ROUTE6_SLOTS_LOG2: u32 = 14;
export const ROUTE6_SLOTS: u32 = 1 << ROUTE6_SLOTS_LOG2;
export const ROUTE6_CAPACITY: u32 = ROUTE6_SLOTS >>> 1;
export const ROUTE6_ENTRY_BYTES: u32 = 32;
export const ROUTES6_OFF: u32 = LENGTHS6_OFF + 1024;
export const META_OFF: u32 = ROUTES6_OFF + ROUTE6_SLOTS * ROUTE6_ENTRY_BYTES;
export const GUARD_BYTES: u32 = 16;
export const MAX_SLOTS: u32 = 1 << 22;
export const ROUTE_EMPTY: u32 = 0xffffffff;

// Meta fields (u32 per packet).
export const M_LEN: u32 = 0; // in: inner frame length at slot + headroom
export const M_SRC_NODE: u32 = 1; // in: IPv4 of the node the packet leaves from
export const M_BACKEND: u32 = 2; // in: service backend pod IPv4 chosen by the flow (conntrack), 0 = none
export const M_VERDICT: u32 = 3; // out: route verdict (V_*)
export const M_NEXTHOP: u32 = 4; // out: next-hop node IPv4
export const M_REASON: u32 = 5; // out: result code (R_*)
export const M_WIRE_OFF: u32 = 6; // out (in for decapBatch): offset of the underlay frame within the slot
export const M_WIRE_LEN: u32 = 7; // out (in for decapBatch): its length, 0 when nothing went on the wire
export const M_FRAGS: u32 = 8; // out: underlay frames this packet became (1 unless fragmented)
export const M_WIRE_BYTES: u32 = 9; // out: bytes of all those frames
export const M_INNER_OFF: u32 = 10; // out: offset of the decapsulated inner frame within the slot
export const M_INNER_LEN: u32 = 11; // out: its length
// in: service backend pod IPv6 (inner IPv6 only), four words M_BACKEND6 + 0..3, most significant first; all 0 = none
export const M_BACKEND6: u32 = 12;
export const META_FIELDS: u32 = 16;

// Counters (f64 each).
export const C_PACKETS: u32 = 0;
export const C_DELIVERED: u32 = 1;
export const C_LOCAL: u32 = 2;
export const C_CROSS_NODE: u32 = 3;
export const C_SERVICE: u32 = 4;
export const C_EGRESS: u32 = 5;
export const C_VNET: u32 = 6;
export const C_WIRE_FRAMES: u32 = 7;
export const C_WIRE_BYTES: u32 = 8;
export const C_PAYLOAD_BYTES: u32 = 9;
export const C_PAYLOAD_DELIVERED: u32 = 10;
export const C_FRAGMENTED_PACKETS: u32 = 11;
export const C_FRAGMENTS: u32 = 12;
export const C_INNER_BYTES: u32 = 13;
export const C_DROPS: u32 = 16; // + reason code

@inline export function align(v: u32, a: u32): u32 {
  return (v + a - 1) & ~(a - 1);
}

export function slotStrideFor(slotBytes: u32, headroom: u32): u32 {
  return align(headroom + slotBytes + GUARD_BYTES, 16);
}

export function slotsOffFor(slotCount: u32): u32 {
  return align(META_OFF + META_FIELDS * slotCount * 4, 64) + 64;
}

export function endFor(slotCount: u32, slotBytes: u32, headroom: u32): u32 {
  return slotsOffFor(slotCount) + slotCount * slotStrideFor(slotBytes, headroom);
}
