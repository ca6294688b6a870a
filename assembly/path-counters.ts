import {
  C_DELIVERED, C_DROPS, C_FRAGMENTED_PACKETS, C_FRAGMENTS, C_INNER_BYTES, C_PAYLOAD_BYTES, C_PAYLOAD_DELIVERED,
  C_WIRE_BYTES, C_WIRE_FRAMES, M_FRAGS, M_REASON, M_WIRE_BYTES,
} from './layout';
import { count, metaGet, metaSet } from './meta';
import { R_OK } from './reason';

// The counters both full paths (path.ts, path6.ts) update once a packet has been encapsulated or has failed: kept
// in one place so the two paths count alike. @inline: the paths compile as if written out.

/** Counts what packet i put on the wire after a successful encapsulation (frames, bytes, fragments). */
@inline export function countOnWire(i: u32, payload: f64, innerIpLen: f64): void {
  const frags = metaGet(M_FRAGS, i);
  count(C_WIRE_FRAMES, <f64>frags);
  count(C_WIRE_BYTES, <f64>metaGet(M_WIRE_BYTES, i));
  count(C_PAYLOAD_BYTES, payload);
  count(C_INNER_BYTES, innerIpLen);
  if (frags > 1) {
    count(C_FRAGMENTED_PACKETS, 1);
    count(C_FRAGMENTS, <f64>frags);
  }
}

/** Records packet i's result `r` and counts it as dropped (by reason) or delivered. */
@inline export function settle(i: u32, r: u32, payload: f64): void {
  metaSet(M_REASON, i, r);
  if (r != R_OK) {
    count(C_DROPS + r, 1);
    return;
  }
  count(C_DELIVERED, 1);
  count(C_PAYLOAD_DELIVERED, payload);
}
