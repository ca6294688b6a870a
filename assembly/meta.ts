import { COUNTERS_OFF, META_OFF } from './layout';
import { slotCount } from './state';

// Per-packet metadata (struct of arrays of u32, host byte order: little-endian, as wasm memory is) and counters.

@inline export function metaGet(field: u32, i: u32): u32 {
  return load<u32>(META_OFF + (field * slotCount + i) * 4);
}

@inline export function metaSet(field: u32, i: u32, v: u32): void {
  store<u32>(META_OFF + (field * slotCount + i) * 4, v);
}

@inline export function count(counter: u32, v: f64): void {
  const p = COUNTERS_OFF + counter * 8;
  store<f64>(p, load<f64>(p) + v);
}
