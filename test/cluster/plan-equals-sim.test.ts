import { describe, expect, it } from 'vitest';
import { CNI_NAMES, type CniName } from '../../src/model/ipam/cni.ts';
import { planScenario } from '../../src/plan/plan.ts';
import { parseScenarioText } from '../../src/scenario/load.ts';
import type { Scenario } from '../../src/scenario/schema/scenario.ts';
import { wireCluster } from '../../src/scenario/wire.ts';

const S = 1e9;
const UPGRADE_AT_S = 1000;

/** Five pools of four nodes (the AKS quota example), every node full at maxPods 30, one upgrade of every pool. */
function fivePools(settings: string, concurrency: 'all' | 'sequential'): Scenario {
  const pools = [1, 2, 3, 4, 5].map((i) => `    - { name: pool${i}, mode: ${i === 1 ? 'system' : 'user'}, count: 4, maxPods: 30, ${settings} }`).join('\n');
  return parseScenarioText(
    `name: quota
durationS: 4000
network: { nodeSubnet: 10.224.0.0/20, podSubnet: 10.225.0.0/20, podCidr: 10.244.0.0/16 }
cluster:
  pools:
${pools}
  upgrades: [{ atS: ${UPGRADE_AT_S}, drainS: 60, concurrency: ${concurrency} }]
workload: { deployments: [{ name: web, replicas: 480 }] }
`,
    'quota.yaml',
  );
}

/** What the simulator shows just before the upgrade and at its peak, beside what the planner says. */
function compare(s: Scenario, cni: CniName) {
  const plan = planScenario(s, cni);
  const w = wireCluster(s, cni, 1, 0);
  w.start();
  w.sim.run((UPGRADE_AT_S - 1) * S);
  const steady = { nodes: w.cluster.vmCount(), vnetIps: w.cluster.ipam.vnetIpsAllocated(), blocks: w.cluster.ipam.podCidrBlocksAllocated() };
  w.sim.run(s.durationS * S);
  const peaks = w.cluster.peaks;
  return {
    sim: { steady, peak: { nodes: peaks.nodes, vnetIps: peaks.vnetIpsAllocated, blocks: peaks.podCidrBlocks }, after: w.cluster.vmCount() },
    plan: {
      steady: { nodes: plan.nodes, vnetIps: plan.steadyState.vnetIps, blocks: plan.steadyState.podCidrBlocks },
      peak: {
        nodes: plan.nodes + plan.surgeNodes,
        vnetIps: plan.subnets.reduce((sum, u) => sum + u.required, 0),
        blocks: plan.podCidr === null ? 0 : plan.podCidr.required / 256,
      },
    },
  };
}

describe('planner = simulator at steady state and at the peak of an upgrade (issue 9)', () => {
  for (const cni of CNI_NAMES) {
    it(`${cni}: five pools at 50% surge, all at once`, () => {
      const c = compare(fivePools('maxSurge: "50%"', 'all'), cni);
      expect(c.sim.steady).toEqual(c.plan.steady);
      expect(c.sim.peak).toEqual(c.plan.peak);
      expect(c.sim.after).toBe(20);
    });

    it(`${cni}: five pools at 50% surge, one after another`, () => {
      const c = compare(fivePools('maxSurge: "50%"', 'sequential'), cni);
      expect(c.sim.peak).toEqual(c.plan.peak);
      expect(c.sim.peak.nodes).toBe(22);
    });

    it(`${cni}: maxSurge 0, maxUnavailable 1 adds no node and no address`, () => {
      const c = compare(fivePools('maxSurge: 0, maxUnavailable: 1', 'all'), cni);
      expect(c.sim.steady).toEqual(c.plan.steady);
      expect(c.sim.peak).toEqual(c.plan.peak);
      expect(c.plan.peak.nodes).toBe(20);
    });
  }

  it('the AKS quota example peaks at 30 nodes and 930 Node Subnet addresses with concurrency all', () => {
    const c = compare(fivePools('maxSurge: "50%"', 'all'), 'node-subnet');
    expect(c.plan.peak).toEqual({ nodes: 30, vnetIps: 930, blocks: 0 });
    expect(c.sim.peak).toEqual({ nodes: 30, vnetIps: 930, blocks: 0 });
  });
});
