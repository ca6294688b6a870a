import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  C_DROPS, C_FRAGMENTS, C_LOCAL, C_WIRE_FRAMES, M_BACKEND, M_BACKEND6, M_LEN, M_SRC_NODE, M_WIRE_LEN, M_WIRE_OFF,
} from '../../src/kernel/layout.ts';
import * as R from '../../src/kernel/reason.ts';
import type { KernelSession } from '../../src/kernel/kernel-session.ts';
import { bothKernels, stateBytes } from './kernel-fixture.ts';
import { NODE_PREFIX } from './kernel-fixture6.ts';
import { buildFrame, configArb, packetArb, routeArb } from './packet-arbitraries.ts';
import { addr6Arb, buildFrame6, familiesArb, packet6Arb, route6Arb } from './packet-arbitraries6.ts';

const G = { slotCount: 16, slotBytes: 1600, headroom: 320 };

/** A slot's input: a valid pod packet of the instance's inner family, the same with bytes overwritten, or noise. */
const slotInputArb = fc.record({
  kind: fc.constantFrom('valid', 'mutated', 'noise'),
  packet6: packet6Arb(1500),
  packet4: packetArb(1500),
  mutations: fc.array(fc.record({ at: fc.integer({ min: 0, max: 100 }), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 }),
  noise: fc.uint8Array({ minLength: 0, maxLength: 200 }),
  lenDelta: fc.oneof(fc.constant(0), fc.integer({ min: -30, max: 30 }), fc.constant(100_000)),
  srcNode: fc.integer({ min: 0x0ae00000, max: 0x0ae0000f }),
  backend4: fc.oneof(fc.constant(0), fc.integer({ min: 0x0af40000, max: 0x0af400ff })),
  backend6: fc.oneof(fc.constant<number[]>([0, 0, 0, 0]), addr6Arb),
});
type SlotInput = typeof slotInputArb extends fc.Arbitrary<infer T> ? T : never;

function frameOf(s: SlotInput, inner6: boolean): Uint8Array {
  if (s.kind === 'noise') return s.noise;
  const f = inner6 ? buildFrame6(s.packet6) : buildFrame(s.packet4);
  if (s.kind === 'mutated') for (const m of s.mutations) if (m.at < f.length) f[m.at] = m.value;
  return f;
}

function load(k: KernelSession, inputs: readonly SlotInput[], inner6: boolean): void {
  inputs.forEach((s, i) => {
    const f = frameOf(s, inner6);
    k.u8.set(f, k.frameAddr(i));
    k.setMeta(M_LEN, i, Math.max(0, f.length + s.lenDelta));
    k.setMeta(M_SRC_NODE, i, s.srcNode);
    k.setMeta(M_BACKEND, i, s.backend4);
    s.backend6.forEach((w, j) => k.setMeta(M_BACKEND6 + j, i, w));
  });
}

function same(a: KernelSession, b: KernelSession): boolean {
  return Buffer.from(stateBytes(a)).equals(Buffer.from(stateBytes(b)));
}

const setupArb = fc.record({
  cfg: configArb.map((c) => ({ ...c, mtu: Math.max(1280, c.mtu) })),
  families: familiesArb,
  zero: fc.boolean(),
  routes4: fc.array(routeArb, { maxLength: 20 }),
  routes6: fc.array(route6Arb, { maxLength: 30 }),
  /** A default route to a node under the random ones, so many packets cross the tunnel. */
  defaultToNode: fc.boolean(),
});
type Setup = typeof setupArb extends fc.Arbitrary<infer T> ? T : never;

function prepare(k: KernelSession, s: Setup): boolean {
  const [u6, i6] = s.families;
  k.configure(s.cfg.mode, s.cfg.vni, s.cfg.port, s.cfg.opts, s.cfg.mtu, 64);
  // Native routing carries the pod's packet as the underlay packet: the kernel refuses mixed families there.
  if (s.cfg.mode === R.MODE_NONE && u6 !== i6) {
    expect(k.abi.configureFamilies(u6 ? 1 : 0, i6 ? 1 : 0, NODE_PREFIX[0], NODE_PREFIX[1], 0)).toBe(R.E_ARGUMENT);
    return false;
  }
  k.configureFamilies(u6, i6, NODE_PREFIX[0], NODE_PREFIX[1], s.zero);
  if (s.defaultToNode) {
    k.abi.routeAdd(0, 0, R.V_NODE, 0x0ae0000e);
    k.abi.route6Add(0, 0, 0, 0, 0, R.V_NODE, 0x0ae0000e);
  }
  for (const r of s.routes4) k.abi.routeAdd(r.prefix, r.len, r.verdict, r.nextHop);
  for (const r of s.routes6) k.abi.route6Add(r.prefix[0] ?? 0, r.prefix[1] ?? 0, r.prefix[2] ?? 0, r.prefix[3] ?? 0, r.len, r.verdict, r.nextHop);
  return true;
}

describe('WASM kernel and TypeScript twin are byte-identical on IPv6 (inner, underlay or both)', () => {
  it('full path over random IPv6 route tables, families, configurations and packets (memory, meta, counters)', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(setupArb, fc.array(slotInputArb, { minLength: 1, maxLength: G.slotCount }), async (setup, inputs) => {
        const [w, t] = await bothKernels(G);
        for (const k of [w, t]) {
          if (!prepare(k, setup)) return;
          load(k, inputs, setup.families[1]);
          k.abi.pathBatch(inputs.length);
        }
        expect(same(w, t)).toBe(true);
        for (const r of [R.R_NO_ROUTE, R.R_BAD_INNER, R.R_FRAG_NEEDED, R.R_PACKET_TOO_BIG, R.R_NO_BACKEND, R.R_BAD_SLOT_LENGTH]) {
          if (w.counter(C_DROPS + r) > 0) seen.add(R.REASON_NAMES[r] ?? '');
        }
        if (w.counter(C_FRAGMENTS) > 0) seen.add('fragmented');
        if (w.counter(C_LOCAL) > 0) seen.add('local');
        if (w.counter(C_WIRE_FRAMES) > 0) seen.add(`wire-mode-${setup.cfg.mode}-u${setup.families[0] ? 6 : 4}-i${setup.families[1] ? 6 : 4}`);
      }),
      { numRuns: 200, seed: 13 },
    );
    expect([...seen].sort()).toEqual([
      'bad_inner', 'bad_slot_length', 'frag_needed', 'fragmented', 'local', 'no_backend', 'no_route', 'packet_too_big',
      'wire-mode-0-u6-i6', 'wire-mode-1-u4-i6', 'wire-mode-1-u6-i4', 'wire-mode-1-u6-i6', 'wire-mode-2-u4-i6',
      'wire-mode-2-u6-i4', 'wire-mode-2-u6-i6',
    ]);
  });

  it('separate lookup, encap and decap batches, then decap of arbitrary wire windows', async () => {
    await fc.assert(
      fc.asyncProperty(
        setupArb,
        fc.array(slotInputArb, { minLength: 1, maxLength: G.slotCount }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 })), { minLength: G.slotCount, maxLength: G.slotCount }),
        async (setup, inputs, windows) => {
          const [w, t] = await bothKernels(G);
          for (const k of [w, t]) {
            if (!prepare(k, setup)) return;
            load(k, inputs, setup.families[1]);
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
      { numRuns: 150, seed: 14 },
    );
  });

  it('128-bit longest-prefix match: both kernels agree with a reference scan on random tables and addresses', async () => {
    const [w, t] = await bothKernels({ slotCount: 1, slotBytes: 64, headroom: 0 });
    await fc.assert(
      fc.asyncProperty(fc.array(route6Arb, { minLength: 1, maxLength: 40 }), fc.array(addr6Arb, { minLength: 1, maxLength: 20 }), async (routes, addrs) => {
        const table = new Map<string, { len: number; verdict: number; key: bigint }>();
        const big = (ws: readonly number[]) => ws.reduce((a, x) => (a << 32n) | BigInt(x >>> 0), 0n);
        const maskOf = (len: number) => (len === 0 ? 0n : ((1n << BigInt(len)) - 1n) << BigInt(128 - len));
        for (const k of [w, t]) k.abi.routeClear();
        for (const r of routes) {
          const key = big(r.prefix) & maskOf(r.len);
          table.set(`${key}/${r.len}`, { len: r.len, verdict: r.verdict, key });
          for (const k of [w, t]) k.abi.route6Add(r.prefix[0] ?? 0, r.prefix[1] ?? 0, r.prefix[2] ?? 0, r.prefix[3] ?? 0, r.len, r.verdict, r.nextHop);
        }
        for (const a of addrs) {
          let best: { len: number; verdict: number } | undefined;
          for (const e of table.values()) if ((big(a) & maskOf(e.len)) === e.key && (best === undefined || e.len > best.len)) best = e;
          for (const k of [w, t]) expect(k.abi.route6Lookup(a[0] ?? 0, a[1] ?? 0, a[2] ?? 0, a[3] ?? 0), k.kind).toBe(best?.verdict ?? R.V_NONE);
        }
      }),
      { numRuns: 200, seed: 15 },
    );
  });
});
