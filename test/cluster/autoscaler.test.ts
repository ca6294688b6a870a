import { describe, expect, it } from 'vitest';
import { wired } from './wired.ts';

const S = 1e9;

describe('cluster autoscaler against pending pods', () => {
  it('adds enough nodes for the pending pods at the first scan, ready after the provisioning delay', () => {
    // 2 nodes × 30 pods hold 60; 150 replicas leave 90 pending → 3 more nodes.
    const { w, log } = wired(`
name: as
cluster:
  pools: [{ name: user, count: 2, maxPods: 30, autoscale: { minCount: 2, maxCount: 10 } }]
  autoscaler: { scanIntervalS: 10, provisioningDelayS: 180 }
workload: { deployments: [{ name: web, replicas: 150, podStartS: 5 }] }
`);
    w.start();
    w.sim.run(400 * S);
    expect(log).toEqual([
      '0 created node 0 pool 0',
      '0 created node 1 pool 0',
      '10 created node 2 pool 0',
      '10 created node 3 pool 0',
      '10 created node 4 pool 0',
      '180 ready node 0',
      '180 ready node 1',
      '190 ready node 2',
      '190 ready node 3',
      '190 ready node 4',
    ]);
    expect(w.cluster.runningPodCount()).toBe(150);
    expect(w.cluster.podsPending()).toBe(0);
  });

  it('stops at maxCount and leaves the rest pending', () => {
    const { w } = wired(`
name: as
cluster:
  pools: [{ name: user, count: 1, maxPods: 30, autoscale: { minCount: 1, maxCount: 3 } }]
workload: { deployments: [{ name: web, replicas: 200 }] }
`);
    w.start();
    w.sim.run(1000 * S);
    expect(w.cluster.vmCount()).toBe(3);
    expect(w.cluster.runningPodCount()).toBe(90);
    expect(w.cluster.podsPending()).toBe(110);
  });

  it('records a refused scale-up when the subnet is full (Node Subnet, /27 holds 27)', () => {
    const { w, log } = wired(
      `
name: as
network: { nodeSubnet: 10.224.0.0/27 }
cluster:
  pools: [{ name: user, count: 1, maxPods: 10, autoscale: { minCount: 1, maxCount: 5 } }]
  autoscaler: { scanIntervalS: 10, provisioningDelayS: 60, scaleUpBackoffS: 300 }
workload: { deployments: [{ name: web, replicas: 40 }] }
`,
      'node-subnet',
    );
    w.start();
    w.sim.run(100 * S);
    // Each node takes 11 addresses: the 2nd fits (22 of 27), the 3rd does not.
    expect(log.filter((l) => l.includes('created') || l.includes('failed'))).toEqual([
      '0 created node 0 pool 0',
      '10 created node 1 pool 0',
      '10 join-failed pool 0 node-subnet-full',
    ]);
    expect(w.cluster.vmCount()).toBe(2);
  });
});
