import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/error/input-error.ts';
import { resolveVariant } from '../../src/model/datapath/datapath-variant.ts';
import { parseScenarioText } from '../../src/scenario/load.ts';
import { datapathScenario } from './datapath-fixture.ts';

function problems(datapath: unknown): Array<{ path: string; value: string }> {
  try {
    datapathScenario(datapath);
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => ({ path: p.path, value: p.value }));
    throw e;
  }
  return [];
}

const V4 = { underlay6: false, inner6: false, zeroUdpChecksum: false };

describe('datapath section', () => {
  it('fills defaults: VXLAN 4789, Geneve 6081, VM MTU 1500, pod MTU lowered by the overhead, Simple IMIX', () => {
    const s = datapathScenario({ variants: [{ name: 'a', encap: 'vxlan' }, { name: 'b', encap: 'geneve', geneveOptionsBytes: 12 }, { name: 'c', encap: 'none' }] });
    const dp = s.datapath;
    if (dp === undefined) throw new Error('datapath expected');
    expect(dp.variants.map((v) => resolveVariant(v))).toEqual([
      { name: 'a', mode: 1, port: 4789, optionsBytes: 0, vni: 1, vmMtu: 1500, podMtu: 1450, overheadBytes: 50, ...V4 },
      { name: 'b', mode: 2, port: 6081, optionsBytes: 12, vni: 1, vmMtu: 1500, podMtu: 1438, overheadBytes: 62, ...V4 },
      { name: 'c', mode: 0, port: 1, optionsBytes: 0, vni: 1, vmMtu: 1500, podMtu: 1500, overheadBytes: 0, ...V4 },
    ]);
    expect(dp.traffic.sizes.map((z) => [z.ipBytes, z.weight])).toEqual([[40, 7], [576, 4], [1500, 1]]);
  });

  it('names the field of each bad value', () => {
    const got = problems({
      variants: [
        { name: 'x', encap: 'vxlan', vmMtu: 12000 },
        { name: 'x', encap: 'geneve', geneveOptionsBytes: 6 },
        { name: 'y', encap: 'gre' },
      ],
      traffic: { podToPod: 0, podToService: 0, podToExternal: 0 },
    });
    const paths = got.map((p) => p.path.replace(/^datapath-test\.yaml: /, ''));
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringContaining('datapath.variants[0].vmMtu'),
        expect.stringContaining('datapath.variants[1].geneveOptionsBytes'),
        expect.stringContaining('datapath.variants[2].encap'),
      ]),
    );
  });

  it('refuses duplicate variant names and an all-zero destination mix', () => {
    const got = problems({
      variants: [{ name: 'x', encap: 'vxlan' }, { name: 'x', encap: 'none' }],
      traffic: { podToPod: 0, podToService: 0, podToExternal: 0 },
    });
    const paths = got.map((p) => p.path);
    expect(paths.some((p) => p.includes('datapath.variants[1].name'))).toBe(true);
    expect(paths.some((p) => p.includes('datapath.traffic.podToPod'))).toBe(true);
  });

  it('address families: an IPv6 underlay adds 20 bytes to a tunnel (VXLAN 70), none to native routing', () => {
    const s = datapathScenario({
      variants: [
        { name: 'v6', encap: 'vxlan', underlay: 'ipv6', inner: 'ipv6' },
        { name: 'g6', encap: 'geneve', underlay: 'ipv6', geneveOptionsBytes: 12, zeroUdpChecksum: true },
        { name: 'n6', encap: 'none', underlay: 'ipv6', inner: 'ipv6', vmMtu: 3900 },
        { name: 'x', encap: 'vxlan', inner: 'ipv6' },
      ],
    });
    expect(s.datapath?.variants.map((v) => resolveVariant(v))).toEqual([
      { name: 'v6', mode: 1, port: 4789, optionsBytes: 0, vni: 1, vmMtu: 1500, podMtu: 1430, overheadBytes: 70, underlay6: true, inner6: true, zeroUdpChecksum: false },
      { name: 'g6', mode: 2, port: 6081, optionsBytes: 12, vni: 1, vmMtu: 1500, podMtu: 1418, overheadBytes: 82, underlay6: true, inner6: false, zeroUdpChecksum: true },
      { name: 'n6', mode: 0, port: 1, optionsBytes: 0, vni: 1, vmMtu: 3900, podMtu: 3900, overheadBytes: 0, underlay6: true, inner6: true, zeroUdpChecksum: false },
      { name: 'x', mode: 1, port: 4789, optionsBytes: 0, vni: 1, vmMtu: 1500, podMtu: 1450, overheadBytes: 50, underlay6: false, inner6: true, zeroUdpChecksum: false },
    ]);
  });

  it('refuses mixed families without a tunnel, IPv6 below 1280 bytes (RFC 8200 §5), zero checksums over IPv4', () => {
    const got = problems({
      variants: [
        { name: 'a', encap: 'none', underlay: 'ipv6' },
        { name: 'b', encap: 'vxlan', underlay: 'ipv6', vmMtu: 1279 },
        { name: 'c', encap: 'vxlan', underlay: 'ipv6', inner: 'ipv6', vmMtu: 1300 },
        { name: 'd', encap: 'none', inner: 'ipv6', underlay: 'ipv6', podMtu: 1000 },
        { name: 'e', encap: 'vxlan', zeroUdpChecksum: true },
        { name: 'f', encap: 'vxlan', underlay: 'ipv6', inner: 'ipv6', vmMtu: 1350 },
      ],
    });
    expect(got.map((p) => p.path.replace(/^datapath-test\.yaml: /, '').replace(/^datapath\.variants/, ''))).toEqual([
      '[0].underlay', '[1].vmMtu', '[2].vmMtu', '[3].podMtu', '[4].zeroUdpChecksum',
    ]);
  });

  it('scenarios/mtu-overhead.yaml validates', async () => {
    const { readFileSync } = await import('node:fs');
    const s = parseScenarioText(readFileSync('scenarios/mtu-overhead.yaml', 'utf8'), 'mtu-overhead.yaml');
    expect(s.datapath?.variants.map((v) => v.name)).toContain('vxlan-1500-pod1500');
  });
});
