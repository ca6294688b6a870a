import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATAPATH_CASE_EXTENSION as datapathExtension } from '../../src/scenario/extensions.ts';
import { PcapCapture } from '../../src/output/pcap.ts';
import { runScenarioCase } from '../../src/scenario/run.ts';
import { datapathScenario } from './datapath-fixture.ts';

function sumOk(b: Uint8Array, at: number, len: number): boolean {
  let s = 0;
  for (let i = 0; i < len; i += 2) s += ((b[at + i] ?? 0) << 8) | (b[at + i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s === 0xffff;
}

function records(file: Uint8Array): Uint8Array[] {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out: Uint8Array[] = [];
  for (let p = 24; p < file.length; p += 16 + dv.getUint32(p + 8, true)) out.push(file.subarray(p + 16, p + 16 + dv.getUint32(p + 8, true)));
  return out;
}

const u16 = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);

describe.each([
  { encap: 'vxlan', podMtu: 1500, outer: 50, dataPerDatagram: 1480, pieces: [1424, 56] },
  { encap: 'none', podMtu: 4000, outer: 0, dataPerDatagram: 3980, pieces: [1480, 1480, 1020] },
])('pcap of fragmented packets: $encap, pod MTU $podMtu over VM MTU 1500', ({ encap, podMtu, outer, dataPerDatagram, pieces }) => {
  it('holds every fragment, each a valid IPv4 packet, and they reassemble to the datagram', async () => {
    const scenario = datapathScenario(
      {
        traffic: { packetsPerBatch: 32, podToPod: 1, podToService: 0, podToExternal: 0, sizes: [{ ipBytes: 'mtu', weight: 1, protocol: 'udp', df: false }] },
        variants: [{ name: encap, encap, vmMtu: 1500, podMtu }],
      },
      4,
    );
    const capture = new PcapCapture(100_000);
    const r = await runScenarioCase(scenario, { seed: 2, replicate: 0, frameSink: capture, extensions: [datapathExtension] });
    const row = r.rows[0] ?? [];
    const frames = records(capture.bytes());
    // Every frame the counters say went on the wire, cross-node fragments and all, is in the capture.
    expect(frames.length).toBe(row[r.columns.indexOf('dp_underlay_frames')]);
    const byDatagram = new Map<string, Array<{ offset: number; mf: boolean; data: number }>>();
    for (const f of frames) {
      if (outer > 0) expect(sumOk(f, 14, 20)).toBe(true);
      const ip = outer + 14;
      expect(sumOk(f, ip, 20)).toBe(true);
      const key = `${Array.from(f.subarray(ip + 12, ip + 20)).join('.')}/${u16(f, ip + 4)}`;
      const flags = u16(f, ip + 6);
      const list = byDatagram.get(key) ?? [];
      list.push({ offset: (flags & 0x1fff) * 8, mf: (flags & 0x2000) !== 0, data: u16(f, ip + 2) - 20 });
      byDatagram.set(key, list);
    }
    const fragmented = [...byDatagram.values()].filter((l) => l.length > 1);
    expect(fragmented.length).toBeGreaterThan(10);
    for (const list of fragmented) {
      expect(list.map((x) => x.data)).toEqual(pieces);
      expect(list.map((x) => x.offset)).toEqual(pieces.map((_p, i) => pieces.slice(0, i).reduce((a, b) => a + b, 0)));
      expect(list.map((x) => x.mf)).toEqual(pieces.map((_p, i) => i < pieces.length - 1));
      expect(list.reduce((a, x) => a + x.data, 0)).toBe(dataPerDatagram);
    }
    const dir = mkdtempSync(join(tmpdir(), 'cnisim-frag-'));
    writeFileSync(join(dir, 'f.pcap'), capture.bytes());
    const text = execFileSync('tcpdump', ['-nn', '-v', '-r', join(dir, 'f.pcap')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(text).not.toMatch(/bad cksum/);
    expect(text).toContain(`offset ${pieces[0]}, flags [`);
  });
});
