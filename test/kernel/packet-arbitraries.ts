import fc from 'fast-check';
import { writeInnerFrame } from '../../src/kernel/inner-frame.ts';
import * as R from '../../src/kernel/reason.ts';

/** A pod packet: fields for writeInnerFrame. Addresses come from a small space so routes and nodes collide. */
export interface PacketSpec {
  readonly src: number;
  readonly dst: number;
  readonly proto: number;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly ipLen: number;
  readonly df: boolean;
  readonly ident: number;
}

const addr = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((x) => (0x0af40000 + x) >>> 0), // 10.244.0.0/16: pod blocks
  fc.integer({ min: 0, max: 0xffff }).map((x) => (0x0a000000 + x) >>> 0), // 10.0.0.0/16: services
  fc.integer({ min: 0, max: 0xffffffff }),
);

export function packetArb(maxIpLen: number): fc.Arbitrary<PacketSpec> {
  return fc.record({
    src: addr,
    dst: addr,
    proto: fc.constantFrom(6, 17),
    srcPort: fc.integer({ min: 0, max: 65535 }),
    dstPort: fc.integer({ min: 0, max: 65535 }),
    ipLen: fc.integer({ min: 48, max: maxIpLen }),
    df: fc.boolean(),
    ident: fc.integer({ min: 0, max: 65535 }),
  });
}

export function buildFrame(p: PacketSpec): Uint8Array {
  const buf = new Uint8Array(p.ipLen + 14);
  writeInnerFrame(buf, new DataView(buf.buffer), 0, p.src, p.dst, p.proto, p.srcPort, p.dstPort, p.ipLen, p.df, p.ident);
  return buf;
}

export const routeArb = fc.record({
  prefix: fc.oneof(
    fc.integer({ min: 0, max: 0xff }).map((x) => (0x0af40000 + x * 256) >>> 0),
    fc.integer({ min: 0, max: 0xffffffff }),
  ),
  len: fc.integer({ min: 0, max: 32 }),
  verdict: fc.constantFrom(R.V_NODE, R.V_SERVICE, R.V_EGRESS, R.V_VNET),
  nextHop: fc.integer({ min: 0x0ae00000, max: 0x0ae0000f }),
});

export const configArb = fc.record({
  mode: fc.constantFrom(R.MODE_NONE, R.MODE_VXLAN, R.MODE_GENEVE),
  vni: fc.integer({ min: 0, max: 0xffffff }),
  port: fc.constantFrom(4789, 8472, 6081),
  opts: fc.integer({ min: 0, max: 16 }).map((w) => w * 4),
  mtu: fc.constantFrom(576, 1280, 1500, 3900, 9000),
});
