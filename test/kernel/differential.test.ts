import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { C_DROPS, C_FRAGMENTS, C_LOCAL, C_WIRE_FRAMES, M_BACKEND, M_LEN, M_SRC_NODE, M_WIRE_LEN, M_WIRE_OFF } from '../../src/kernel/layout.ts';
import * as R from '../../src/kernel/reason.ts';
import type { KernelSession } from '../../src/kernel/kernel-session.ts';
import { bothKernels, stateBytes } from './kernel-fixture.ts';
import { buildFrame, configArb, packetArb, routeArb } from './packet-arbitraries.ts';

const G = { slotCount: 16, slotBytes: 1600, headroom: 320 };

/** A slot's input: a valid pod packet, the same with bytes overwritten, or noise; and a declared length. */
const slotInputArb = fc.record({
  kind: fc.constantFrom('valid', 'mutated', 'noise'),
  packet: packetArb(1500),
  mutations: fc.array(fc.record({ at: fc.integer({ min: 0, max: 80 }), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 }),
  noise: fc.uint8Array({ minLength: 0, maxLength: 200 }),
  lenDelta: fc.oneof(fc.constant(0), fc.integer({ min: -30, max: 30 }), fc.constant(100_000)),
  srcNode: fc.integer({ min: 0x0ae00000, max: 0x0ae0000f }),
  backend: fc.oneof(fc.constant(0), fc.integer({ min: 0x0af40000, max: 0x0af400ff })),
});
type SlotInput = typeof slotInputArb extends fc.Arbitrary<infer T> ? T : never;

function frameOf(s: SlotInput): Uint8Array {
  if (s.kind === 'noise') return s.noise;
  const f = buildFrame(s.packet);
  if (s.kind === 'mutated') for (const m of s.mutations) if (m.at < f.length) f[m.at] = m.value;
  return f;
}

function load(k: KernelSession, inputs: readonly SlotInput[]): void {
  inputs.forEach((s, i) => {
    const f = frameOf(s);
    k.u8.set(f, k.frameAddr(i));
    k.setMeta(M_LEN, i, Math.max(0, f.length + s.lenDelta));
    k.setMeta(M_SRC_NODE, i, s.srcNode);
    k.setMeta(M_BACKEND, i, s.backend);
  });
}

function same(a: KernelSession, b: KernelSession): boolean {
  return Buffer.from(stateBytes(a)).equals(Buffer.from(stateBytes(b)));
}

describe('WASM kernel and TypeScript twin are byte-identical', () => {
  it('full path over random route tables, configurations and packets (memory, meta, counters)', async () => {
    // What the generated cases exercised, so the property cannot pass by testing only trivial drops.
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        configArb,
        fc.array(routeArb, { maxLength: 40 }),
        fc.array(slotInputArb, { minLength: 1, maxLength: G.slotCount }),
        async (cfg, routes, inputs) => {
          const [w, t] = await bothKernels(G);
          for (const k of [w, t]) {
            k.configure(cfg.mode, cfg.vni, cfg.port, cfg.opts, cfg.mtu, 64);
            for (const r of routes) k.abi.routeAdd(r.prefix, r.len, r.verdict, r.nextHop);
            load(k, inputs);
            k.abi.pathBatch(inputs.length);
          }
          expect(same(w, t)).toBe(true);
          for (const r of [R.R_NO_ROUTE, R.R_BAD_INNER, R.R_FRAG_NEEDED, R.R_NO_BACKEND, R.R_BAD_SLOT_LENGTH]) {
            if (w.counter(C_DROPS + r) > 0) seen.add(R.REASON_NAMES[r] ?? '');
          }
          if (w.counter(C_FRAGMENTS) > 0) seen.add('fragmented');
          if (w.counter(C_LOCAL) > 0) seen.add('local');
          if (w.counter(C_WIRE_FRAMES) > 0) seen.add(`wire-mode-${cfg.mode}`);
        },
      ),
      { numRuns: 150, seed: 11 },
    );
    expect([...seen].sort()).toEqual(
      ['bad_inner', 'bad_slot_length', 'frag_needed', 'fragmented', 'local', 'no_backend', 'no_route', 'wire-mode-0', 'wire-mode-1', 'wire-mode-2'],
    );
  });

  it('separate lookup, encap and decap batches, then decap of arbitrary wire windows', async () => {
    await fc.assert(
      fc.asyncProperty(
        configArb,
        fc.array(routeArb, { maxLength: 20 }),
        fc.array(slotInputArb, { minLength: 1, maxLength: G.slotCount }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 })), { minLength: G.slotCount, maxLength: G.slotCount }),
        async (cfg, routes, inputs, windows) => {
          const [w, t] = await bothKernels(G);
          for (const k of [w, t]) {
            k.configure(cfg.mode, cfg.vni, cfg.port, cfg.opts, cfg.mtu, 64);
            for (const r of routes) k.abi.routeAdd(r.prefix, r.len, r.verdict, r.nextHop);
            load(k, inputs);
            k.abi.lookupBatch(inputs.length);
            k.abi.encapBatch(inputs.length);
            k.abi.decapBatch(inputs.length);
          }
          expect(same(w, t)).toBe(true);
          for (const k of [w, t]) {
            windows.forEach(([off, len], i) => {
              k.setMeta(M_WIRE_OFF, i, off);
              k.setMeta(M_WIRE_LEN, i, len);
            });
            k.abi.decapBatch(G.slotCount);
          }
          expect(same(w, t)).toBe(true);
        },
      ),
      { numRuns: 150, seed: 12 },
    );
  });
});
