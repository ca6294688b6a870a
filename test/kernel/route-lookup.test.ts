import { describe, expect, it } from 'vitest';
import { M_NEXTHOP, M_REASON, M_VERDICT } from '../../src/kernel/layout.ts';
import * as R from '../../src/kernel/reason.ts';
import { writeInnerFrame } from '../../src/kernel/inner-frame.ts';
import { bothKernels, ipv4, putInner } from './kernel-fixture.ts';

const G = { slotCount: 8, slotBytes: 128, headroom: 64 };
const NODE_A = ipv4('10.224.0.4');
const NODE_B = ipv4('10.224.0.5');

function frameTo(dst: number): Uint8Array {
  const buf = new Uint8Array(128);
  const len = writeInnerFrame(buf, new DataView(buf.buffer), 0, ipv4('10.244.0.9'), dst, 17, 1000, 2000, 60, true, 1);
  return buf.slice(0, len);
}

describe('longest-prefix match (WASM and twin)', () => {
  it('the most specific prefix wins, the default route applies, a miss is no route', async () => {
    for (const k of await bothKernels(G)) {
      const abi = k.abi;
      abi.routeAdd(ipv4('10.0.0.0'), 8, R.V_VNET, 0);
      abi.routeAdd(ipv4('10.244.0.0'), 16, R.V_EGRESS, 0);
      abi.routeAdd(ipv4('10.244.1.0'), 24, R.V_NODE, NODE_B);
      abi.routeAdd(ipv4('10.244.1.128'), 25, R.V_NODE, NODE_A);
      abi.routeAdd(ipv4('10.0.0.0'), 16, R.V_SERVICE, 0);
      abi.routeAdd(ipv4('10.244.1.77'), 32, R.V_NODE, ipv4('10.224.0.9'));
      expect(abi.routeLookup(ipv4('10.244.1.5')), k.kind).toBe(R.V_NODE);
      expect(abi.routeLookup(ipv4('10.0.3.1')), k.kind).toBe(R.V_SERVICE);
      expect(abi.routeLookup(ipv4('10.9.3.1')), k.kind).toBe(R.V_VNET);
      expect(abi.routeLookup(ipv4('10.244.200.1')), k.kind).toBe(R.V_EGRESS);
      expect(abi.routeLookup(ipv4('8.8.8.8')), k.kind).toBe(R.V_NONE);
      abi.routeAdd(0, 0, R.V_EGRESS, 0);
      expect(abi.routeLookup(ipv4('8.8.8.8')), k.kind).toBe(R.V_EGRESS);

      // Through the batch path: next hops, local delivery (next hop = own node) and the no-route drop.
      abi.routeClear();
      abi.routeAdd(ipv4('10.244.1.0'), 24, R.V_NODE, NODE_B);
      abi.routeAdd(ipv4('10.244.1.128'), 25, R.V_NODE, NODE_A);
      abi.routeAdd(ipv4('10.244.1.77'), 32, R.V_NODE, ipv4('10.224.0.9'));
      const dsts = ['10.244.1.5', '10.244.1.200', '10.244.1.77', '192.0.2.1'];
      dsts.forEach((d, i) => putInner(k, i, frameTo(ipv4(d)), NODE_A));
      abi.lookupBatch(dsts.length);
      const got = dsts.map((_d, i) => [k.meta(M_VERDICT, i), k.meta(M_NEXTHOP, i), k.meta(M_REASON, i)]);
      expect(got, k.kind).toEqual([
        [R.V_NODE, NODE_B, R.R_OK],
        [R.V_LOCAL, NODE_A, R.R_OK],
        [R.V_NODE, ipv4('10.224.0.9'), R.R_OK],
        [R.V_DROP, 0, R.R_NO_ROUTE],
      ]);
    }
  });

  it('replacing a route keeps one entry; a /33 is refused', async () => {
    for (const k of await bothKernels(G)) {
      expect(k.abi.routeAdd(ipv4('10.244.1.0'), 24, R.V_NODE, NODE_A)).toBe(0);
      expect(k.abi.routeAdd(ipv4('10.244.1.0'), 24, R.V_NODE, NODE_B)).toBe(0);
      putInner(k, 0, frameTo(ipv4('10.244.1.1')), ipv4('10.224.0.1'));
      k.abi.lookupBatch(1);
      expect(k.meta(M_NEXTHOP, 0), k.kind).toBe(NODE_B);
      expect(k.abi.routeAdd(0, 33, R.V_NODE, NODE_B), k.kind).toBe(-1);
    }
  });

  it('holds 5,000 node /24s (the AKS cluster limit) and finds each', async () => {
    for (const k of await bothKernels(G)) {
      for (let n = 0; n < 5000; n++) expect(k.abi.routeAdd((ipv4('10.0.0.0') + n * 256) >>> 0, 24, R.V_NODE, 100 + n)).toBe(0);
      let wrong = 0;
      for (let n = 0; n < 5000; n++) {
        putInner(k, 0, frameTo((ipv4('10.0.0.0') + n * 256 + 7) >>> 0), 1);
        k.abi.lookupBatch(1);
        if (k.meta(M_NEXTHOP, 0) !== 100 + n) wrong++;
      }
      expect(wrong, k.kind).toBe(0);
    }
  });
});
