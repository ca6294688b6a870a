import fc from 'fast-check';
import { writeInnerFrame6 } from '../../src/kernel/inner-frame6.ts';
import * as R from '../../src/kernel/reason.ts';

/** An IPv6 pod packet: fields for writeInnerFrame6. Addresses come from a small space so routes and nodes collide. */
export interface Packet6Spec {
  readonly src: readonly number[];
  readonly dst: readonly number[];
  readonly proto: number;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly ipLen: number;
  readonly flowLabel: number;
}

const u32 = fc.integer({ min: 0, max: 0xffffffff });
/** fd12:3456:789a::/64 pods (node n's /80 is word 2 = n << 16), fd12:3456:789a:1::/108 services, or anything. */
export const addr6Arb: fc.Arbitrary<number[]> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 0xff })).map(([n, h]) => [0xfd123456, 0x789a0000, n << 16, h]),
  fc.integer({ min: 0, max: 0xfffff }).map((h) => [0xfd123456, 0x789a0001, 0, h]),
  fc.tuple(u32, u32, u32, u32),
);

export function packet6Arb(maxIpLen: number): fc.Arbitrary<Packet6Spec> {
  return fc.record({
    src: addr6Arb,
    dst: addr6Arb,
    proto: fc.constantFrom(6, 17),
    srcPort: fc.integer({ min: 0, max: 65535 }),
    dstPort: fc.integer({ min: 0, max: 65535 }),
    ipLen: fc.integer({ min: 60, max: maxIpLen }),
    flowLabel: fc.integer({ min: 0, max: 0xfffff }),
  });
}

export function buildFrame6(p: Packet6Spec): Uint8Array {
  const buf = new Uint8Array(p.ipLen + 14);
  writeInnerFrame6(buf, new DataView(buf.buffer), 0, p.src, 0, p.dst, 0, p.proto, p.srcPort, p.dstPort, p.ipLen, p.flowLabel, 7);
  return buf;
}

export const route6Arb = fc.record({
  prefix: fc.oneof(
    fc.integer({ min: 0, max: 15 }).map((n) => [0xfd123456, 0x789a0000, n << 16, 0]),
    fc.constant([0xfd123456, 0x789a0001, 0, 0]),
    fc.tuple(u32, u32, u32, u32),
  ),
  len: fc.oneof(fc.constantFrom(0, 64, 80, 108, 128), fc.integer({ min: 0, max: 128 })),
  verdict: fc.constantFrom(R.V_NODE, R.V_SERVICE, R.V_EGRESS, R.V_VNET),
  nextHop: fc.integer({ min: 0x0ae00000, max: 0x0ae0000f }),
});

/** Families of an instance with some IPv6: [underlay6, inner6]; native routing needs them equal. */
export const familiesArb = fc.constantFrom([true, true], [false, true], [true, false]);
