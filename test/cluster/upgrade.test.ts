import { describe, expect, it } from 'vitest';
import { surgeNodes } from '../../src/model/cluster/surge.ts';
import { wired } from './wired.ts';

const S = 1e9;

describe('max surge (upgrade-aks-node-pools-rolling)', () => {
  it('rounds percentages up, is at least 1 and at most the nodes to upgrade', () => {
    expect(surgeNodes('10%', 50)).toBe(5);
    expect(surgeNodes('10%', 51)).toBe(6);
    expect(surgeNodes('10%', 3)).toBe(1);
    expect(surgeNodes('50%', 4)).toBe(2);
    expect(surgeNodes(5, 3)).toBe(3);
    // Quota example: five pools of four nodes at 50% need 2 × 5 = 10 extra nodes.
    expect(5 * surgeNodes('50%', 4)).toBe(10);
  });
});

describe('rolling upgrade with surge nodes', () => {
  const YAML = (subnet: string) => `
name: up
network: { nodeSubnet: ${subnet} }
cluster:
  pools: [{ name: user, count: 4, maxPods: 10, maxSurge: "50%" }]
  autoscaler: { provisioningDelayS: 100 }
  upgrades: [{ atS: 1000, drainS: 60 }]
workload: { deployments: [{ name: web, replicas: 20 }] }
`;

  it('adds the surge nodes, cycles the old ones and removes the surge, keeping pods running', () => {
    const { w, log } = wired(YAML('10.224.0.0/24'), 'node-subnet');
    const peaks: number[] = [];
    w.cluster.events.subscribe(() => peaks.push(w.cluster.vmCount()));
    w.start();
    w.sim.run(5000 * S);
    expect(log.slice(0, 8)).toEqual([
      '0 created node 0 pool 0',
      '0 created node 1 pool 0',
      '0 created node 2 pool 0',
      '0 created node 3 pool 0',
      '100 ready node 0',
      '100 ready node 1',
      '100 ready node 2',
      '100 ready node 3',
    ]);
    expect(log).toContain('1000 upgrade-pool-started pool 0');
    expect(log).toContain('1000 created node 4 pool 0 surge');
    expect(log).toContain('1000 created node 5 pool 0 surge');
    expect(log.some((l) => l.endsWith('upgrade-pool-done pool 0'))).toBe(true);
    expect(Math.max(...peaks)).toBe(6);
    expect(w.cluster.vmCount()).toBe(4);
    expect(w.upgrades.generation).toBeGreaterThan(0);
    expect(w.cluster.runningPodCount()).toBe(20);
    // Node Subnet: surge nodes held (maxPods + 1) each during the upgrade: 6 × 11.
    expect(w.cluster.peaks.vnetIpsAllocated).toBe(66);
  });

  it('blocks the upgrade when the subnet cannot hold the surge nodes', () => {
    // /26: 59 usable; 4 nodes take 44, a surge node needs 11 more (55) but the second does not fit (66).
    const { w, log } = wired(YAML('10.224.0.0/26'), 'node-subnet');
    w.start();
    w.sim.run(5000 * S);
    expect(log).toContain('1000 join-failed pool 0 node-subnet-full');
    expect(log).toContain('1000 upgrade-blocked pool 0');
    expect(w.cluster.runningPodCount()).toBe(20);
  });
});
