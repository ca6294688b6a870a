import { describe, expect, it } from 'vitest';
import { surgeNodes } from '../../src/model/cluster/surge.ts';
import { wired } from './wired.ts';

const S = 1e9;

describe('max surge (upgrade-aks-node-pools-rolling)', () => {
  it('rounds percentages up, is at most the nodes to upgrade, and 0 only for 0 or 0%', () => {
    expect(surgeNodes('10%', 50)).toBe(5);
    expect(surgeNodes('10%', 51)).toBe(6);
    expect(surgeNodes('10%', 3)).toBe(1);
    expect(surgeNodes('50%', 4)).toBe(2);
    expect(surgeNodes(5, 3)).toBe(3);
    expect(surgeNodes('1%', 3)).toBe(1);
    expect(surgeNodes(0, 3)).toBe(0);
    expect(surgeNodes('0%', 3)).toBe(0);
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

describe('maxUnavailable: upgrading in place (issue 9 item 3)', () => {
  const YAML = (settings: string) => `
name: up
network: { nodeSubnet: 10.224.0.0/24 }
cluster:
  pools: [{ name: user, count: 4, maxPods: 10, ${settings} }]
  autoscaler: { provisioningDelayS: 100 }
  upgrades: [{ atS: 1000, drainS: 60 }]
workload: { deployments: [{ name: web, replicas: 20 }] }
`;

  it('maxSurge 0, maxUnavailable 1: no node is added; the four nodes are reimaged one at a time', () => {
    const { w, log } = wired(YAML('maxSurge: 0, maxUnavailable: 1'), 'node-subnet');
    w.start();
    w.sim.run(5000 * S);
    const upgrade = log.filter((l) => Number(l.split(' ')[0]) >= 1000);
    expect(upgrade.some((l) => l.includes('created'))).toBe(false);
    // Each node drains for 60 s and reimages for 100 s before the next one starts.
    expect(upgrade).toEqual([
      '1000 upgrade-pool-started pool 0',
      '1160 ready node 0',
      '1320 ready node 1',
      '1480 ready node 2',
      // The controller hears node 3 come back (and finishes) before the log does.
      '1640 upgrade-pool-done pool 0',
      '1640 ready node 3',
    ]);
    expect(w.cluster.peaks.nodes).toBe(4);
    expect(w.cluster.peaks.vnetIpsAllocated).toBe(4 * 11);
    expect([0, 1, 2, 3].map((n) => w.cluster.nodeGeneration(n))).toEqual([1, 1, 1, 1]);
  });

  it('maxSurge 1 and maxUnavailable 1 together: one surge node, two old nodes at a time', () => {
    const { w, log } = wired(YAML('maxSurge: 1, maxUnavailable: 1'), 'node-subnet');
    w.start();
    w.sim.run(5000 * S);
    const upgrade = log.filter((l) => Number(l.split(' ')[0]) >= 1000);
    expect(upgrade).toEqual([
      '1000 upgrade-pool-started pool 0',
      '1000 created node 4 pool 0 surge',
      '1100 ready node 4',
      '1260 ready node 0',
      '1260 ready node 1',
      '1420 ready node 2',
      '1420 ready node 3',
      '1480 upgrade-pool-done pool 0',
      '1480 removed node 4',
    ]);
    expect(w.cluster.peaks.nodes).toBe(5);
  });

  it('maxSurge 0 without maxUnavailable is refused with the field and the AKS rule', () => {
    expect(() => wired(YAML('maxSurge: 0'))).toThrow(/cluster\.pools\[0\]\.maxSurge.*maxUnavailable defaults to 0, and when it is 0, maxSurge must be greater than 0/);
  });
});

describe('several pools: concurrency (issue 9 item 4)', () => {
  const YAML = (concurrency: string) => `
name: up
cluster:
  pools:
    - { name: a, count: 2, maxPods: 30, maxSurge: 1 }
    - { name: b, count: 2, maxPods: 30, maxSurge: 1 }
  autoscaler: { provisioningDelayS: 100 }
  upgrades: [{ atS: 1000, drainS: 60${concurrency} }]
workload: { deployments: [{ name: web, replicas: 10 }] }
`;

  it('all (the default): both pools add their surge node at once', () => {
    const { w, log } = wired(YAML(''));
    w.start();
    w.sim.run(5000 * S);
    expect(log.filter((l) => l.includes('surge'))).toEqual(['1000 created node 4 pool 0 surge', '1000 created node 5 pool 1 surge']);
    expect(w.cluster.peaks.nodes).toBe(6);
  });

  it('sequential: pool b starts when pool a is done', () => {
    const { w, log } = wired(YAML(', concurrency: sequential'));
    w.start();
    w.sim.run(5000 * S);
    const started = log.filter((l) => l.includes('upgrade-pool-started') || l.includes('upgrade-pool-done'));
    expect(started.map((l) => l.split(' ').slice(1).join(' '))).toEqual([
      'upgrade-pool-started pool 0',
      'upgrade-pool-done pool 0',
      'upgrade-pool-started pool 1',
      'upgrade-pool-done pool 1',
    ]);
    expect(w.cluster.peaks.nodes).toBe(5);
  });
});
