import { describe, expect, it } from 'vitest';
import { planScenario } from '../../src/plan/plan.ts';
import { loadScenarioFile, parseScenarioText } from '../../src/scenario/load.ts';
import { runScenarioCase } from '../../src/scenario/run.ts';

const GROW = (podCidrs: string, cni: string) => `
name: grow
durationS: 14400
sampleIntervalS: 600
cni: [${cni}]
network: { ipFamilies: [IPv4, IPv6], podCidrs: [${podCidrs}] }
cluster:
  pools:
    - { name: user, count: 2, maxPods: 110, autoscale: { minCount: 2, maxCount: 30 } }
workload:
  deployments:
    - { name: web, replicas: 100, schedule: [{ kind: ramp, fromS: 600, toS: 7200, replicas: 3000 }] }
`;

async function run(text: string) {
  const s = parseScenarioText(text, 'grow.yaml');
  const r = await runScenarioCase(s, { seed: 5, replicate: 0, timeseries: true });
  const row = r.rows[0] ?? [];
  const at = (n: string) => row[r.columns.indexOf(n)];
  return { s, r, at };
}

describe('dual-stack: simulator and planner agree on which family runs out first', () => {
  it('scenarios/dual-stack.yaml: IPv4 runs out at 32 nodes with 32 of 65,536 IPv6 blocks taken', async () => {
    const s = loadScenarioFile('scenarios/dual-stack.yaml');
    const plan = planScenario(s, 'overlay');
    const r = await runScenarioCase(s, { seed: s.seed, replicate: 0 });
    const at = (n: string) => r.rows[0]?.[r.columns.indexOf(n)];
    // The planner's maxNodesThatFit leaves room for the upgrade surge (10% per pool, rounded up): 14 system + 14
    // user nodes + 2 + 2 surge = 32 /24s. The run has no upgrade, so the simulator grows to every /24 the pod
    // CIDR holds: its nodes_peak is the planner's 32 blocks, i.e. maxNodesThatFit + its 4 surge nodes.
    expect([plan.families.runsOutFirst, plan.maxNodesThatFit, plan.families.podCidrIpv6?.usable]).toEqual(['IPv4', 28, 65_536]);
    expect(plan.podCidr?.usable).toBe(32 * 256);
    expect([at('nodes_peak'), at('pod_cidr_blocks_peak'), at('ipv6_pod_cidr_blocks_peak'), at('ipv6_node_ips_peak'), at('exhaustion_cause')]).toEqual([32, 32, 32, 32, 'pod-cidr-full']);
    expect(at('ipv6_pod_ips_peak')).toBeGreaterThanOrEqual(at('pods_peak') as number);
  });

  it('a /76 IPv6 pod CIDR (16 /80s) stops the cluster at 16 nodes, the planner\'s 16 blocks (14 nodes + 2 surge)', async () => {
    const { s, at } = await run(GROW('10.244.0.0/16, "fd00:1::/76"', 'overlay'));
    const plan = planScenario(s, 'overlay');
    // maxNodesThatFit keeps room for the 10% surge: 14 + 2 = 16 /80s. The run has no upgrade, so it grows to all 16.
    expect([plan.families.runsOutFirst, plan.maxNodesThatFit, plan.limitingFactor]).toEqual(['IPv6', 14, 'pod-cidr-ipv6']);
    expect(plan.families.podCidrIpv6?.usable).toBe(16);
    expect([at('nodes_peak'), at('ipv6_pod_cidr_blocks_peak'), at('exhaustion_cause')]).toEqual([16, 16, 'pod-cidr-ipv6-full']);
  });

  it('the time series carries IPv6 blocks and addresses beside IPv4; kubenet dual-stack too', async () => {
    const { r } = await run(GROW('10.244.0.0/16, "fd12:3456:789a::/64"', 'overlay, kubenet'));
    const col = (n: string) => r.timeseriesColumns.indexOf(n);
    expect(r.timeseriesColumns.slice(col('vnet_ips_used'), col('ipv6_pod_ips') + 1)).toEqual(['vnet_ips_used', 'ipv6_pod_cidr_blocks', 'ipv6_node_ips', 'ipv6_pod_ips']);
    for (const row of r.timeseries) {
      // Overlay and kubenet: every node holds one IPv4 address, one IPv6 address and one block of each family.
      expect(row[col('ipv6_node_ips')]).toBe(row[col('vnet_ips_allocated')]);
      expect(row[col('ipv6_pod_cidr_blocks')]).toBe(row[col('vnet_ips_allocated')]);
      expect(row[col('ipv6_pod_ips')]).toBeGreaterThanOrEqual(row[col('pods_running')] as number);
    }
    expect(r.timeseries.at(-1)?.[col('ipv6_pod_ips')]).toBeGreaterThan(2000);
  });

  it('an IPv4-only run has no IPv6 column at all', async () => {
    const s = parseScenarioText(GROW('10.244.0.0/16', 'overlay').replace('ipFamilies: [IPv4, IPv6], ', ''), 'v4.yaml');
    const r = await runScenarioCase(s, { seed: 5, replicate: 0, timeseries: true });
    expect([...r.columns, ...r.timeseriesColumns].filter((c) => c.includes('ipv6'))).toEqual([]);
  });
});
