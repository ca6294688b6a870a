import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATAPATH_CASE_EXTENSION as datapathExtension } from '../../src/scenario/extensions.ts';
import { PcapCapture } from '../../src/output/pcap.ts';
import { runScenarioCase } from '../../src/scenario/run.ts';
import { datapathScenario } from './datapath-fixture.ts';

const LIMIT = 40;

function ipChecksumOk(b: Uint8Array, at: number): boolean {
  const hl = ((b[at] ?? 0) & 0xf) * 4;
  let sum = 0;
  for (let i = 0; i < hl; i += 2) sum += ((b[at + i] ?? 0) << 8) | (b[at + i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum === 0xffff;
}

/** Records of a classic little-endian pcap file, checking its global header on the way. */
function pcapFrames(file: Uint8Array): Uint8Array[] {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  expect(dv.getUint32(0, true)).toBe(0xa1b2c3d4);
  expect([dv.getUint16(4, true), dv.getUint16(6, true)]).toEqual([2, 4]);
  expect(dv.getUint32(20, true)).toBe(1); // LINKTYPE_ETHERNET
  const frames: Uint8Array[] = [];
  for (let p = 24; p < file.length; ) {
    const len = dv.getUint32(p + 8, true);
    frames.push(file.subarray(p + 16, p + 16 + len));
    p += 16 + len;
  }
  return frames;
}

const ipText = (b: Uint8Array, at: number) => Array.from(b.subarray(at, at + 4)).join('.');

describe.each([
  { encap: 'vxlan', port: 4789, outerBytes: 50, pattern: /VXLAN, flags \[I\] \(0x08\), vni 4242/ },
  { encap: 'geneve', port: 6081, outerBytes: 62, pattern: /Geneve, Flags \[none\], vni 0x1092, options \[12 bytes\]: IP 10\.244\./ },
])('pcap of $encap underlay frames', ({ encap, port, outerBytes, pattern }) => {
  it('tcpdump decodes the tunnel and the inner pod addresses; every IPv4 checksum verifies', async () => {
    const scenario = datapathScenario({
      traffic: { packetsPerBatch: 64, podToPod: 1, podToService: 0, podToExternal: 0, sizes: [{ ipBytes: 200, weight: 1, protocol: 'udp' }] },
      variants: [{ name: encap, encap, vni: 4242, geneveOptionsBytes: 12 }],
    });
    const capture = new PcapCapture(LIMIT);
    await runScenarioCase(scenario, { seed: 5, replicate: 0, frameSink: capture, extensions: [datapathExtension] });
    const file = capture.bytes();
    const frames = pcapFrames(file);
    expect(frames.length).toBe(LIMIT);

    for (const f of frames) {
      // Outer IPv4 at 14; inner Ethernet after the tunnel header, inner IPv4 14 bytes later.
      expect(ipChecksumOk(f, 14)).toBe(true);
      expect(ipChecksumOk(f, outerBytes + 14)).toBe(true);
      expect(((f[36] ?? 0) << 8) | (f[37] ?? 0)).toBe(port);
      const outerDst = ipText(f, 30);
      const innerDst = ipText(f, outerBytes + 14 + 16);
      // Overlay: node n has IP 10.224.0.(4+n) and pod block 10.244.n.0/24: the tunnel goes to the pod's node.
      const node = Number(outerDst.split('.')[3]) - 4;
      expect(innerDst.startsWith(`10.244.${node}.`)).toBe(true);
      expect(ipText(f, outerBytes + 14 + 12).startsWith('10.244.')).toBe(true);
    }

    const dir = mkdtempSync(join(tmpdir(), 'cnisim-pcap-'));
    const path = join(dir, `${encap}.pcap`);
    writeFileSync(path, file);
    const text = execFileSync('tcpdump', ['-nn', '-r', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = text.trim().split('\n');
    const tunnelLines = lines.filter((l) => pattern.test(l));
    expect(tunnelLines.length).toBe(LIMIT);
    // tcpdump prints the inner packet after the tunnel header: pod to pod UDP, 200-byte IP packets (172 B payload).
    const inner = [...text.matchAll(/IP (10\.244\.\d+\.\d+)\.\d+ > (10\.244\.\d+\.\d+)\.8080: UDP, length 172/g)];
    expect(inner.length).toBe(LIMIT);
    frames.forEach((f, i) => {
      expect(inner[i]?.[1]).toBe(ipText(f, outerBytes + 14 + 12));
      expect(inner[i]?.[2]).toBe(ipText(f, outerBytes + 14 + 16));
    });
  });
});
