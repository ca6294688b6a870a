import * as L from '../layout.ts';
import * as R from '../reason.ts';
import type { TwinKernel } from './twin-kernel.ts';

// The counters both of the twin's full paths update once a packet has been encapsulated or has failed, mirroring
// assembly/path-counters.ts.

/** Counts what packet i put on the wire after a successful encapsulation (frames, bytes, fragments). */
export function countOnWire(k: TwinKernel, i: number, payload: number, innerIpLen: number): void {
  const frags = k.get(L.M_FRAGS, i);
  k.count(L.C_WIRE_FRAMES, frags);
  k.count(L.C_WIRE_BYTES, k.get(L.M_WIRE_BYTES, i));
  k.count(L.C_PAYLOAD_BYTES, payload);
  k.count(L.C_INNER_BYTES, innerIpLen);
  if (frags > 1) {
    k.count(L.C_FRAGMENTED_PACKETS, 1);
    k.count(L.C_FRAGMENTS, frags);
  }
}

/** Records packet i's result `r` and counts it as dropped (by reason) or delivered. */
export function settle(k: TwinKernel, i: number, r: number, payload: number): void {
  k.set(L.M_REASON, i, r);
  if (r !== R.R_OK) {
    k.count(L.C_DROPS + r, 1);
    return;
  }
  k.count(L.C_DELIVERED, 1);
  k.count(L.C_PAYLOAD_DELIVERED, payload);
}
