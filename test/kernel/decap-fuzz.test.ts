import { describe, expect, it } from 'vitest';
import { instantiateKernel, loadKernelModule } from '../../src/kernel/load-kernel.ts';
import { createTwinKernel } from '../../src/kernel/load-kernel.ts';
import { M_LEN, M_REASON, M_SRC_NODE, M_WIRE_LEN, M_WIRE_OFF } from '../../src/kernel/layout.ts';
import type { KernelSession } from '../../src/kernel/kernel-session.ts';
import * as R from '../../src/kernel/reason.ts';
import { concat, fillSlots, VECTORS } from './kernel-fixture.ts';
import { buildFrame } from './packet-arbitraries.ts';
import { Xorshift } from './xorshift.ts';

const G = { slotCount: 4096, slotBytes: 256, headroom: 64 };
const TOTAL_FRAMES = 1_000_000;
const TWIN_CHECKED_FRAMES = 65_536;
const CANARY = 0xca;

/** Mutation categories; targeted ones must produce their own reason code. */
const enum Kind {
  Valid, Random, Mutated, Truncated, BadIhl, BadVersion, WrongPort, NoIFlag, WrongVni, LengthTooBig, WindowOutside,
}
const KIND_COUNT = 11;
const EXPECTED: Partial<Record<Kind, number>> = {
  [Kind.Valid]: R.R_OK,
  [Kind.BadIhl]: R.R_BAD_IHL,
  [Kind.BadVersion]: R.R_BAD_VERSION,
  [Kind.WrongPort]: R.R_WRONG_PORT,
  [Kind.NoIFlag]: R.R_VXLAN_NO_I_FLAG,
  [Kind.WrongVni]: R.R_WRONG_VNI,
  [Kind.LengthTooBig]: R.R_BAD_TOTAL_LENGTH,
  [Kind.WindowOutside]: R.R_BAD_SLOT_LENGTH,
};

/** Writes one fuzz frame into slot i of `k` and returns its kind. */
function writeCase(k: KernelSession, i: number, rng: Xorshift, bases: readonly Uint8Array[], isVxlan: boolean): Kind {
  const kind = rng.below(KIND_COUNT) as Kind;
  const at = k.frameAddr(i);
  const u8 = k.u8;
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
      case Kind.BadIhl:
        u8[at + 14] = 0x40 | rng.below(5);
        break;
      case Kind.BadVersion:
        u8[at + 14] = ((rng.below(15) + (rng.below(15) >= 4 ? 1 : 0)) << 4) | 5;
        if (((u8[at + 14] ?? 0) >>> 4) === 4) u8[at + 14] = 0x65;
        break;
      case Kind.WrongPort:
        u8[at + 37] = (u8[at + 37] ?? 0) ^ (1 + rng.below(255));
        break;
      case Kind.NoIFlag:
        if (isVxlan) u8[at + 42] = (u8[at + 42] ?? 0) & ~0x08;
        break;
      case Kind.WrongVni:
        u8[at + 46] = (u8[at + 46] ?? 0) ^ (1 + rng.below(255));
        break;
      case Kind.LengthTooBig:
        // Total length larger than the bytes present (the checksum is not reached first).
        u8[at + 16] = 0x10 + rng.below(0xef);
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

/** Valid underlay frames of random pod packets, made by the kernel itself (encap). */
async function validFrames(mode: number, port: number, opts: number): Promise<Uint8Array[]> {
  const k = createTwinKernel({ slotCount: 64, slotBytes: 256, headroom: 64 });
  k.configure(mode, 0x123456, port, opts, 1500, 64);
  k.abi.routeAdd(0, 0, R.V_NODE, 0x0ae00005);
  const rng = new Xorshift(99);
  for (let i = 0; i < 64; i++) {
    const f = buildFrame({
      src: 0x0af40000 + rng.below(65536), dst: 0x0af40000 + rng.below(65536), proto: i % 2 === 0 ? 6 : 17,
      srcPort: rng.below(65536), dstPort: rng.below(65536), ipLen: 48 + rng.below(120), df: true, ident: i,
    });
    k.u8.set(f, k.frameAddr(i));
    k.setMeta(M_LEN, i, f.length);
    k.setMeta(M_SRC_NODE, i, 0x0ae00004);
  }
  k.abi.lookupBatch(64);
  k.abi.encapBatch(64);
  return Array.from({ length: 64 }, (_x, i) => k.wireFrame(i).slice());
}

describe('decapsulation fuzzing: 1,000,000 random and mutated frames', () => {
  it('never traps, never writes outside meta, gives every frame a reason; targeted faults get their own code', async () => {
    const wasm = await instantiateKernel(await loadKernelModule('release'), G);
    const twin = createTwinKernel(G);
    const modes = [
      { mode: R.MODE_VXLAN, port: 4789, opts: 0, bases: await validFrames(R.MODE_VXLAN, 4789, 0) },
      { mode: R.MODE_GENEVE, port: 6081, opts: 12, bases: await validFrames(R.MODE_GENEVE, 6081, 12) },
    ];
    // The known vectors are part of the corpus too.
    modes[0]?.bases.push(concat(VECTORS.vxlan, VECTORS.inner));
    modes[1]?.bases.push(concat(VECTORS.geneve, VECTORS.inner));
    const rng = new Xorshift(20261125);
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
      const m = modes[batchNo % 2] as (typeof modes)[number];
      const isVxlan = m.mode === R.MODE_VXLAN;
      wasm.configure(m.mode, 0x123456, m.port, m.opts, 1500, 64);
      const n = Math.min(G.slotCount, TOTAL_FRAMES - done);
      for (let i = 0; i < n; i++) {
        kinds[i] = writeCase(wasm, i, rng, m.bases, isVxlan);
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
        const want = EXPECTED[kinds[i] as Kind];
        const skip = !isVxlan && kinds[i] === Kind.NoIFlag;
        if (want !== undefined && !skip && r !== want) mismatched.push(`kind ${kinds[i]} → ${r}`);
      }
      if (done < TWIN_CHECKED_FRAMES) {
        twin.configure(m.mode, 0x123456, m.port, m.opts, 1500, 64);
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
    // The corpus reaches every decapsulation outcome, not just the first checks.
    for (const r of [R.R_OK, R.R_TRUNCATED, R.R_BAD_ETHERTYPE, R.R_BAD_VERSION, R.R_BAD_IHL, R.R_BAD_TOTAL_LENGTH,
      R.R_BAD_CHECKSUM, R.R_BAD_UDP_LENGTH, R.R_WRONG_PORT, R.R_VXLAN_NO_I_FLAG, R.R_WRONG_VNI, R.R_GENEVE_BAD_VERSION,
      R.R_GENEVE_BAD_PROTOCOL, R.R_GENEVE_BAD_OPT_LEN, R.R_BAD_SLOT_LENGTH, R.R_BAD_INNER]) {
      expect(reasonsSeen.get(r) ?? 0, R.REASON_NAMES[r]).toBeGreaterThan(0);
    }
  }, 120_000);
});

describe('encapsulation and the full path stay inside their slots', () => {
  it('200,000 random and mutated inner frames through pathBatch leave every guard band intact', async () => {
    const wasm = await instantiateKernel(await loadKernelModule('release'), G);
    const rng = new Xorshift(7);
    fillSlots(wasm, CANARY);
    const guardFrom = G.headroom + G.slotBytes;
    const bases = Array.from({ length: 32 }, (_x, i) =>
      buildFrame({
        src: 0x0af40000 + rng.below(65536), dst: 0x0af40000 + rng.below(4096), proto: i % 2 === 0 ? 6 : 17,
        srcPort: rng.below(65536), dstPort: rng.below(65536), ipLen: 48 + rng.below(G.slotBytes - 14 - 48), df: i % 3 === 0, ident: i,
      }),
    );
    let broken = 0;
    let onWire = 0;
    for (let batch = 0; batch < Math.ceil(200_000 / G.slotCount); batch++) {
      const mode = batch % 3;
      wasm.configure(mode, 1, mode === R.MODE_GENEVE ? 6081 : 4789, 0, 576 + rng.below(1000), 64);
      wasm.abi.routeClear();
      wasm.abi.routeAdd(0x0af40000, 20, R.V_NODE, 0x0ae00005);
      wasm.abi.routeAdd(0x0af40800, 21, R.V_EGRESS, 0);
      wasm.abi.routeAdd(0x0af40000, 16, R.V_SERVICE, 0);
      for (let i = 0; i < G.slotCount; i++) {
        const f = bases[rng.below(bases.length)] as Uint8Array;
        wasm.u8.set(f, wasm.frameAddr(i));
        for (let m = rng.below(3); m > 0; m--) wasm.u8[wasm.frameAddr(i) + rng.below(f.length)] = rng.next() & 0xff;
        // Declared lengths include lies: shorter than the frame, longer than the slot.
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
