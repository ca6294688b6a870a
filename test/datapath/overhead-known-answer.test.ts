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

const fullSize = (protocol: 'tcp' | 'udp', df: boolean) => ({
  packetsPerBatch: 256,
  podToPod: 1,
  podToService: 0,
  podToExternal: 0,
  sizes: [{ ipBytes: 'mtu', weight: 1, protocol, df }],
});

describe('datapath overhead: worked examples', () => {
  it('full-size TCP segments at VM MTU 1500: none 1514-byte frames with 1460 payload, VXLAN 1514 with 1410', async () => {
    const [none, vxlan, geneve] = await rows({
      traffic: fullSize('tcp', true),
      variants: [
        { name: 'none', encap: 'none' },
        { name: 'vxlan', encap: 'vxlan' },
        { name: 'geneve8', encap: 'geneve', geneveOptionsBytes: 8 },
      ],
    });
    if (none === undefined || vxlan === undefined || geneve === undefined) throw new Error('three rows expected');
    // Same packets in every variant (common random numbers).
    const cross = Number(none.dp_cross_node_packets);
    expect(cross).toBeGreaterThan(1000);
    expect([vxlan.dp_cross_node_packets, geneve.dp_cross_node_packets]).toEqual([cross, cross]);
    expect(none.dp_packets).toBe(vxlan.dp_packets);
    // Native: pod MTU = VM MTU = 1500; frame = 14 + 1500; payload = 1500 − 20 (IPv4) − 20 (TCP).
    expect(none.dp_pod_mtu_bytes).toBe(1500);
    expect(none.dp_wire_bytes).toBe(cross * 1514);
    expect(none.dp_payload_bytes).toBe(cross * 1460);
    expect(none.dp_overhead_pct).toBeCloseTo((100 * 54) / 1514, 9);
    // VXLAN lowers the pod MTU by 50 to 1450: frame = 50 + 14 + 1450 = 1514; payload 1410.
    expect(vxlan.dp_pod_mtu_bytes).toBe(1450);
    expect(vxlan.dp_tunnel_overhead_bytes).toBe(50);
    expect(vxlan.dp_wire_bytes).toBe(cross * 1514);
    expect(vxlan.dp_payload_bytes).toBe(cross * 1410);
    expect(vxlan.dp_overhead_pct).toBeCloseTo((100 * 104) / 1514, 9);
    // Geneve with 8 option bytes: 58 bytes of tunnel, pod MTU 1442, payload 1402.
    expect(geneve.dp_pod_mtu_bytes).toBe(1442);
    expect(geneve.dp_wire_bytes).toBe(cross * 1514);
    expect(geneve.dp_payload_bytes).toBe(cross * 1402);
    for (const r of [none, vxlan, geneve]) {
      expect(r.dp_delivered_packets).toBe(r.dp_packets);
      expect(r.dp_fragments).toBe(0);
    }
  });

  it('pod MTU left at 1500 inside VXLAN: DF packets are dropped (fragmentation needed), others become 2 fragments', async () => {
    const [df] = await rows({ traffic: fullSize('tcp', true), variants: [{ name: 'bad', encap: 'vxlan', podMtu: 1500 }] });
    const [noDf] = await rows({ traffic: fullSize('udp', false), variants: [{ name: 'bad', encap: 'vxlan', podMtu: 1500 }] });
    if (df === undefined || noDf === undefined) throw new Error('rows expected');
    const cross = Number(df.dp_cross_node_packets);
    expect(df.dp_drops_frag_needed_packets).toBe(cross);
    expect(df.dp_wire_bytes).toBe(0);
    expect(df.dp_delivered_packets).toBe(Number(df.dp_packets) - cross);
    // 1500-byte UDP datagram, tunnel budget 1450: fragments carry floor((1450−20)/8)×8 = 1424 and 56 data bytes.
    // Wire: 2 × (50 + 14 + 20) + 1480 = 1648 bytes per datagram.
    const crossU = Number(noDf.dp_cross_node_packets);
    expect(noDf.dp_fragmented_packets).toBe(crossU);
    expect(noDf.dp_fragments).toBe(2 * crossU);
    expect(noDf.dp_underlay_frames).toBe(2 * crossU);
    expect(noDf.dp_wire_bytes).toBe(1648 * crossU);
    expect(noDf.dp_payload_bytes).toBe(1472 * crossU);
    expect(noDf.dp_drops_frag_needed_packets).toBe(0);
  });

  it('service traffic is DNATed to a pod, egress is SNATed and routed natively even with a tunnel', async () => {
    const [svc] = await rows({
      traffic: { packetsPerBatch: 128, podToPod: 0, podToService: 1, podToExternal: 0, sizes: [{ ipBytes: 100, weight: 1 }] },
      variants: [{ name: 'vxlan', encap: 'vxlan' }],
    });
    const [egress] = await rows({
      traffic: { packetsPerBatch: 128, podToPod: 0, podToService: 0, podToExternal: 1, sizes: [{ ipBytes: 100, weight: 1 }] },
      variants: [{ name: 'vxlan', encap: 'vxlan' }],
    });
    if (svc === undefined || egress === undefined) throw new Error('rows expected');
    expect(svc.dp_service_packets).toBe(svc.dp_packets);
    expect(Number(svc.dp_local_packets) + Number(svc.dp_cross_node_packets)).toBe(svc.dp_packets);
    expect(svc.dp_delivered_packets).toBe(svc.dp_packets);
    expect(egress.dp_egress_packets).toBe(egress.dp_packets);
    // Native frames: 14 + 100 bytes each, no tunnel.
    expect(egress.dp_wire_bytes).toBe(Number(egress.dp_packets) * 114);
  });

  it('a scenario without a datapath section has one empty variant and no model', async () => {
    const s = datapathScenario(undefined);
    expect(datapathExtension.variants(s)).toEqual(['']);
    const r = await runScenarioCase(s, { seed: 5, replicate: 0, extensions: [datapathExtension] });
    const at = r.columns.indexOf('dp_packets');
    expect(r.rows.map((row) => row[at])).toEqual([null]);
  });

  it('is deterministic: the same case twice gives identical rows and time series', async () => {
    const dp = { variants: [{ name: 'vxlan', encap: 'vxlan' }, { name: 'none', encap: 'none' }] };
    const a = await runScenarioCase(datapathScenario(dp), { seed: 9, replicate: 1, timeseries: true, extensions: [datapathExtension] });
    const b = await runScenarioCase(datapathScenario(dp), { seed: 9, replicate: 1, timeseries: true, extensions: [datapathExtension] });
    expect(b.rows).toEqual(a.rows);
    expect(b.timeseries).toEqual(a.timeseries);
    expect(a.timeseries.length).toBeGreaterThan(2);
  });
});
