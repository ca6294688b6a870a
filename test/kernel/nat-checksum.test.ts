import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { M_BACKEND, M_REASON, M_VERDICT } from '../../src/kernel/layout.ts';
import * as R from '../../src/kernel/reason.ts';
import { bothKernels, putInner } from './kernel-fixture.ts';
import { buildFrame, packetArb } from './packet-arbitraries.ts';

const G = { slotCount: 1, slotBytes: 1600, headroom: 64 };
const NODE_A = 0x0ae00004;
const NODE_B = 0x0ae00005;
const SERVICE_CIDR = 0x0a000000; // 10.0.0.0/16

/** One's-complement sum of 16-bit words (RFC 1071), recomputed from scratch. */
function sum16(b: Uint8Array, from: number, to: number, start = 0): number {
  let s = start;
  for (let i = from; i < to; i += 2) s += ((b[i] ?? 0) << 8) | (i + 1 < to ? (b[i + 1] ?? 0) : 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

/** True when the IPv4 header and the TCP/UDP checksum (pseudo-header included) both verify. */
function checksumsVerify(frame: Uint8Array): boolean {
  const ip = 14;
  if (sum16(frame, ip, ip + 20) !== 0xffff) return false;
  const proto = frame[ip + 9] ?? 0;
  const total = ((frame[ip + 2] ?? 0) << 8) | (frame[ip + 3] ?? 0);
  const l4Len = total - 20;
  const pseudo = sum16(frame, ip + 12, ip + 20) + proto + l4Len;
  const csumAt = ip + 20 + (proto === 6 ? 16 : 6);
  if (proto === 17 && frame[csumAt] === 0 && frame[csumAt + 1] === 0) return true;
  return sum16(frame, ip + 20, ip + total, pseudo) === 0xffff;
}

const readU32 = (b: Uint8Array, at: number) => (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;

describe('NAT keeps every checksum valid (incremental update, RFC 1624), WASM and twin', () => {
  it('DNAT of service traffic to the backend, SNAT of egress to the node IP', async () => {
    const ks = await bothKernels(G);
    for (const k of ks) {
      k.configure(R.MODE_NONE, 1, 1, 0, 9000, 64);
      k.abi.routeAdd(0, 0, R.V_EGRESS, 0);
      k.abi.routeAdd(SERVICE_CIDR, 16, R.V_SERVICE, 0);
      k.abi.routeAdd(0x0af40000, 16, R.V_NODE, NODE_B);
    }
    let checked = 0;
    fc.assert(
      fc.property(packetArb(1500), fc.integer({ min: 0x0af40000, max: 0x0af4ffff }), fc.boolean(), (p, backend, toService) => {
        const dst = toService ? (SERVICE_CIDR + (p.dst & 0xffff)) >>> 0 : (0x08000000 + (p.dst & 0xffffff)) >>> 0;
        const frame = buildFrame({ ...p, dst });
        expect(checksumsVerify(frame)).toBe(true);
        for (const k of ks) {
          putInner(k, 0, frame, NODE_A);
          k.setMeta(M_BACKEND, 0, backend);
          k.abi.pathBatch(1);
          expect(k.meta(M_REASON, 0)).toBe(R.R_OK);
          const out = k.wireFrame(0);
          if (toService) {
            expect(k.meta(M_VERDICT, 0)).toBe(R.V_NODE);
            expect(readU32(out, 30)).toBe(backend);
            expect(readU32(out, 26)).toBe(p.src);
          } else {
            expect(k.meta(M_VERDICT, 0)).toBe(R.V_EGRESS);
            expect(readU32(out, 26)).toBe(NODE_A);
            expect(readU32(out, 30)).toBe(dst);
          }
          expect(checksumsVerify(out)).toBe(true);
          checked++;
        }
      }),
      { numRuns: 500, seed: 5 },
    );
    expect(checked).toBe(1000);
  });
});
