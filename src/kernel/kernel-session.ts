import type { KernelAbi } from './kernel-abi.ts';
import * as L from './layout.ts';

/**
 * One initialised kernel (WebAssembly or twin) with typed views on its memory. The views are taken once, after
 * init; the memory never grows afterwards, so they never go stale. Hosts write frames with `frameAt`/`u8` and
 * per-packet inputs with `setMeta`, call a batch function on `abi`, then read `meta` and `counter`.
 */
export class KernelSession {
  readonly kind: 'wasm' | 'twin';
  readonly abi: KernelAbi;
  readonly geometry: L.KernelGeometry;
  readonly u8: Uint8Array;
  readonly dv: DataView;
  readonly stride: number;
  readonly slotsOff: number;
  private readonly w: Uint32Array;
  private readonly f64: Float64Array;

  constructor(kind: 'wasm' | 'twin', abi: KernelAbi, buffer: ArrayBuffer, geometry: L.KernelGeometry) {
    this.kind = kind;
    this.abi = abi;
    this.geometry = geometry;
    const version = abi.layoutVersion();
    if (version !== L.LAYOUT_VERSION) {
      throw new Error(`kernel layout version ${version} does not match the host's ${L.LAYOUT_VERSION}: rebuild with npm run build:wasm`);
    }
    const r = abi.init(geometry.slotCount, geometry.slotBytes, geometry.headroom);
    if (r !== 0) throw new Error(`kernel init(${geometry.slotCount}, ${geometry.slotBytes}, ${geometry.headroom}) failed with code ${r}`);
    const expected: ReadonlyArray<readonly [string, number, number]> = [
      ['counters', abi.countersOffset(), L.COUNTERS_OFF],
      ['lengths', abi.lengthsOffset(), L.LENGTHS_OFF],
      ['routes', abi.routesOffset(), L.ROUTES_OFF],
      ['meta', abi.metaOffset(), L.META_OFF],
      ['slots', abi.slotsOffset(), L.slotsOffFor(geometry.slotCount)],
      ['stride', abi.slotStride(), L.slotStrideFor(geometry.slotBytes, geometry.headroom)],
    ];
    for (const [name, got, want] of expected) {
      if (got !== want) throw new Error(`kernel layout mismatch: ${name} at ${got}, host expects ${want}`);
    }
    this.u8 = new Uint8Array(buffer);
    this.dv = new DataView(buffer);
    this.w = new Uint32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.stride = L.slotStrideFor(geometry.slotBytes, geometry.headroom);
    this.slotsOff = L.slotsOffFor(geometry.slotCount);
  }

  /** Address of slot i's frame area (slot + headroom). */
  frameAddr(i: number): number {
    return this.slotsOff + i * this.stride + this.geometry.headroom;
  }

  slotAddr(i: number): number {
    return this.slotsOff + i * this.stride;
  }

  meta(field: number, i: number): number {
    return this.w[(L.META_OFF >>> 2) + field * this.geometry.slotCount + i] ?? 0;
  }

  setMeta(field: number, i: number, v: number): void {
    this.w[(L.META_OFF >>> 2) + field * this.geometry.slotCount + i] = v >>> 0;
  }

  /** The whole u32 array of one meta field (a view; valid for the session's life). */
  metaArray(field: number): Uint32Array {
    const n = this.geometry.slotCount;
    return this.w.subarray((L.META_OFF >>> 2) + field * n, (L.META_OFF >>> 2) + (field + 1) * n);
  }

  counter(k: number): number {
    return this.f64[(L.COUNTERS_OFF >>> 3) + k] ?? 0;
  }

  /** The underlay frame of packet i (a view into kernel memory: copy it if it must outlive the next batch). */
  wireFrame(i: number): Uint8Array {
    const off = this.slotAddr(i) + this.meta(L.M_WIRE_OFF, i);
    return this.u8.subarray(off, off + this.meta(L.M_WIRE_LEN, i));
  }

  innerFrame(i: number): Uint8Array {
    const off = this.slotAddr(i) + this.meta(L.M_INNER_OFF, i);
    return this.u8.subarray(off, off + this.meta(L.M_INNER_LEN, i));
  }

  /**
   * Address families, after configure (which resets them to IPv4): IPv6 underlay and/or inner packets (booleans), the node subnet's /64 prefix
   * as two words (a node's IPv6 address is that prefix, then its IPv4 address zero-extended), and zero-checksum
   * tunnels over IPv6 (RFC 6935). Without a call the kernel is IPv4 only.
   */
  configureFamilies(underlay6: boolean, inner6: boolean, nodePrefix0: number, nodePrefix1: number, zeroUdpChecksum: boolean): void {
    const r = this.abi.configureFamilies(underlay6 ? 1 : 0, inner6 ? 1 : 0, nodePrefix0 >>> 0, nodePrefix1 >>> 0, zeroUdpChecksum ? 1 : 0);
    if (r !== 0) {
      throw new Error(`kernel configureFamilies(underlay ${underlay6 ? 'ipv6' : 'ipv4'}, inner ${inner6 ? 'ipv6' : 'ipv4'}, zero UDP checksum ${zeroUdpChecksum}) failed with code ${r}`);
    }
  }

  configure(mode: number, vni: number, port: number, optionsBytes: number, vmMtu: number, outerTtl: number): void {
    const r = this.abi.configure(mode, vni, port, optionsBytes, vmMtu, outerTtl);
    if (r !== 0) throw new Error(`kernel configure(mode ${mode}, vni ${vni}, port ${port}, options ${optionsBytes}, mtu ${vmMtu}, ttl ${outerTtl}) failed with code ${r}`);
  }
}
