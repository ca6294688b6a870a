import { describe, expect, it } from 'vitest';
import { DATAPATH_CASE_EXTENSION as datapathExtension } from '../../src/scenario/extensions.ts';
import type { CellValue } from '../../src/output/csv-format.ts';
import { runScenarioCase } from '../../src/scenario/run.ts';
import { datapathScenario } from './datapath-fixture.ts';

type Row = Record<string, CellValue>;

async function rows(datapath: unknown): Promise<Row[]> {
  const r = await runScenarioCase(datapathScenario(datapath), { seed: 5, replicate: 0, extensions: [datapathExtension] });
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i] ?? null])));
}

const fullSize = (mix: { podToPod: number; podToService: number; podToExternal: number }) => ({
  packetsPerBatch: 256,
  ...mix,
  sizes: [{ ipBytes: 'mtu', weight: 1, protocol: 'tcp', df: true }],
});
const POD_TO_POD = { podToPod: 1, podToService: 0, podToExternal: 0 };

describe('IPv6 datapath: worked examples at VM MTU 1500 (full-size TCP segments)', () => {
  it('native IPv6 1440 B payload; VXLAN over IPv6 costs 70 B (pod MTU 1430, 1370 B payload), over IPv4 50 B', async () => {
    const [v4, n6, x66, x64, x46, g66] = await rows({
      traffic: fullSize(POD_TO_POD),
      variants: [
        { name: 'vxlan-v4', encap: 'vxlan' },
        { name: 'none-v6', encap: 'none', underlay: 'ipv6', inner: 'ipv6' },
        { name: 'vxlan-6in6', encap: 'vxlan', underlay: 'ipv6', inner: 'ipv6' },
        { name: 'vxlan-6in4', encap: 'vxlan', underlay: 'ipv4', inner: 'ipv6' },
        { name: 'vxlan-4in6', encap: 'vxlan', underlay: 'ipv6', inner: 'ipv4' },
        { name: 'geneve-6in6', encap: 'geneve', underlay: 'ipv6', inner: 'ipv6', geneveOptionsBytes: 8 },
      ],
    });
    if (v4 === undefined || n6 === undefined || x66 === undefined || x64 === undefined || x46 === undefined || g66 === undefined) {
      throw new Error('six rows expected');
    }
    // Same flows in every variant (IPv6 addresses are mapped from the same draws).
    const cross = Number(v4.dp_cross_node_packets);
    expect(cross).toBeGreaterThan(1000);
    for (const r of [n6, x66, x64, x46, g66]) expect(r.dp_cross_node_packets).toBe(cross);
    // IPv4-only rows leave the new columns empty.
    expect([v4.dp_underlay, v4.dp_inner, v4.dp_drops_packet_too_big_packets]).toEqual([null, null, null]);
    // Native IPv6: frame 14 + 1500, payload 1500 − 40 (IPv6) − 20 (TCP) = 1440.
    expect([n6.dp_underlay, n6.dp_inner, n6.dp_pod_mtu_bytes, n6.dp_tunnel_overhead_bytes]).toEqual(['ipv6', 'ipv6', 1500, 0]);
    expect(n6.dp_wire_bytes).toBe(cross * 1514);
    expect(n6.dp_payload_bytes).toBe(cross * 1440);
    // VXLAN over IPv6: 14 + 40 + 8 + 8 = 70 bytes in front of the inner frame; pod MTU 1430; payload 1430 − 60.
    expect([x66.dp_pod_mtu_bytes, x66.dp_tunnel_overhead_bytes]).toEqual([1430, 70]);
    expect(x66.dp_wire_bytes).toBe(cross * 1514);
    expect(x66.dp_payload_bytes).toBe(cross * 1370);
    expect(x66.dp_overhead_pct).toBeCloseTo((100 * (1514 - 1370)) / 1514, 9);
    // IPv6 pods over an IPv4 underlay: 50 B, pod MTU 1450, payload 1390. IPv4 pods over IPv6: 70 B, payload 1390.
    expect([x64.dp_underlay, x64.dp_inner, x64.dp_pod_mtu_bytes]).toEqual(['ipv4', 'ipv6', 1450]);
    expect(x64.dp_payload_bytes).toBe(cross * 1390);
    expect([x46.dp_underlay, x46.dp_inner, x46.dp_pod_mtu_bytes, x46.dp_drops_packet_too_big_packets]).toEqual(['ipv6', 'ipv4', 1430, null]);
    expect(x46.dp_payload_bytes).toBe(cross * 1390);
    // Geneve over IPv6 with 8 option bytes: 78 B, pod MTU 1422, payload 1362.
    expect([g66.dp_pod_mtu_bytes, g66.dp_tunnel_overhead_bytes]).toEqual([1422, 78]);
    expect(g66.dp_payload_bytes).toBe(cross * 1362);
    for (const r of [n6, x66, x64, x46, g66]) {
      expect(r.dp_delivered_packets).toBe(r.dp_packets);
      expect(r.dp_wire_bytes).toBe(cross * 1514);
      expect(r.dp_drops_decap_packets).toBe(0);
      expect(r.dp_fragments).toBe(0);
    }
  });

  it('pod MTU left at 1500 inside VXLAN over IPv6: every cross-node IPv6 packet is Packet Too Big, none fragmented', async () => {
    const [ptb] = await rows({ traffic: fullSize(POD_TO_POD), variants: [{ name: 'bad', encap: 'vxlan', underlay: 'ipv6', inner: 'ipv6', podMtu: 1500 }] });
    if (ptb === undefined) throw new Error('row expected');
    const cross = Number(ptb.dp_cross_node_packets);
    expect(cross).toBeGreaterThan(1000);
    expect(ptb.dp_drops_packet_too_big_packets).toBe(cross);
    expect(ptb.dp_drops_frag_needed_packets).toBe(0);
    expect([ptb.dp_fragmented_packets, ptb.dp_fragments, ptb.dp_wire_bytes]).toEqual([0, 0, 0]);
    expect(ptb.dp_delivered_packets).toBe(Number(ptb.dp_packets) - cross);
  });

  it('IPv6 service traffic is DNATed to a pod and egress SNATed to the node IPv6, routed natively', async () => {
    const [svc, egress] = await Promise.all([
      rows({ traffic: { ...fullSize({ podToPod: 0, podToService: 1, podToExternal: 0 }), sizes: [{ ipBytes: 100, weight: 1 }] }, variants: [{ name: 'v', encap: 'vxlan', underlay: 'ipv6', inner: 'ipv6' }] }),
      rows({ traffic: { ...fullSize({ podToPod: 0, podToService: 0, podToExternal: 1 }), sizes: [{ ipBytes: 100, weight: 1 }] }, variants: [{ name: 'v', encap: 'vxlan', underlay: 'ipv6', inner: 'ipv6' }] }),
    ]);
    const s = svc[0];
    const e = egress[0];
    if (s === undefined || e === undefined) throw new Error('rows expected');
    expect(s.dp_service_packets).toBe(s.dp_packets);
    expect(Number(s.dp_local_packets) + Number(s.dp_cross_node_packets)).toBe(s.dp_packets);
    expect(s.dp_delivered_packets).toBe(s.dp_packets);
    expect(Number(s.dp_cross_node_packets)).toBeGreaterThan(0);
    expect(s.dp_wire_bytes).toBe(Number(s.dp_cross_node_packets) * (70 + 14 + 100));
    expect(e.dp_egress_packets).toBe(e.dp_packets);
    expect(e.dp_wire_bytes).toBe(Number(e.dp_packets) * 114);
  });
});
