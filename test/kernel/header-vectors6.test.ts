import { describe, expect, it } from 'vitest';
import { M_INNER_LEN, M_INNER_OFF, M_REASON, M_WIRE_LEN, M_WIRE_OFF } from '../../src/kernel/layout.ts';
import * as R from '../../src/kernel/reason.ts';
import { V_NODE } from '../../src/kernel/reason.ts';
import type { KernelSession } from '../../src/kernel/kernel-session.ts';
import { bothKernels, concat, fillSlots, ipv4, putInner, putWire } from './kernel-fixture.ts';
import { ipv6Words, NODE_PREFIX, VECTORS6 } from './kernel-fixture6.ts';

const G = { slotCount: 2, slotBytes: 256, headroom: 96 };
const NODE_A = ipv4('10.224.0.4');
const NODE_B = ipv4('10.224.0.5');
const POD_BLOCK_B = ipv6Words('fd12:3456:789a:0:1::');

const cases = [
  { name: 'vxlan over IPv6', mode: R.MODE_VXLAN, port: 4789, opts: 0, zero: false, outer: VECTORS6.vxlan },
  { name: 'vxlan over IPv6, zero checksum', mode: R.MODE_VXLAN, port: 4789, opts: 0, zero: true, outer: VECTORS6.vxlanZero },
  { name: 'geneve over IPv6', mode: R.MODE_GENEVE, port: 6081, opts: 12, zero: false, outer: VECTORS6.geneve },
  { name: 'native IPv6', mode: R.MODE_NONE, port: 1, opts: 0, zero: false, outer: new Uint8Array(0) },
] as const;

function configure(k: KernelSession, mode: number, port: number, opts: number, zero: boolean): void {
  k.configure(mode, 0x123456, port, opts, 1500, 64);
  k.configureFamilies(true, true, NODE_PREFIX[0], NODE_PREFIX[1], zero);
}

describe.each(cases)('$name known frame, both ways, WASM and twin', ({ mode, port, opts, zero, outer }) => {
  const wire = concat(outer, VECTORS6.inner);

  it('emit: encapsulating the inner frame into a 0xa5-filled slot gives exactly the vector', async () => {
    for (const k of await bothKernels(G)) {
      configure(k, mode, port, opts, zero);
      expect(k.abi.route6Add(...POD_BLOCK_B, 80, V_NODE, NODE_B)).toBe(0);
      fillSlots(k, 0xa5);
      putInner(k, 0, VECTORS6.inner, NODE_A);
      k.abi.lookupBatch(1);
      k.abi.encapBatch(1);
      expect(k.meta(M_REASON, 0), k.kind).toBe(R.R_OK);
      expect(Buffer.from(k.wireFrame(0)).toString('hex'), k.kind).toBe(Buffer.from(wire).toString('hex'));
      const slot = k.slotAddr(0);
      const start = slot + k.meta(M_WIRE_OFF, 0);
      const end = start + k.meta(M_WIRE_LEN, 0);
      expect(k.u8.subarray(slot, start).every((b) => b === 0xa5), k.kind).toBe(true);
      expect(k.u8.subarray(end, k.slotAddr(2)).every((b) => b === 0xa5), k.kind).toBe(true);
    }
  });

  it('parse: decapsulating the vector finds the inner frame and accepts it', async () => {
    for (const k of await bothKernels(G)) {
      configure(k, mode, port, opts, zero);
      fillSlots(k, 0xa5);
      putWire(k, 0, wire);
      k.abi.decapBatch(1);
      expect(k.meta(M_REASON, 0), k.kind).toBe(R.R_OK);
      expect(k.meta(M_INNER_OFF, 0), k.kind).toBe(G.headroom + outer.length);
      expect(k.meta(M_INNER_LEN, 0), k.kind).toBe(VECTORS6.inner.length);
      expect(Array.from(k.innerFrame(0)), k.kind).toEqual(Array.from(VECTORS6.inner));
    }
  });
});

/** One field of the IPv6 VXLAN frame changed at a time; each must be caught with its own reason code. */
const FIELD_CASES: ReadonlyArray<{ field: string; at: number; value: number; reason: number; zero?: boolean }> = [
  { field: 'ethertype (0x0800)', at: 12, value: 0x08, reason: R.R_BAD_ETHERTYPE },
  { field: 'IP version 4', at: 14, value: 0x40, reason: R.R_BAD_VERSION },
  { field: 'payload length high byte', at: 18, value: 0x10, reason: R.R_BAD_TOTAL_LENGTH },
  { field: 'next header 6 (TCP)', at: 20, value: 6, reason: R.R_NOT_UDP },
  { field: 'next header 44 (fragment header)', at: 20, value: 44, reason: R.R_NOT_UDP },
  { field: 'hop limit 0', at: 21, value: 0, reason: R.R_TTL_EXPIRED },
  { field: 'a source address byte (checksum no longer verifies)', at: 37, value: 0x99, reason: R.R_BAD_CHECKSUM },
  { field: 'UDP checksum low byte', at: 61, value: 0x43, reason: R.R_BAD_CHECKSUM },
  { field: 'UDP checksum zeroed without zero-checksum tunnels', at: 60, value: 0, reason: R.R_ZERO_UDP_CHECKSUM },
  { field: 'UDP length high byte', at: 58, value: 0x40, reason: R.R_BAD_UDP_LENGTH },
  { field: 'VXLAN I flag cleared (checksum ignored: zero-checksum mode)', at: 62, value: 0, reason: R.R_VXLAN_NO_I_FLAG, zero: true },
  { field: 'VNI (zero-checksum mode)', at: 68, value: 0x99, reason: R.R_WRONG_VNI, zero: true },
];

describe('IPv6 decap catches each corrupted field with its own reason (WASM and twin)', () => {
  it.each(FIELD_CASES)('$field', async ({ at, value, reason, zero }) => {
    const wire = concat(zero === true ? VECTORS6.vxlanZero : VECTORS6.vxlan, VECTORS6.inner);
    if (at === 60) wire[61] = 0; // both checksum bytes zero
    wire[at] = value;
    for (const k of await bothKernels(G)) {
      configure(k, R.MODE_VXLAN, 4789, 0, zero === true);
      putWire(k, 0, wire);
      k.abi.decapBatch(1);
      expect(R.REASON_NAMES[k.meta(M_REASON, 0)], k.kind).toBe(R.REASON_NAMES[reason]);
    }
  });

  it('a corrupted inner IPv6 header under a valid (zero-checksum) tunnel is bad_inner', async () => {
    const wire = concat(VECTORS6.vxlanZero, VECTORS6.inner);
    wire[70 + 14] = 0x45;
    for (const k of await bothKernels(G)) {
      configure(k, R.MODE_VXLAN, 4789, 0, true);
      putWire(k, 0, wire);
      k.abi.decapBatch(1);
      expect(k.meta(M_REASON, 0), k.kind).toBe(R.R_BAD_INNER);
    }
  });
});
