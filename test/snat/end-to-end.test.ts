import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/output/csv-format.ts';
import { parseScenarioText } from '../../src/scenario/load.ts';
import { runScenarioCase } from '../../src/scenario/run.ts';

/** Every outbound type, TCP and UDP, pooling, in-cluster and VNet destinations, under Overlay and Node Subnet. */
const TEXT = `
name: snat-all-types
durationS: 900
sampleIntervalS: 60
cni: [overlay, node-subnet]
network: { vnet: 10.224.0.0/12, nodeSubnet: 10.224.0.0/22, podSubnet: 10.225.0.0/21, podCidr: 10.244.0.0/16 }
cluster:
  pools:
    - { name: user, count: 6, maxPods: 10 }
workload:
  deployments:
    - { name: app, pool: user, replicas: 60 }
traffic:
  workloads:
    - name: db
      ratePerPodPerS: 2
      destinations:
        - { kind: external, endpoint: "203.0.113.10:5432", weight: 4 }
        - { kind: external, endpoint: "198.51.100.53:53", protocol: udp, weight: 2 }
        - { kind: vnet, weight: 1 }
        - { kind: pod-other-node, weight: 1 }
      durationS: { kind: exponential, meanS: 0.5 }
      close: { fin: 0.8, rst: 0.1, idle: 0.05, halfOpen: 0.05 }
    - name: api
      ratePerPodPerS: 5
      schedule: [{ atS: 450, ratePerPodPerS: 10 }]
      destinations:
        - { kind: external, endpoint: "203.0.113.20:443" }
      durationS: { kind: fixed, valueS: 0.05 }
      pooling: { keepAliveS: 30 }
outbound:
  designs:
    - { name: lb, outboundType: loadBalancer }
    - { name: lb-manual, outboundType: loadBalancer, outboundIps: 1, outboundPorts: 4000, idleTimeoutMin: 4 }
    - { name: nat, outboundType: managedNATGateway }
    - { name: nat-user, outboundType: userAssignedNATGateway, outboundIps: 2, holdDown: { finS: 10 } }
    - { name: fw, outboundType: userDefinedRouting, outboundIps: 1 }
`;

describe('end to end: every outbound type in one run', async () => {
  const s = parseScenarioText(TEXT, 'snat-all-types.yaml');
  const r = await runScenarioCase(s, { seed: s.seed, replicate: 0, timeseries: true });
  const col = (name: string) => r.columns.indexOf(name);
  const tcol = (name: string) => r.timeseriesColumns.indexOf(name);
  const cell = (row: readonly CellValue[], name: string) => row[col(name)];

  it('one row per networking model × design, in order', () => {
    expect(r.rows.map((row) => `${cell(row, 'cni')}/${cell(row, 'outbound')}/${cell(row, 'outbound_type')}`)).toEqual([
      'overlay/lb/loadBalancer',
      'overlay/lb-manual/loadBalancer',
      'overlay/nat/managedNATGateway',
      'overlay/nat-user/userAssignedNATGateway',
      'overlay/fw/userDefinedRouting',
      'node-subnet/lb/loadBalancer',
      'node-subnet/lb-manual/loadBalancer',
      'node-subnet/nat/managedNATGateway',
      'node-subnet/nat-user/userAssignedNATGateway',
      'node-subnet/fw/userDefinedRouting',
    ]);
  });

  it('every design gets the same requests; which ones fail depends on the design', () => {
    for (const name of ['connection_attempts', 'connections_not_snated', 'requests_pooled']) {
      expect(new Set(r.rows.map((row) => cell(row, name))).size).toBe(1);
    }
    // A quarter of db connections stay inside the VNet (vnet and pod destinations) under both models.
    expect(Number(cell(r.rows[0] ?? [], 'connections_not_snated'))).toBeGreaterThan(0.2 * 60 * 2 * 900 * 0.9);
    const failures = (design: string) => r.rows.filter((x) => cell(x, 'outbound') === design).map((x) => Number(cell(x, 'snat_failures')));
    // UDP to one resolver IP holds an LB port for the 30-minute idle timeout: 5/s per node outgrows 1,024 ports.
    expect(failures('lb').every((v) => v > 0)).toBe(true);
    // One firewall IP: 2,496 × 2 instances = 4,992 ports toward a destination, shared by 6 nodes.
    expect(failures('fw').every((v) => v > 0)).toBe(true);
    expect([...failures('lb-manual'), ...failures('nat'), ...failures('nat-user')]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('NAT gateway FIN/RST/half-open/UDP closes show up in hold-down; the LB and firewall hold nothing by default', () => {
    const held = (design: string) => r.rows.filter((x) => cell(x, 'outbound') === design).map((x) => Number(cell(x, 'snat_ports_hold_down_peak')));
    expect(held('nat').every((v) => v > 0)).toBe(true);
    expect(held('lb').every((v) => v === 0)).toBe(true);
    expect(held('fw').every((v) => v === 0)).toBe(true);
    // A 10 s FIN hold-down holds fewer ports than the documented 65 s.
    expect(held('nat-user')[0]).toBeLessThan(held('nat')[0] ?? 0);
  });

  it('time series: counts are cumulative, and the largest interval peak equals the summary peak', () => {
    for (const row of r.rows) {
      const ts = r.timeseries.filter((t) => t[tcol('cni')] === cell(row, 'cni') && t[tcol('outbound')] === cell(row, 'outbound'));
      expect(ts).toHaveLength(16);
      const attempts = ts.map((t) => Number(t[tcol('connection_attempts')]));
      expect(attempts).toEqual([...attempts].sort((a, b) => a - b));
      expect(attempts.at(-1)).toBe(cell(row, 'connection_attempts'));
      for (const name of ['snat_ports_in_use_node_peak', 'snat_ports_in_use_total_peak', 'snat_ports_hold_down_peak']) {
        expect(Math.max(...ts.map((t) => Number(t[tcol(name)])))).toBe(cell(row, name));
      }
    }
  });
});
