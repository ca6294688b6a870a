import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/import/index.ts';
import { planScenario } from '../../src/plan/plan.ts';
import { planJson } from '../../src/plan/plan-report.ts';
import { validateScenarioData } from '../../src/scenario/load.ts';
import { runScenarioCase } from '../../src/scenario/run.ts';
import { cnisim } from '../cli/cli-harness.ts';

const CLUSTER = 'test/fixtures/node-subnet-pe/cluster.az.json';
const SUBNET = 'test/fixtures/node-subnet-pe/subnet.az.json';

// 50 nodes at maxPods 30 with surge 1 need (50 + 1) × 31 = 1,581 addresses (concepts-network-ip-address-planning);
// a /21 has 2,048 − 5 = 2,043; the subnet's 3 private endpoints leave 2,043 − 3 − 1,581 = 459.
describe('an imported cluster plans to the documented known answer', () => {
  it('Node Subnet, 50 nodes, maxPods 30, surge 1, a /21 shared with 3 private endpoints', () => {
    const s = validateScenarioData(importFiles([CLUSTER, SUBNET]).draft.data, 'imported');
    const p = planScenario(s, 'node-subnet');
    expect(p.nodeSubnet).toEqual({ cidr: '10.224.0.0/21', usable: 2043, usedByOthers: 3, required: 1581, free: 459 });
    expect(p.fits).toBe(true);
    // ⌊(2,043 − 3) / 31⌋ = 65 nodes' addresses, the surge node among them (issue 9 item 2): 64 nodes + 1 surge.
    expect(p.maxNodesThatFit).toBe(64);
  });

  it('`cnisim plan cluster.json subnet.json` is import followed by plan, and reports nodeSubnet.usedByOthers', () => {
    const r = cnisim(['plan', CLUSTER, SUBNET, '--format', 'json']);
    expect(r.code).toBe(0);
    const [plan] = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(plan?.['nodeSubnet']).toEqual({ cidr: '10.224.0.0/21', usable: 2043, usedByOthers: 3, required: 1581, free: 459 });
  });

  it('flags override the imported cluster: --nodes 64 fits (65 with surge), --nodes 65 does not (the 3 endpoints count)', () => {
    const fits = cnisim(['plan', CLUSTER, SUBNET, '--nodes', '64', '--format', 'json']);
    expect(fits.code).toBe(0);
    // 65 + 1 surge = 66 nodes × 31 = 2,046 > 2,040 available.
    const over = cnisim(['plan', CLUSTER, SUBNET, '--nodes', '65', '--format', 'json']);
    expect(over.code).toBe(1);
    const [plan] = JSON.parse(over.stdout) as Array<{ nodeSubnet: { free: number }; errors: Array<{ code: string }> }>;
    expect(plan?.nodeSubnet.free).toBe(2040 - 66 * 31);
    expect(plan?.errors.map((e) => e.code)).toEqual(['SubnetFullDuringUpgrade']);
  });

  it('--cni overlay plans the migration of the same cluster: one address per node', () => {
    const r = cnisim(['plan', CLUSTER, SUBNET, '--cni', 'overlay', '--format', 'json']);
    expect(r.code).toBe(0);
    const [plan] = JSON.parse(r.stdout) as Array<{ nodeSubnet: Record<string, unknown> }>;
    expect(plan?.nodeSubnet).toEqual({ cidr: '10.224.0.0/21', usable: 2043, usedByOthers: 3, required: 51, free: 1989 });
  });
});

describe('the simulator subtracts the other tenants as the planner does', () => {
  // At maxPods 156 a node takes 157 addresses: 13 × 157 = 2,041 fits the /21's 2,043 but not the 2,040 the
  // 3 private endpoints leave, so the answer is 12 nodes only if the tenants are subtracted.
  it('13 nodes at maxPods 156 in the shared /21: 12 join, the 13th finds the subnet full; the planner holds 11 + 1 surge', async () => {
    const imported = importFiles([CLUSTER, SUBNET]).draft.data as Record<string, unknown>;
    const s = validateScenarioData({ ...imported, durationS: 600, sampleIntervalS: 600 }, 'imported');
    const scenario = { ...s, cluster: { ...s.cluster, pools: s.cluster.pools.map((p) => ({ ...p, count: 13, maxPods: 156 })) } };
    const r = await runScenarioCase(scenario, { seed: 1, replicate: 0, timeseries: false });
    const row = r.rows[0] ?? [];
    const col = (n: string) => row[r.columns.indexOf(n)];
    expect([col('nodes_peak'), col('vnet_ips_allocated_peak'), col('exhaustion_cause')]).toEqual([12, 12 * 157, 'node-subnet-full']);
    // ⌊2,040 / 157⌋ = 12 nodes' addresses. The run has no upgrade and fills all 12; the planner keeps one for the
    // surge node (maxSurge 1): 11 nodes, whose upgrade peaks at the same 12 the run reaches.
    expect(planJson(planScenario(scenario, 'node-subnet'))['maxNodesThatFit']).toBe(11);
  });
});

describe('`cnisim run` takes the import files, with what-if flags', () => {
  it('run cluster.json subnet.json --nodes 13 --max-pods 156: the summary shows 12 nodes and the subnet full', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnisim-import-run-'));
    try {
      const out = join(dir, 's.csv');
      const r = cnisim(['run', CLUSTER, SUBNET, '--nodes', '13', '--max-pods', '156', '--quiet', '--out', out, '--timeseries', join(dir, 't.csv'), '--events', join(dir, 'e.csv')]);
      expect(r.code).toBe(0);
      const [header, row] = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => l.split(','));
      const col = (n: string) => row?.[header?.indexOf(n) ?? -1];
      expect([col('cni'), col('nodes_peak'), col('exhaustion_cause')]).toEqual(['node-subnet', '12', 'node-subnet-full']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
