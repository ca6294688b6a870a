import { BASE, endFor, MAX_SLOTS, META_FIELDS, META_OFF, slotsOffFor, slotStrideFor } from './layout';
import { MODE_GENEVE, MODE_NONE, MODE_VXLAN } from './reason';
import { ETH_HEADER_LEN } from './ethernet';
import { IP_HEADER_LEN } from './ipv4';
import { UDP_HEADER_LEN } from './udp';
import { VXLAN_HEADER_LEN } from './vxlan';
import { GENEVE_HEADER_LEN, GENEVE_MAX_OPTIONS_BYTES } from './geneve';

// The instance's geometry (fixed by init) and tunnel configuration (set by configure). A module instance is one
// simulation's kernel, so these globals are per simulation, never shared.

export let slotCount: u32 = 0;
export let slotBytes: u32 = 0;
export let headroom: u32 = 0;
export let stride: u32 = 0;
export let slotsOff: u32 = 0;

export let mode: u32 = MODE_NONE;
export let vni: u32 = 0;
export let tunnelPort: u32 = 0;
export let optionsBytes: u32 = 0;
export let vmMtu: u32 = 1500;
export let outerTtl: u32 = 64;
/** Bytes the tunnel adds in front of the inner Ethernet frame: outer Ethernet + IPv4 + UDP + tunnel header. */
export let outerLen: u32 = 0;

export const E_ALREADY: i32 = -1;
export const E_ARGUMENT: i32 = -2;
export const E_MEMORY: i32 = -3;
export const E_STATIC_DATA: i32 = -4;
export const E_HEADROOM: i32 = -5;

export function setGeometry(count: u32, bytes: u32, room: u32): i32 {
  if (slotCount != 0) return E_ALREADY;
  if (count == 0 || count > MAX_SLOTS || bytes < 64 || bytes > 65535 || room > 1024 || (room & 3) != 0) return E_ARGUMENT;
  if (__heap_base > <usize>BASE) return E_STATIC_DATA;
  // 4 GiB is wasm32's whole address space; refuse before the u32 layout arithmetic could wrap.
  const end: u64 = <u64>META_OFF + <u64>count * (<u64>META_FIELDS * 4 + <u64>slotStrideFor(bytes, room)) + 256;
  if (end >= <u64>0xffff0000) return E_MEMORY;
  const need = endFor(count, bytes, room);
  // The host sizes the imported memory from its copy of the layout before instantiating, so memory never grows
  // and no ArrayBuffer in the process is ever detached (a detach slows V8's typed-array code process-wide).
  const pages = <i32>((need + 0xffff) >>> 16);
  if (pages > memory.size()) return E_MEMORY;
  slotCount = count;
  slotBytes = bytes;
  headroom = room;
  stride = slotStrideFor(bytes, room);
  slotsOff = slotsOffFor(count);
  return 0;
}

export function setConfig(m: u32, v: u32, port: u32, opts: u32, mtu: u32, ttl: u32): i32 {
  if (m > MODE_GENEVE || v > 0xffffff || port == 0 || port > 65535) return E_ARGUMENT;
  if ((opts & 3) != 0 || opts > GENEVE_MAX_OPTIONS_BYTES) return E_ARGUMENT;
  if (mtu < 576 || mtu > 65535 || ttl == 0 || ttl > 255) return E_ARGUMENT;
  const tunnelHeader = m == MODE_VXLAN ? VXLAN_HEADER_LEN : GENEVE_HEADER_LEN + opts;
  const outer: u32 = m == MODE_NONE ? 0 : ETH_HEADER_LEN + IP_HEADER_LEN + UDP_HEADER_LEN + tunnelHeader;
  if (outer > headroom) return E_HEADROOM;
  mode = m;
  vni = v;
  tunnelPort = port;
  optionsBytes = m == MODE_GENEVE ? opts : 0;
  vmMtu = mtu;
  outerTtl = ttl;
  outerLen = outer;
  return 0;
}
