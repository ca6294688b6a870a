import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { M_REASON } from '../../src/kernel/layout.ts';
import * as R from '../../src/kernel/reason.ts';
import { bothKernels, putInner } from './kernel-fixture.ts';
import { NODE_PREFIX } from './kernel-fixture6.ts';
import { buildFrame, packetArb } from './packet-arbitraries.ts';
import { buildFrame6, packet6Arb } from './packet-arbitraries6.ts';

const G = { slotCount: 1, slotBytes: 9100, headroom: 336 };
const NODE_A = 0x0ae00004;
const NODE_B = 0x0ae00005;

// Overheads: outer Ethernet 14 + IP (20 or 40) + UDP 8 + tunnel header 8 (+ Geneve options).
const cases = [
  { name: 'native IPv6', mode: R.MODE_NONE, port: 1, opts: 0, u6: true, i6: true, overhead: 0 },
  { name: 'vxlan, IPv6 in IPv6', mode: R.MODE_VXLAN, port: 4789, opts: 0, u6: true, i6: true, overhead: 70 },
  { name: 'vxlan, IPv4 in IPv6', mode: R.MODE_VXLAN, port: 4789, opts: 0, u6: true, i6: false, overhead: 70 },
  { name: 'vxlan, IPv6 in IPv4', mode: R.MODE_VXLAN, port: 8472, opts: 0, u6: false, i6: true, overhead: 50 },
  { name: 'geneve, IPv6 in IPv6', mode: R.MODE_GENEVE, port: 6081, opts: 0, u6: true, i6: true, overhead: 70 },
  { name: 'geneve 252 B options, IPv6 in IPv6', mode: R.MODE_GENEVE, port: 6081, opts: 252, u6: true, i6: true, overhead: 322 },
  { name: 'geneve, IPv6 in IPv4', mode: R.MODE_GENEVE, port: 6081, opts: 12, u6: false, i6: true, overhead: 62 },
] as const;

describe.each(cases)('decap(encap(frame)) == frame: $name', ({ mode, port, opts, u6, i6, overhead }) => {
  it.each([false, true])('random pod packets up to the lowered pod MTU, both kernels (zero UDP checksum %s)', async (zero) => {
    const ks = await bothKernels(G);
    for (const k of ks) {
      k.configure(mode, 0xabcdef, port, opts, 9000, 64);
      k.configureFamilies(u6, i6, NODE_PREFIX[0], NODE_PREFIX[1], zero);
      // Every destination routes to node B: a cross-node packet.
      k.abi.routeAdd(0, 0, R.V_NODE, NODE_B);
      k.abi.route6Add(0, 0, 0, 0, 0, R.V_NODE, NODE_B);
    }
    const arb = i6 ? packet6Arb(9000 - overhead).map(buildFrame6) : packetArb(9000 - overhead).map(buildFrame);
    fc.assert(
      fc.property(arb, (frame) => {
        for (const k of ks) {
          putInner(k, 0, frame, NODE_A);
          k.abi.lookupBatch(1);
          k.abi.encapBatch(1);
          expect(k.meta(M_REASON, 0)).toBe(R.R_OK);
          const wire = k.wireFrame(0);
          expect(wire.length).toBe(frame.length + overhead);
          // The outer UDP checksum over IPv6 is present unless zero-checksum tunnels are configured.
          if (u6 && mode !== R.MODE_NONE) expect(((wire[60] ?? 0) << 8) | (wire[61] ?? 0), 'outer UDP checksum').toSatisfy((c: number) => (c === 0) === zero);
          k.abi.decapBatch(1);
          expect(k.meta(M_REASON, 0)).toBe(R.R_OK);
          expect(Buffer.from(k.innerFrame(0)).equals(Buffer.from(frame))).toBe(true);
        }
      }),
      { numRuns: 150, seed: 31 },
    );
  });
});

describe('IPv6 routers never fragment: an inner IPv6 packet one byte over the path MTU is Packet Too Big', () => {
  it.each([
    { mode: R.MODE_NONE, u6: true, overhead: 0 },
    { mode: R.MODE_VXLAN, u6: true, overhead: 70 },
    { mode: R.MODE_VXLAN, u6: false, overhead: 50 },
  ])('mode $mode, IPv6 underlay $u6: $overhead B of headers at VM MTU 1500', async ({ mode, u6, overhead }) => {
    for (const k of await bothKernels(G)) {
      k.configure(mode, 1, 4789, 0, 1500, 64);
      k.configureFamilies(u6, true, NODE_PREFIX[0], NODE_PREFIX[1], false);
      k.abi.route6Add(0, 0, 0, 0, 0, R.V_NODE, NODE_B);
      const spec = { src: [0xfd123456, 0x789a0000, 0, 4], dst: [0xfd123456, 0x789a0000, 1 << 16, 5], proto: 17, srcPort: 1, dstPort: 2, flowLabel: 0 };
      for (const [ipLen, want] of [[1500 - overhead, R.R_OK], [1501 - overhead, R.R_PACKET_TOO_BIG]] as const) {
        putInner(k, 0, buildFrame6({ ...spec, ipLen }), NODE_A);
        k.abi.lookupBatch(1);
        k.abi.encapBatch(1);
        expect(R.REASON_NAMES[k.meta(M_REASON, 0)], `${k.kind} ${ipLen}`).toBe(R.REASON_NAMES[want]);
      }
    }
  });
});
