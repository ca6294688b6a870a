import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { DATAPATH_CASE_EXTENSION as datapathExtension } from '../../src/scenario/extensions.ts';
import { ipv6Ranges, mapToIpv6 } from '../../src/model/datapath/ipv6-plan.ts';
import { parseCidr } from '../../src/net/cidr.ts';
import { PcapCapture } from '../../src/output/pcap.ts';
import { validateScenarioData } from '../../src/scenario/load.ts';
import { runScenarioCase } from '../../src/scenario/run.ts';

const LIMIT = 200;

/**
 * A dual-stack cluster whose IPv6 ranges are none of the defaults: pods fd00:beef:1::/56 in /72 node blocks,
 * services fd00:beef:2::/112, VNet fd00:aa::/32 with node subnet fd00:aa:bb::/64. Nodes are 10.224.0.4, .5, …
 */
function scenario(variant: Record<string, unknown>, vnet: Record<string, unknown>) {
  return validateScenarioData(
    {
      name: 'ipv6-ranges',
      seed: 5,
      durationS: 20,
      sampleIntervalS: 10,
      cni: ['overlay'],
      network: { ipFamilies: ['IPv4', 'IPv6'], podCidrs: ['10.244.0.0/16', 'fd00:beef:1::/56'], serviceCidrs: ['10.0.0.0/16', 'fd00:beef:2::/112'], ...vnet },
      assumptions: { ipv6NodeBlockPrefix: 72 },
      cluster: {
        pools: [
          { name: 'system', mode: 'system', count: 2, maxPods: 30 },
          { name: 'user', mode: 'user', count: 3, maxPods: 30 },
        ],
        autoscaler: { provisioningDelayS: 2 },
      },
      workload: { deployments: [{ name: 'web', replicas: 60, podStartS: 1 }] },
      datapath: {
        traffic: { packetsPerBatch: 64, podToPod: 0.6, podToService: 0.4, podToExternal: 0, sizes: [{ ipBytes: 200, weight: 1, protocol: 'udp' }] },
        variants: [{ name: 'v', ...variant }],
      },
    },
    'ipv6-ranges.yaml',
  );
}

async function frames(variant: Record<string, unknown>, vnet: Record<string, unknown> = { vnetIpv6: 'fd00:aa::/32', nodeSubnetIpv6: 'fd00:aa:bb::/64' }): Promise<Uint8Array[]> {
  const capture = new PcapCapture(LIMIT);
  await runScenarioCase(scenario(variant, vnet), { seed: 5, replicate: 0, frameSink: capture, extensions: [datapathExtension] });
  const file = capture.bytes();
  const dv = new DataView(file.buffer);
  const out: Uint8Array[] = [];
  for (let p = 24; p < file.length; ) {
    const len = dv.getUint32(p + 8, true);
    out.push(file.subarray(p + 16, p + 16 + len));
    p += 16 + len;
  }
  expect(out).toHaveLength(LIMIT);
  return out;
}

const hex = (b: Uint8Array, from: number, to: number) => [...b.subarray(from, to)].map((x) => x.toString(16).padStart(2, '0')).join('');
const ETHERTYPE_IPV6 = '86dd';

describe('IPv6 datapath ranges come from the scenario', () => {
  it('VXLAN over IPv6: inner addresses lie in the scenario\'s pod CIDR, in the /72 of the node the tunnel goes to', async () => {
    for (const f of await frames({ encap: 'vxlan', underlay: 'ipv6', inner: 'ipv6' })) {
      expect(hex(f, 12, 14)).toBe(ETHERTYPE_IPV6);
      // Outer source and destination (at 22 and 38): the scenario's node subnet fd00:aa:bb::/64, then the node's
      // IPv4 address 10.224.0.x zero-extended.
      for (const at of [22, 38]) expect(hex(f, at, at + 16)).toMatch(/^fd0000aa00bb0000000000000ae000[0-9a-f]{2}$/);
      // Inner IPv6 header at 14 + 40 + 8 + 8 + 14 = 84: source at +8, destination at +24 (DNATed service traffic
      // arrives at a backend pod). fd00:beef:1::/56, then the 16-bit /72 block index, then host bits.
      const inner = 84;
      expect(hex(f, inner - 2, inner)).toBe(ETHERTYPE_IPV6);
      for (const at of [inner + 8, inner + 24]) expect(hex(f, at, at + 7)).toBe('fd00beef000100');
      // Node 10.224.0.(4 + n) holds block n of the IPv6 pod CIDR.
      const dstNode = (f[53] ?? 0) - 4;
      expect(((f[inner + 24 + 7] ?? 0) << 8) | (f[inner + 24 + 8] ?? 0)).toBe(dstNode);
    }
  });

  it('a VNet given without a node subnet gives the nodes its first /64', async () => {
    for (const f of await frames({ encap: 'geneve', underlay: 'ipv6', inner: 'ipv6' }, { vnetIpv6: 'fd00:cc::/48' })) {
      for (const at of [22, 38]) expect(hex(f, at, at + 16)).toMatch(/^fd0000cc00000000000000000ae000[0-9a-f]{2}$/);
    }
  });

  it('native IPv6: the pods\' packets are on the wire as they are, in the scenario\'s pod CIDR', async () => {
    for (const f of await frames({ encap: 'none', underlay: 'ipv6', inner: 'ipv6' })) {
      expect(hex(f, 12, 14)).toBe(ETHERTYPE_IPV6);
      for (const at of [22, 38]) expect(hex(f, at, at + 7)).toBe('fd00beef000100');
    }
  });
});

describe('mapToIpv6 with non-default ranges (known answers)', () => {
  const r = ipv6Ranges({ podCidrIpv6: 'fd00:beef:1::/56', serviceCidrIpv6: 'fd00:beef:2::/120', nodeBlockPrefix: 72 });
  const pods = parseCidr('10.0.0.0/8');
  const services = parseCidr('192.168.0.0/16');
  const map = (v4: string): string => {
    if (pods === undefined || services === undefined) throw new Error('test CIDRs');
    const out = new Uint32Array(4);
    mapToIpv6(ipaddr.IPv4.parse(v4).toByteArray().reduce((a, b) => a * 256 + b, 0), pods, services, r, out, 0);
    return ipaddr.fromByteArray([...out].flatMap((w) => [w >>> 24, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff])).toString();
  };

  it('a pod in IPv4 /24 number 0x1ff lands in /72 block 0x1ff, which straddles two 32-bit words', () => {
    expect(map('10.1.255.5')).toBe('fd00:beef:1:1:ff00::5');
    expect(map('10.0.3.17')).toBe('fd00:beef:1:0:300::11');
  });

  it('a ClusterIP keeps its offset modulo the size of a /120 service CIDR; the Internet maps to 2001:db8::/32', () => {
    expect(map('192.168.1.44')).toBe('fd00:beef:2::2c');
    expect(map('198.51.100.7')).toBe('2001:db8::7');
  });

  it('without scenario ranges: the AKS and ULA defaults', () => {
    const d = ipv6Ranges();
    const text = (c: { words: readonly number[]; prefix: number }) =>
      `${ipaddr.fromByteArray(c.words.flatMap((w) => [w >>> 24, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff])).toString()}/${c.prefix}`;
    expect([text(d.pod), text(d.service), text(d.vnet), text(d.nodeSubnet), d.nodeBlockPrefix]).toEqual([
      'fd12:3456:789a::/64', 'fd12:3456:789a:1::/108', 'fd00:10::/48', 'fd00:10:224::/64', 80,
    ]);
  });
});
