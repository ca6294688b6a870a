import { createTwinKernel, instantiateKernel, loadKernelModule } from '../../src/kernel/load-kernel.ts';
import type { KernelSession } from '../../src/kernel/kernel-session.ts';
import type { KernelGeometry } from '../../src/kernel/layout.ts';
import { M_LEN, M_SRC_NODE, M_WIRE_LEN, M_WIRE_OFF } from '../../src/kernel/layout.ts';

/** Both implementations of the kernel over the same geometry: [WebAssembly, TypeScript twin]. */
export async function bothKernels(g: KernelGeometry): Promise<[KernelSession, KernelSession]> {
  const wasm = await instantiateKernel(await loadKernelModule('release'), g);
  return [wasm, createTwinKernel(g)];
}

export function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function ipv4(text: string): number {
  return text.split('.').reduce((a, p) => (a * 256 + Number(p)) >>> 0, 0);
}

/** Fills every slot (headroom, frame area and guard band) and the guard before slot 0 with `byte`. */
export function fillSlots(k: KernelSession, byte: number): void {
  k.u8.fill(byte, k.slotsOff - 64, k.slotsOff + k.geometry.slotCount * k.stride);
}

/** Places an inner frame (what a pod sent) in slot i, with the node it leaves from. */
export function putInner(k: KernelSession, i: number, frame: Uint8Array, srcNode: number): void {
  k.u8.set(frame, k.frameAddr(i));
  k.setMeta(M_LEN, i, frame.length);
  k.setMeta(M_SRC_NODE, i, srcNode);
}

/** Places an underlay frame in slot i at the frame area, as a receiving node would get it. */
export function putWire(k: KernelSession, i: number, frame: Uint8Array): void {
  k.u8.set(frame, k.frameAddr(i));
  k.setMeta(M_WIRE_OFF, i, k.geometry.headroom);
  k.setMeta(M_WIRE_LEN, i, frame.length);
}

/** The kernel's working memory (counters, routes, meta arrays, slots): what two kernels must agree on. */
export function stateBytes(k: KernelSession): Uint8Array {
  return k.u8.subarray(65536, k.slotsOff + k.geometry.slotCount * k.stride);
}

/** Known frames, built independently (Python, from the RFC layouts) and checked with tcpdump. */
export const VECTORS = {
  // 10.244.0.4:40000 → 10.244.1.5:8080 UDP, DF, TTL 64, id 0x1234, 20 payload bytes 00..13, UDP checksum 0.
  inner: hex(
    '02000af40105 02000af40004 0800' +
      '4500 0030 1234 4000 4011 1199 0af40004 0af40105' +
      '9c40 1f90 001c 0000' +
      '000102030405060708090a0b0c0d0e0f10111213',
  ),
  // Node 10.224.0.4 → 10.224.0.5, VXLAN port 4789, VNI 0x123456, source port 56799 (flow hash), UDP checksum 0.
  vxlan: hex(
    '02000ae00005 02000ae00004 0800' +
      '4500 0062 0000 4000 4011 24c3 0ae00004 0ae00005' +
      'dddf 12b5 004e 0000' +
      '08000000 12345600',
  ),
  // The same over Geneve port 6081 with one 12-byte experimental option (class 0xff00, type 1, 8 data bytes).
  geneve: hex(
    '02000ae00005 02000ae00004 0800' +
      '4500 006e 0000 4000 4011 24b7 0ae00004 0ae00005' +
      'dddf 17c1 005a 0000' +
      '0300 6558 12345600' +
      'ff00 0102 0000000000000000',
  ),
};

export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
