import { describe, expect, it } from 'vitest';
import { M_INNER_LEN, M_INNER_OFF, M_REASON, M_WIRE_LEN, M_WIRE_OFF } from '../../src/kernel/layout.ts';
import * as R from '../../src/kernel/reason.ts';
import { V_NODE } from '../../src/kernel/reason.ts';
import { bothKernels, concat, fillSlots, ipv4, putInner, putWire, VECTORS } from './kernel-fixture.ts';

const G = { slotCount: 2, slotBytes: 256, headroom: 64 };
const NODE_A = ipv4('10.224.0.4');
const NODE_B = ipv4('10.224.0.5');

const cases = [
  { name: 'vxlan', mode: R.MODE_VXLAN, port: 4789, opts: 0, outer: VECTORS.vxlan },
  { name: 'geneve', mode: R.MODE_GENEVE, port: 6081, opts: 12, outer: VECTORS.geneve },
  { name: 'none', mode: R.MODE_NONE, port: 1, opts: 0, outer: new Uint8Array(0) },
] as const;

describe.each(cases)('$name known frame, both ways, WASM and twin', ({ mode, port, opts, outer }) => {
  const wire = concat(outer, VECTORS.inner);

  it('emit: encapsulating the inner frame into a 0xa5-filled slot gives exactly the vector', async () => {
    for (const k of await bothKernels(G)) {
      k.configure(mode, 0x123456, port, opts, 1500, 64);
      k.abi.routeAdd(ipv4('10.244.1.0'), 24, V_NODE, NODE_B);
      fillSlots(k, 0xa5);
      putInner(k, 0, VECTORS.inner, NODE_A);
      k.abi.lookupBatch(1);
      k.abi.encapBatch(1);
      expect(k.meta(M_REASON, 0), k.kind).toBe(R.R_OK);
      expect(Array.from(k.wireFrame(0)), k.kind).toEqual(Array.from(wire));
      // Nothing outside the frame changed: the unused headroom and everything after the frame still read 0xa5.
      const slot = k.slotAddr(0);
      const start = slot + k.meta(M_WIRE_OFF, 0);
      const end = start + k.meta(M_WIRE_LEN, 0);
      expect(k.u8.subarray(slot, start).every((b) => b === 0xa5), k.kind).toBe(true);
      expect(k.u8.subarray(end, k.slotAddr(2)).every((b) => b === 0xa5), k.kind).toBe(true);
    }
  });

  it('parse: decapsulating the vector finds the inner frame and accepts it', async () => {
    for (const k of await bothKernels(G)) {
      k.configure(mode, 0x123456, port, opts, 1500, 64);
      putWire(k, 0, wire);
      k.abi.decapBatch(1);
      expect(k.meta(M_REASON, 0), k.kind).toBe(R.R_OK);
      expect(k.meta(M_INNER_OFF, 0), k.kind).toBe(G.headroom + outer.length);
      expect(k.meta(M_INNER_LEN, 0), k.kind).toBe(VECTORS.inner.length);
      expect(Array.from(k.innerFrame(0)), k.kind).toEqual(Array.from(VECTORS.inner));
    }
  });
});

/** One field of the outer headers changed at a time; each must be caught with its own reason code. */
const VXLAN_FIELD_CASES: ReadonlyArray<{ field: string; at: number; value: number; reason: number }> = [
  { field: 'ethertype (0x86dd)', at: 12, value: 0x86, reason: R.R_BAD_ETHERTYPE },
  { field: 'IP version 6', at: 14, value: 0x65, reason: R.R_BAD_VERSION },
  { field: 'IHL 4', at: 14, value: 0x44, reason: R.R_BAD_IHL },
  { field: 'IP total length high byte', at: 16, value: 0x10, reason: R.R_BAD_TOTAL_LENGTH },
  { field: 'IP checksum', at: 24, value: 0x00, reason: R.R_BAD_CHECKSUM },
  { field: 'UDP length high byte', at: 38, value: 0x40, reason: R.R_BAD_UDP_LENGTH },
  { field: 'UDP destination port', at: 37, value: 0xb6, reason: R.R_WRONG_PORT },
  { field: 'VXLAN I flag', at: 42, value: 0x00, reason: R.R_VXLAN_NO_I_FLAG },
  { field: 'VNI', at: 46, value: 0x57, reason: R.R_WRONG_VNI },
];

describe('decapsulation reads every VXLAN field (WASM and twin)', () => {
  it.each(VXLAN_FIELD_CASES)('$field → reason $reason', async ({ at, value, reason }) => {
    const frame = concat(VECTORS.vxlan, VECTORS.inner);
    frame[at] = value;
    for (const k of await bothKernels(G)) {
      k.configure(R.MODE_VXLAN, 0x123456, 4789, 0, 1500, 64);
      putWire(k, 0, frame);
      k.abi.decapBatch(1);
      expect(k.meta(M_REASON, 0), k.kind).toBe(reason);
    }
  });

  it('protocol TCP (with a fixed checksum) is not a tunnel packet', async () => {
    const frame = concat(VECTORS.vxlan, VECTORS.inner);
    frame[23] = 6; // protocol: 17 → 6 lowers the header sum by 11, so the checksum rises by 11
    frame[25] = (frame[25] ?? 0) + 11;
    for (const k of await bothKernels(G)) {
      k.configure(R.MODE_VXLAN, 0x123456, 4789, 0, 1500, 64);
      putWire(k, 0, frame);
      k.abi.decapBatch(1);
      expect(k.meta(M_REASON, 0), k.kind).toBe(R.R_NOT_UDP);
    }
  });

  it('Geneve: version, protocol type and option length are checked', async () => {
    const base = concat(VECTORS.geneve, VECTORS.inner);
    const cases: Array<[number, number, number]> = [
      [42, 0x43, R.R_GENEVE_BAD_VERSION],
      [44, 0x86, R.R_GENEVE_BAD_PROTOCOL],
      [42, 0x3f, R.R_GENEVE_BAD_OPT_LEN],
    ];
    for (const [at, value, reason] of cases) {
      const frame = base.slice();
      frame[at] = value;
      for (const k of await bothKernels(G)) {
        k.configure(R.MODE_GENEVE, 0x123456, 6081, 12, 1500, 64);
        putWire(k, 0, frame);
        k.abi.decapBatch(1);
        expect(k.meta(M_REASON, 0), `${k.kind} byte ${at}`).toBe(reason);
      }
    }
  });
});
