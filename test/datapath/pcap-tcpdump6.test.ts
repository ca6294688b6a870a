import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATAPATH_CASE_EXTENSION as datapathExtension } from '../../src/scenario/extensions.ts';
import { PcapCapture } from '../../src/output/pcap.ts';
import { runScenarioCase } from '../../src/scenario/run.ts';
import { datapathScenario } from './datapath-fixture.ts';

const LIMIT = 60;

/** tcpdump -vv's reading of a capture (it verifies UDP checksums over IPv4 and IPv6 at this verbosity). */
async function tcpdump(variant: Record<string, unknown>, sizes: unknown[], mix = { podToPod: 0.6, podToService: 0.2, podToExternal: 0.2 }): Promise<string> {
  const scenario = datapathScenario({ traffic: { packetsPerBatch: 64, ...mix, sizes }, variants: [{ name: 'v', vni: 4242, ...variant }] });
  const capture = new PcapCapture(LIMIT);
  await runScenarioCase(scenario, { seed: 5, replicate: 0, frameSink: capture, extensions: [datapathExtension] });
  expect(capture.frameCount).toBe(LIMIT);
  const dir = mkdtempSync(join(tmpdir(), 'cnisim-pcap6-'));
  try {
    const path = join(dir, 'v.pcap');
    writeFileSync(path, capture.bytes());
    return execFileSync('tcpdump', ['-nn', '-vv', '-r', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const count = (text: string, re: RegExp) => [...text.matchAll(re)].length;
const UDP200 = [{ ipBytes: 200, weight: 1, protocol: 'udp' }];

describe('pcap of IPv6 frames, decoded by tcpdump', () => {
  it('VXLAN over IPv6: every outer and inner UDP checksum verifies; the tunnel goes to the node of the pod /80', async () => {
    const text = await tcpdump({ encap: 'vxlan', underlay: 'ipv6', inner: 'ipv6' }, UDP200);
    expect(text).not.toMatch(/bad udp cksum|\[no cksum\]|truncated|malformed/i);
    const tunnels = [...text.matchAll(/fd00:10:224::ae0:([0-9a-f]+)\.\d+ > fd00:10:224::ae0:([0-9a-f]+)\.4789: \[udp sum ok\] VXLAN, flags \[I\] \(0x08\), vni 4242\n\s*IP6 .*?fd12:3456:789a:(?:0:([0-9a-f]+):)?:[0-9a-f]+\.\d+ > fd12:3456:789a:(?:0:([0-9a-f]+):)?:[0-9a-f]+\.(?:8080|80): \[udp sum ok\] UDP, length 152/g)];
    expect(tunnels.length).toBeGreaterThan(20);
    for (const m of tunnels) {
      // Node n is 10.224.0.(4+n) (fd00:10:224::ae0:(4+n)) and holds pod block fd12:3456:789a:0:n::/80 (n = 0 prints
      // as fd12:3456:789a::).
      expect(parseInt(m[1] ?? '', 16) - 4).toBe(parseInt(m[3] ?? '0', 16));
      expect(parseInt(m[2] ?? '', 16) - 4).toBe(parseInt(m[4] ?? '0', 16));
    }
    // Pod and service traffic (DNATed to a pod; port 80 kept) is tunnelled. The rest: egress SNATed to the node's IPv6 (NAT patched the checksum), routed natively to 2001:db8::/32.
    const egress = count(text, /IP6 \(hlim 64, next-header UDP \(17\) payload length: 160\) fd00:10:224::ae0:[0-9a-f]+\.\d+ > 2001:db8::[0-9a-f]+\.443: \[udp sum ok\]/g);
    expect(tunnels.length + egress).toBe(LIMIT);
    expect(egress).toBeGreaterThan(0);
  });

  it('Geneve over IPv6 with zero-checksum tunnels: outer checksum 0 (tcpdump, not configured for RFC 6935, flags it)', async () => {
    const text = await tcpdump({ encap: 'geneve', underlay: 'ipv6', inner: 'ipv6', geneveOptionsBytes: 12, zeroUdpChecksum: true }, UDP200, { podToPod: 1, podToService: 0, podToExternal: 0 });
    // A receiver that has not enabled zero-checksum tunnels must discard these (RFC 6936 §5); tcpdump applies the
    // default IPv6 rule (RFC 8200 §8.1) and shows the checksum it expected instead.
    expect(count(text, /\.6081: \[bad udp cksum 0x0000 -> 0x[0-9a-f]{4}!\] Geneve, Flags \[none\], vni 0x1092, options \[class Unknown \(0xff00\) type 0x1 len 12/g)).toBe(LIMIT);
    expect(count(text, /fd12:3456:789a:[0-9a-f:]+\.8080: \[udp sum ok\] UDP, length 152/g)).toBe(LIMIT);
  });

  it('IPv4 pods fragmented over an IPv6 underlay: each fragment is its own VXLAN datagram with a valid checksum', async () => {
    const text = await tcpdump(
      { encap: 'vxlan', underlay: 'ipv6', inner: 'ipv4', podMtu: 1500 },
      [{ ipBytes: 'mtu', weight: 1, protocol: 'udp', df: false }],
      { podToPod: 1, podToService: 0, podToExternal: 0 },
    );
    expect(text).not.toMatch(/bad udp cksum/);
    expect(count(text, /\.4789: \[udp sum ok\] VXLAN/g)).toBe(LIMIT);
    // 1500-byte datagrams inside a 1430-byte budget: first fragments carry 1408 data bytes (flags [+]), the second 72.
    expect(count(text, /flags \[\+\], proto UDP \(17\), length 1428\)/g)).toBe(LIMIT / 2);
    expect(count(text, /offset 1408, flags \[none\], proto UDP \(17\), length 92\)/g)).toBe(LIMIT / 2);
  });
});
