import { describe, expect, it } from 'vitest';
import { CNI_NAMES } from '../../src/model/ipam/cni.ts';
import { planScenario } from '../../src/plan/plan.ts';
import { parseScenarioText } from '../../src/scenario/load.ts';
import { runScenarioCase } from '../../src/scenario/run.ts';

// Fixed pools, a steady workload, no churn, no upgrade: once the cluster settles, what the simulator holds must
// be what the closed-form planner computes for every model. The pods arrive after every node is Ready (at
// 600 s), so the scheduler spreads them evenly as the planner assumes; pods pending while nodes boot would
// instead fill the first Ready node.
const STEADY = (maxPods: number, replicas: number) => `
name: steady
durationS: 3600
sampleIntervalS: 600
cni: [${CNI_NAMES.join(', ')}]
network: { nodeSubnet: 10.224.0.0/20, podSubnet: 10.225.0.0/16, internalLoadBalancerFrontends: 3 }
cluster:
  pools:
    - { name: system, mode: system, count: 3, maxPods: 30 }
    - { name: user, count: 12, maxPods: ${maxPods} }
workload:
  daemonsetPodsPerNode: 3
  deployments:
    - { name: web, pool: user, replicas: 0, schedule: [{ kind: step, atS: 600, replicas: ${replicas} }] }
    - { name: dns, pool: system, replicas: 0, schedule: [{ kind: step, atS: 600, replicas: 6 }] }
`;

describe('planner and simulator agree at steady state', () => {
  it.each([
    [30, 300],
    [110, 1000],
    [250, 2900],
    [47, 17],
  ])('maxPods %i, %i web replicas', async (maxPods, replicas) => {
    const s = parseScenarioText(STEADY(maxPods, replicas), 'steady.yaml');
    const r = await runScenarioCase(s, { seed: 3, replicate: 0, timeseries: true });
    const col = (n: string) => r.timeseriesColumns.indexOf(n);
    for (const cni of s.cni) {
      const last = r.timeseries.filter((row) => row[col('cni')] === cni).at(-1);
      const plan = planScenario(s, cni);
      expect({ cni, nodes: last?.[col('nodes')], vnetIps: last?.[col('vnet_ips_allocated')], pending: last?.[col('pods_pending')] }).toEqual({
        cni,
        nodes: plan.steadyState.nodes,
        vnetIps: plan.steadyState.vnetIps,
        pending: 0,
      });
    }
  });
});
