import { describe, expect, it } from 'vitest';
import { createTwinKernel, instantiateKernel, loadKernelModule } from '../../src/kernel/load-kernel.ts';
import { M_LEN, M_REASON, M_SRC_NODE, M_WIRE_LEN, M_WIRE_OFF } from '../../src/kernel/layout.ts';
import type { KernelSession } from '../../src/kernel/kernel-session.ts';
import * as R from '../../src/kernel/reason.ts';
import { concat, fillSlots } from './kernel-fixture.ts';
import { NODE_PREFIX, VECTORS6 } from './kernel-fixture6.ts';
import { buildFrame } from './packet-arbitraries.ts';
import { buildFrame6 } from './packet-arbitraries6.ts';
import { Xorshift } from './xorshift.ts';

const G = { slotCount: 4096, slotBytes: 256, headroom: 96 };
const TOTAL_FRAMES = 1_000_000;
const TWIN_CHECKED_FRAMES = 65_536;
const CANARY = 0xca;

// Offsets in an IPv6-underlay frame: Ethernet 0, IPv6 14 (payload length 18, next header 20, hop limit 21),
// UDP 54 (destination port 56, checksum 60), tunnel header 62 (VXLAN flags 62; VNI 66..68 in both tunnels).
const enum Kind {
  Valid, Random, Mutated, Truncated, BadVersion, PayloadTooLong, NotUdp, HopLimitZero, WrongPort, NoIFlag, WrongVni,
  PayloadByte, ZeroChecksum, WindowOutside,
}
const KIND_COUNT = 14;

/** What each targeted fault must produce, with and without zero-checksum tunnels (undefined: any reason). */
function expected(kind: Kind, zeroCsum: boolean, isVxlan: boolean): number | undefined {
  switch (kind) {
    case Kind.Valid: return R.R_OK;
    case Kind.BadVersion: return R.R_BAD_VERSION;
    case Kind.PayloadTooLong: return R.R_BAD_TOTAL_LENGTH;
    case Kind.NotUdp: return R.R_NOT_UDP;
    case Kind.HopLimitZero: return R.R_TTL_EXPIRED;
    case Kind.WindowOutside: return R.R_BAD_SLOT_LENGTH;
    // With the checksum on, any change to the datagram is caught by it first.
    case Kind.WrongPort: return zeroCsum ? R.R_WRONG_PORT : R.R_BAD_CHECKSUM;
    // Only VXLAN has the I flag: in a Geneve header the same bit may already be clear (no change).
    case Kind.NoIFlag: return isVxlan ? (zeroCsum ? R.R_VXLAN_NO_I_FLAG : R.R_BAD_CHECKSUM) : undefined;
    case Kind.WrongVni: return zeroCsum ? R.R_WRONG_VNI : R.R_BAD_CHECKSUM;
    case Kind.PayloadByte: return zeroCsum ? undefined : R.R_BAD_CHECKSUM;
    case Kind.ZeroChecksum: return zeroCsum ? undefined : R.R_ZERO_UDP_CHECKSUM;
    default: return undefined;
  }
}

function writeCase(k: KernelSession, i: number, rng: Xorshift, bases: readonly Uint8Array[]): Kind {
  const kind = rng.below(KIND_COUNT) as Kind;
  const at = k.frameAddr(i);
  const u8 = k.u8;
  const flip = (o: number) => {
    u8[at + o] = (u8[at + o] ?? 0) ^ (1 + rng.below(255));
  };
  let len: number;
  if (kind === Kind.Random) {
    len = rng.below(G.slotBytes + 1);
    for (let b = 0; b < len; b++) u8[at + b] = rng.next() & 0xff;
  } else {
    const base = bases[rng.below(bases.length)] as Uint8Array;
    u8.set(base, at);
    len = base.length;
    switch (kind) {
      case Kind.Mutated:
        for (let m = 1 + rng.below(4); m > 0; m--) u8[at + rng.below(len)] = rng.next() & 0xff;
        break;
      case Kind.Truncated:
        len = rng.below(len);
        break;
      case Kind.BadVersion:
        u8[at + 14] = (((6 + 1 + rng.below(15)) % 16) << 4) | ((u8[at + 14] ?? 0) & 0xf);
        break;
      case Kind.PayloadTooLong:
        u8[at + 18] = 0x10 + rng.below(0xef); // ≥ 4096 bytes, more than the frame holds
        break;
      case Kind.NotUdp:
        u8[at + 20] = [0, 6, 43, 44, 58, 60][rng.below(6)] ?? 44; // TCP or an extension header (RFC 8200 §4)
        break;
      case Kind.HopLimitZero:
        u8[at + 21] = 0;
        break;
      case Kind.WrongPort:
        flip(57);
        break;
      case Kind.NoIFlag:
        u8[at + 62] = (u8[at + 62] ?? 0) & ~0x08;
        break;
      case Kind.WrongVni:
        flip(66 + rng.below(3));
        break;
      case Kind.PayloadByte:
        flip(62 + rng.below(len - 62));
        break;
      case Kind.ZeroChecksum:
        u8[at + 60] = 0;
        u8[at + 61] = 0;
        break;
      default:
        break;
    }
  }
  if (kind === Kind.WindowOutside) {
    k.setMeta(M_WIRE_OFF, i, G.headroom + rng.below(1 << 20));
    k.setMeta(M_WIRE_LEN, i, G.slotBytes + 1 + rng.below(0x7fffffff));
  } else {
    k.setMeta(M_WIRE_OFF, i, G.headroom);
    k.setMeta(M_WIRE_LEN, i, len);
  }
  return kind;
}

interface Config {
  readonly mode: number;
  readonly port: number;
  readonly opts: number;
  readonly inner6: boolean;
  readonly zero: boolean;
}

function configure(k: KernelSession, c: Config): void {
  k.configure(c.mode, 0x123456, c.port, c.opts, 1500, 64);
  k.configureFamilies(true, c.inner6, NODE_PREFIX[0], NODE_PREFIX[1], c.zero);
}

/** Valid IPv6-underlay frames of random pod packets, made by the kernel itself (encap). */
function validFrames(c: Config): Uint8Array[] {
  const k = createTwinKernel({ slotCount: 64, slotBytes: 256, headroom: 96 });
  configure(k, c);
  k.abi.routeAdd(0, 0, R.V_NODE, 0x0ae00005);
  k.abi.route6Add(0, 0, 0, 0, 0, R.V_NODE, 0x0ae00005);
  const rng = new Xorshift(99);
  for (let i = 0; i < 64; i++) {
    const proto = i % 2 === 0 ? 6 : 17;
    const f = c.inner6
      ? buildFrame6({
          src: [0xfd123456, 0x789a0000, rng.below(16) << 16, rng.below(256)], dst: [0xfd123456, 0x789a0000, rng.below(16) << 16, rng.below(256)],
          proto, srcPort: rng.below(65536), dstPort: rng.below(65536), ipLen: 60 + rng.below(100), flowLabel: rng.below(1 << 20),
        })
      : buildFrame({
          src: 0x0af40000 + rng.below(65536), dst: 0x0af40000 + rng.below(65536), proto,
          srcPort: rng.below(65536), dstPort: rng.below(65536), ipLen: 48 + rng.below(100), df: true, ident: i,
        });
    k.u8.set(f, k.frameAddr(i));
    k.setMeta(M_LEN, i, f.length);
    k.setMeta(M_SRC_NODE, i, 0x0ae00004);
  }
  k.abi.lookupBatch(64);
  k.abi.encapBatch(64);
  return Array.from({ length: 64 }, (_x, i) => k.wireFrame(i).slice());
}

describe('IPv6 decapsulation fuzzing: 1,000,000 random and mutated frames', () => {
  it('never traps, never writes outside meta, gives every frame a reason; targeted faults get their own code', async () => {
    const wasm = await instantiateKernel(await loadKernelModule('release'), G);
    const twin = createTwinKernel(G);
    const configs: Config[] = [
      { mode: R.MODE_VXLAN, port: 4789, opts: 0, inner6: true, zero: false },
      { mode: R.MODE_GENEVE, port: 6081, opts: 12, inner6: true, zero: false },
      { mode: R.MODE_VXLAN, port: 4789, opts: 0, inner6: true, zero: true },
      { mode: R.MODE_GENEVE, port: 6081, opts: 8, inner6: false, zero: true },
    ];
    const bases = configs.map(validFrames);
    // The known vectors are part of the corpus too.
    bases[0]?.push(concat(VECTORS6.vxlan, VECTORS6.inner));
    bases[1]?.push(concat(VECTORS6.geneve, VECTORS6.inner));
    bases[2]?.push(concat(VECTORS6.vxlanZero, VECTORS6.inner));
    const rng = new Xorshift(20261202);
    const kinds = new Uint8Array(G.slotCount);
    const reasonsSeen = new Map<number, number>();
    const mismatched: string[] = [];
    let unreasoned = 0;
    const regionStart = wasm.slotsOff - 64;
    const regionEnd = wasm.slotsOff + G.slotCount * wasm.stride;
    fillSlots(wasm, CANARY);
    let done = 0;
    let batchNo = 0;
    while (done < TOTAL_FRAMES) {
      const c = configs[batchNo % configs.length] as Config;
      configure(wasm, c);
      const n = Math.min(G.slotCount, TOTAL_FRAMES - done);
      for (let i = 0; i < n; i++) {
        kinds[i] = writeCase(wasm, i, rng, bases[batchNo % configs.length] ?? []);
        wasm.setMeta(M_REASON, i, 0xffffffff);
      }
      const before = wasm.u8.slice(regionStart, regionEnd);
      wasm.abi.decapBatch(n);
      // Decapsulation only reads frames: the slots, their guard bands and the canary before slot 0 are unchanged.
      expect(Buffer.from(wasm.u8.subarray(regionStart, regionEnd)).equals(Buffer.from(before))).toBe(true);
      for (let i = 0; i < n; i++) {
        const r = wasm.meta(M_REASON, i);
        if (r >= R.REASON_COUNT) unreasoned++;
        reasonsSeen.set(r, (reasonsSeen.get(r) ?? 0) + 1);
        const want = expected(kinds[i] as Kind, c.zero, c.mode === R.MODE_VXLAN);
        if (want !== undefined && r !== want) mismatched.push(`config ${batchNo % configs.length} kind ${kinds[i]} → ${R.REASON_NAMES[r]}`);
      }
      if (done < TWIN_CHECKED_FRAMES) {
        configure(twin, c);
        twin.u8.set(before, regionStart);
        for (const f of [M_WIRE_OFF, M_WIRE_LEN]) twin.metaArray(f).set(wasm.metaArray(f));
        twin.abi.decapBatch(n);
        expect(Array.from(twin.metaArray(M_REASON).subarray(0, n))).toEqual(Array.from(wasm.metaArray(M_REASON).subarray(0, n)));
      }
      done += n;
      batchNo++;
    }
    expect(done).toBe(TOTAL_FRAMES);
    expect(unreasoned).toBe(0);
    expect(mismatched.slice(0, 5)).toEqual([]);
    for (const r of [R.R_OK, R.R_TRUNCATED, R.R_BAD_ETHERTYPE, R.R_BAD_VERSION, R.R_BAD_TOTAL_LENGTH, R.R_BAD_CHECKSUM,
      R.R_ZERO_UDP_CHECKSUM, R.R_NOT_UDP, R.R_TTL_EXPIRED, R.R_BAD_UDP_LENGTH, R.R_WRONG_PORT, R.R_VXLAN_NO_I_FLAG,
      R.R_WRONG_VNI, R.R_GENEVE_BAD_VERSION, R.R_GENEVE_BAD_PROTOCOL, R.R_GENEVE_BAD_OPT_LEN, R.R_BAD_SLOT_LENGTH,
      R.R_BAD_INNER]) {
      expect(reasonsSeen.get(r) ?? 0, R.REASON_NAMES[r]).toBeGreaterThan(0);
    }
  }, 180_000);
});

describe('IPv6 encapsulation and the full path stay inside their slots', () => {
  it('200,000 random and mutated inner frames through pathBatch leave every guard band intact', async () => {
    const wasm = await instantiateKernel(await loadKernelModule('release'), G);
    const rng = new Xorshift(8);
    fillSlots(wasm, CANARY);
    const guardFrom = G.headroom + G.slotBytes;
    const bases6 = Array.from({ length: 32 }, (_x, i) =>
      buildFrame6({
        src: [0xfd123456, 0x789a0000, rng.below(16) << 16, rng.below(256)], dst: [0xfd123456, 0x789a0000, rng.below(16) << 16, rng.below(256)],
        proto: i % 2 === 0 ? 6 : 17, srcPort: rng.below(65536), dstPort: rng.below(65536), ipLen: 60 + rng.below(G.slotBytes - 14 - 60), flowLabel: i,
      }),
    );
    const bases4 = Array.from({ length: 32 }, (_x, i) =>
      buildFrame({
        src: 0x0af40000 + rng.below(65536), dst: 0x0af40000 + rng.below(4096), proto: i % 2 === 0 ? 6 : 17,
        srcPort: rng.below(65536), dstPort: rng.below(65536), ipLen: 48 + rng.below(G.slotBytes - 14 - 48), df: i % 3 === 0, ident: i,
      }),
    );
    let broken = 0;
    let onWire = 0;
    for (let batch = 0; batch < Math.ceil(200_000 / G.slotCount); batch++) {
      const mode = 1 + (batch % 2);
      const [u6, i6] = [[true, true], [false, true], [true, false]][batch % 3] as [boolean, boolean];
      wasm.configure(mode, 1, mode === R.MODE_GENEVE ? 6081 : 4789, 0, 1280 + rng.below(300), 64);
      wasm.configureFamilies(u6, i6, NODE_PREFIX[0], NODE_PREFIX[1], batch % 4 === 0);
      wasm.abi.routeClear();
      wasm.abi.routeAdd(0x0af40000, 20, R.V_NODE, 0x0ae00005);
      wasm.abi.routeAdd(0x0af40800, 21, R.V_EGRESS, 0);
      wasm.abi.route6Add(0xfd123456, 0x789a0000, 0, 0, 64, R.V_NODE, 0x0ae00005);
      wasm.abi.route6Add(0xfd123456, 0x789a0000, 0x00080000, 0, 80, R.V_EGRESS, 0);
      wasm.abi.route6Add(0xfd123456, 0x789a0000, 0x00090000, 0, 80, R.V_SERVICE, 0);
      const bases = i6 ? bases6 : bases4;
      for (let i = 0; i < G.slotCount; i++) {
        const f = bases[rng.below(bases.length)] as Uint8Array;
        wasm.u8.set(f, wasm.frameAddr(i));
        for (let m = rng.below(3); m > 0; m--) wasm.u8[wasm.frameAddr(i) + rng.below(f.length)] = rng.next() & 0xff;
        const lie = rng.below(8);
        wasm.setMeta(M_LEN, i, lie === 0 ? rng.below(1 << 20) : lie === 1 ? rng.below(f.length) : f.length);
        wasm.setMeta(M_SRC_NODE, i, 0x0ae00004);
      }
      wasm.abi.pathBatch(G.slotCount);
      for (let i = 0; i < G.slotCount; i++) {
        const s = wasm.slotAddr(i);
        for (let b = s + guardFrom; b < s + wasm.stride; b++) if (wasm.u8[b] !== CANARY) broken++;
        if (wasm.meta(M_WIRE_LEN, i) > 0) onWire++;
      }
      for (let b = wasm.slotsOff - 64; b < wasm.slotsOff; b++) if (wasm.u8[b] !== CANARY) broken++;
    }
    expect(broken).toBe(0);
    expect(onWire).toBeGreaterThan(10_000);
  }, 120_000);
});
