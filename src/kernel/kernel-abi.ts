/**
 * The kernel's numeric ABI, implemented by the WebAssembly module (assembly/index.ts) and by its TypeScript twin
 * (twin/twin-kernel.ts). Both work on the same memory map (layout.ts) in their own buffer.
 */
export interface KernelAbi {
  layoutVersion(): number;
  init(slotCount: number, slotBytes: number, headroom: number): number;
  configure(mode: number, vni: number, port: number, optionsBytes: number, vmMtu: number, outerTtl: number): number;
  /** After configure, which resets the families to IPv4. */
  configureFamilies(underlay6: number, inner6: number, nodePrefix0: number, nodePrefix1: number, zeroUdpChecksum: number): number;
  countersOffset(): number;
  lengthsOffset(): number;
  routesOffset(): number;
  metaOffset(): number;
  slotsOffset(): number;
  slotStride(): number;
  slots(): number;
  countersClear(): void;
  routeClear(): void;
  routeAdd(prefix: number, len: number, verdict: number, nextHop: number): number;
  routeLookup(dst: number): number;
  route6Add(p0: number, p1: number, p2: number, p3: number, len: number, verdict: number, nextHop: number): number;
  route6Lookup(a0: number, a1: number, a2: number, a3: number): number;
  lookupBatch(n: number): void;
  encapBatch(n: number): void;
  decapBatch(n: number): void;
  pathBatch(n: number): void;
}
