import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { M_REASON } from '../../src/kernel/layout.ts';
import * as R from '../../src/kernel/reason.ts';
import { bothKernels, putInner } from './kernel-fixture.ts';
import { buildFrame, packetArb } from './packet-arbitraries.ts';

const G = { slotCount: 1, slotBytes: 9100, headroom: 320 };
const NODE_A = 0x0ae00004;
const NODE_B = 0x0ae00005;

const modes = [
  { name: 'none', mode: R.MODE_NONE, port: 1, opts: 0, overhead: 0 },
  { name: 'vxlan', mode: R.MODE_VXLAN, port: 4789, opts: 0, overhead: 50 },
  { name: 'vxlan-cilium-port', mode: R.MODE_VXLAN, port: 8472, opts: 0, overhead: 50 },
  { name: 'geneve', mode: R.MODE_GENEVE, port: 6081, opts: 0, overhead: 50 },
  { name: 'geneve-252B-options', mode: R.MODE_GENEVE, port: 6081, opts: 252, overhead: 302 },
] as const;

describe.each(modes)('decap(encap(frame)) == frame: $name', ({ mode, port, opts, overhead }) => {
  it('for random pod packets up to the lowered pod MTU, on both kernels', async () => {
    const ks = await bothKernels(G);
    for (const k of ks) {
      k.configure(mode, 0xabcdef, port, opts, 9000, 64);
      // Every destination routes to node B: a cross-node packet.
      k.abi.routeAdd(0, 0, R.V_NODE, NODE_B);
    }
    fc.assert(
      fc.property(packetArb(9000 - overhead), (p) => {
        const frame = buildFrame(p);
        for (const k of ks) {
          putInner(k, 0, frame, NODE_A);
          k.abi.lookupBatch(1);
          k.abi.encapBatch(1);
          expect(k.meta(M_REASON, 0)).toBe(R.R_OK);
          expect(k.wireFrame(0).length).toBe(frame.length + overhead);
          k.abi.decapBatch(1);
          expect(k.meta(M_REASON, 0)).toBe(R.R_OK);
          expect(Buffer.from(k.innerFrame(0)).equals(Buffer.from(frame))).toBe(true);
        }
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
