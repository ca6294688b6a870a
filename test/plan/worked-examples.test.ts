import { describe, expect, it } from 'vitest';
import { planScenario, type SnatOptions } from '../../src/plan/plan.ts';
import { validateScenarioData } from '../../src/scenario/load.ts';
import type { ScenarioInput } from '../../src/scenario/schema/scenario.ts';

// Known answers from ../shared/reference/azure-networking.md (its worked examples), each with its source there.
type Pool = NonNullable<ScenarioInput['cluster']>['pools'][number];
function scenario(pools: Pool[], network: ScenarioInput['network'] = {}, extra: Partial<ScenarioInput> = {}) {
  return validateScenarioData({ name: 't', network, cluster: { pools }, ...extra }, 't.yaml');
}
const pool = (count: number, more: Partial<Pool> = {}): Pool => ({ name: 'np', count, ...more });
const codeMessages = (p: { errors: ReadonlyArray<{ code: string; message: string }> }) => p.errors.map(({ code, message }) => ({ code, message }));

describe('Node Subnet: (N + S) × (maxPods + 1) (concepts-network-ip-address-planning)', () => {
  it('Example A: 50 nodes + 1 surge at maxPods 30 needs 1,581 IPs; a /21 (2,043) holds it', () => {
    const p = planScenario(scenario([pool(50, { maxSurge: 1 })], { nodeSubnet: '10.224.0.0/21' }), 'node-subnet');
    expect(p.nodeSubnet).toEqual({ cidr: '10.224.0.0/21', usable: 2043, usedByOthers: 0, required: 1581, free: 462 });
    expect(p.fits).toBe(true);
    expect(p.errors).toEqual([]);
  });

  it('Example A on a /22 (1,019 usable) does not fit, in Azure\'s words', () => {
    const p = planScenario(scenario([pool(50, { maxSurge: 1 })], { nodeSubnet: '10.224.0.0/22' }), 'node-subnet');
    expect(p.nodeSubnet).toEqual({ cidr: '10.224.0.0/22', usable: 1019, usedByOthers: 0, required: 1581, free: -562 });
    expect(p.fits).toBe(false);
    expect(codeMessages(p)).toEqual([{ code: 'InsufficientSubnetSize', message: 'Pre-allocated IPs 1550 exceeds IPs available in Subnet 1019' }]);
  });

  it('Example B: 60 nodes + 1 surge needs 1,891 IPs, fits a /21', () => {
    const p = planScenario(scenario([pool(60, { maxSurge: 1 })], { nodeSubnet: '10.224.0.0/21' }), 'node-subnet');
    expect(p.nodeSubnet?.required).toBe(1891);
    expect(p.fits).toBe(true);
  });

  it('a /24 holds 8 nodes of 31 addresses (concepts-network-legacy-cni): 7 and the upgrade surge node, 210 pods', () => {
    const p = planScenario(scenario([pool(3)], { nodeSubnet: '10.224.0.0/24' }), 'node-subnet');
    expect([p.maxPods, p.maxNodesThatFit, p.maxPodsPerCluster, p.limitingFactor]).toEqual([30, 7, 210, 'node-subnet']);
  });

  it('10 nodes at maxPods 30 on a /24: "Pre-allocated IPs 310 exceeds IPs available in Subnet 251" (Azure/AKS#456)', () => {
    const p = planScenario(scenario([pool(10)], { nodeSubnet: '10.224.0.0/24' }), 'node-subnet');
    expect(codeMessages(p)).toEqual([{ code: 'InsufficientSubnetSize', message: 'Pre-allocated IPs 310 exceeds IPs available in Subnet 251' }]);
    expect(p.fits).toBe(false);
  });

  it('the RP passes but the upgrade surge and internal LB frontends do not fit: named as such', () => {
    // 8 × 31 = 248 ≤ 251, but + 1 surge node (31) + 2 frontends = 281.
    const p = planScenario(scenario([pool(8)], { nodeSubnet: '10.224.0.0/24', internalLoadBalancerFrontends: 2 }), 'node-subnet');
    expect(p.nodeSubnet).toEqual({ cidr: '10.224.0.0/24', usable: 251, usedByOthers: 0, required: 281, free: -30 });
    expect(p.errors.map((e) => e.code)).toEqual(['SubnetFullDuringUpgrade']);
    expect(p.errors[0]?.message).toContain('needs 281 IPs (248 for 8 nodes, 31 for 1 upgrade surge nodes, 2 internal load balancer frontends) but has 251 available');
  });
});

describe('layouts: pools with shared or separate node subnets', () => {
  const two = (b: string) => [
    { name: 'a', count: 4, maxSurge: 1 },
    { name: 'b', count: 4, maxSurge: 1, nodeSubnet: b },
  ];
  it('separate /24s: each holds its pool; the tightest is reported; 7 nodes + 1 surge per subnet', () => {
    const p = planScenario(scenario(two('10.224.1.0/24'), { nodeSubnet: '10.224.0.0/24', internalLoadBalancerFrontends: 2 }), 'node-subnet');
    expect(p.subnets).toEqual([
      { role: 'node', cidr: '10.224.0.0/24', usable: 251, usedByOthers: 0, required: 157, free: 94 },
      { role: 'node', cidr: '10.224.1.0/24', usable: 251, usedByOthers: 0, required: 155, free: 96 },
    ]);
    expect(p.nodeSubnet).toEqual({ cidr: '10.224.0.0/24', usable: 251, usedByOthers: 0, required: 157, free: 94 });
    expect([p.fits, p.maxNodesThatFit, p.maxPodsPerCluster]).toEqual([true, 14, 420]);
  });

  it('one shared /24: the RP check passes (248) but the two surge nodes do not fit (310)', () => {
    const p = planScenario(scenario(two('10.224.0.0/24'), { nodeSubnet: '10.224.0.0/24' }), 'node-subnet');
    expect(p.nodeSubnet).toEqual({ cidr: '10.224.0.0/24', usable: 251, usedByOthers: 0, required: 310, free: -59 });
    expect(p.errors.map((e) => e.code)).toEqual(['SubnetFullDuringUpgrade']);
    // (a + 1 + b + 1) × 31 ≤ 251: 3 nodes each and their surge nodes.
    expect([p.maxNodesThatFit, p.limitingFactor]).toEqual([6, 'node-subnet']);
  });
});

describe('kubenet (configure-kubenet)', () => {
  it('a /24 node subnet: 228 nodes + 23 surge (10%) = 251 addresses, 25,080 pods', () => {
    const p = planScenario(scenario([pool(3)], { nodeSubnet: '10.224.0.0/24' }), 'kubenet');
    expect([p.maxPods, p.maxNodesThatFit, p.maxPodsPerCluster, p.limitingFactor]).toEqual([110, 228, 25080, 'node-subnet']);
  });

  it('400 routes per route table: 399 nodes + 1 surge fit, 400 + 1 do not', () => {
    const net = { nodeSubnet: '10.224.0.0/20', podCidr: '10.244.0.0/14' };
    const fits = planScenario(scenario([pool(399, { maxSurge: 1 })], net), 'kubenet');
    expect([fits.fits, fits.maxNodesThatFit, fits.limitingFactor]).toEqual([true, 399, 'kubenet-route-limit']);
    const over = planScenario(scenario([pool(400, { maxSurge: 1 })], net), 'kubenet');
    expect(over.fits).toBe(false);
    expect(over.errors.map((e) => e.code)).toEqual(['KubenetRouteLimit']);
    expect(over.errors[0]?.message).toContain('need 401 routes but a kubenet route table holds at most 400');
    // Overlay has no route table: the same plan fits.
    expect(planScenario(scenario([pool(400, { maxSurge: 1 })], net), 'overlay').fits).toBe(true);
  });
});

describe('Overlay: one /24 per node from the pod CIDR (concepts-network-azure-cni-overlay)', () => {
  it('5 nodes on a /22 pod CIDR: Azure\'s message (Azure/AKS-Construction#701)', () => {
    const p = planScenario(scenario([pool(5)], { podCidr: '10.240.100.0/22' }), 'overlay');
    expect(p.fits).toBe(false);
    expect(codeMessages(p)).toEqual([
      {
        code: 'InsufficientSubnetSize',
        message:
          'Pre-allocated IPs 1280 exceeds IPs available 1024 in Subnet Cidr 10.240.100.0/22, Subnet Name networkProfile.podCIDR. If Autoscaler is enabled, the max-count from each nodepool is counted towards this total',
      },
    ]);
    expect(p.podCidr).toEqual({ cidr: '10.240.100.0/22', usable: 1024, required: 1536, free: -512 });
  });

  it('the RP counts the autoscaler maxCount', () => {
    const p = planScenario(scenario([pool(2, { autoscale: { minCount: 1, maxCount: 5 } })], { podCidr: '10.240.100.0/22' }), 'overlay');
    expect(p.nodes).toBe(5);
    expect(p.errors[0]?.message).toMatch(/^Pre-allocated IPs 1280 exceeds IPs available 1024/);
  });

  it('surge counting is assumptions.overlayPodCidrCountsSurge (UNCONFIRMED): 4 nodes + 1 surge on a /22', () => {
    const off = planScenario(scenario([pool(4)], { podCidr: '10.240.100.0/22' }), 'overlay');
    expect(off.errors.map((e) => e.code)).toEqual(['PodCidrFullDuringUpgrade']);
    const on = planScenario(scenario([pool(4)], { podCidr: '10.240.100.0/22' }, { assumptions: { overlayPodCidrCountsSurge: true } }), 'overlay');
    expect(on.errors.map((e) => e.message)).toEqual([
      'Pre-allocated IPs 1280 exceeds IPs available 1024 in Subnet Cidr 10.240.100.0/22, Subnet Name networkProfile.podCIDR. If Autoscaler is enabled, the max-count from each nodepool is counted towards this total',
    ]);
  });

  it('a /16 pod CIDR caps the cluster at 256 nodes (Azure/AKS#4367), surge nodes included: 232 + 24', () => {
    const p = planScenario(scenario([pool(10)], { nodeSubnet: '10.224.0.0/16' }), 'overlay');
    expect([p.maxNodesThatFit, p.limitingFactor, p.maxPodsPerCluster]).toEqual([232, 'pod-cidr', 58000]);
  });
});

describe('Overlay pods per cluster: assumptions.overlayMaxPodsPerCluster (CONFLICT 200,000 vs 250,000)', () => {
  const big = { nodeSubnet: '10.224.0.0/16', podCidr: '100.64.0.0/10' };
  it('caps maxPodsPerCluster: 909 nodes × 250 = 227,250 pods of room, 200,000 by default, 227,250 at 250,000', () => {
    expect(planScenario(scenario([pool(900)], big), 'overlay').maxPodsPerCluster).toBe(200_000);
    expect(planScenario(scenario([pool(900)], big, { assumptions: { overlayMaxPodsPerCluster: 250_000 } }), 'overlay').maxPodsPerCluster).toBe(227_250);
  });

  it('a workload past the cap does not fit, in Overlay only', () => {
    const s = scenario([pool(900)], big, { workload: { deployments: [{ name: 'web', replicas: 210_000 }] } });
    const p = planScenario(s, 'overlay');
    expect(p.errors.map((e) => e.code)).toEqual(['OverlayPodLimit']);
    expect(p.errors[0]?.message).toContain('The workload runs 210000 pods at its peak but an Overlay cluster runs at most 200000');
    expect(planScenario(s, 'kubenet').errors.map((e) => e.code)).not.toContain('OverlayPodLimit');
  });
});

describe('Pod Subnet, static block: ceil((maxPods + 1)/16) /28 blocks per node', () => {
  it.each([
    [30, 2],
    [31, 2],
    [32, 3],
  ])('maxPods %i → %i blocks per node', (maxPods, blocks) => {
    const p = planScenario(scenario([pool(10, { maxPods, maxSurge: 1 })]), 'pod-subnet-static');
    expect(p.podSubnet?.required).toBe(11 * blocks * 16);
    expect(p.nodeSubnet?.required).toBe(11);
  });

  it('a pod subnet too small for the blocks does not fit', () => {
    // /24: 16 aligned /28s, less the first (.0–.3 reserved) and the last (.255) = 14 blocks, not ⌊251/16⌋ = 15;
    // 5 nodes + 1 surge at maxPods 47 (3 blocks) need 18; 3 nodes + 1 surge need 12.
    const p = planScenario(scenario([pool(5, { maxPods: 47, maxSurge: 1 })], { nodeSubnet: '10.224.0.0/24', podSubnet: '10.225.0.0/24' }), 'pod-subnet-static');
    expect(p.podSubnet).toEqual({ cidr: '10.225.0.0/24', usable: 224, usedByOthers: 0, required: 288, free: -64 });
    expect(p.errors.map((e) => e.code)).toEqual(['PodSubnetBlocksExhausted']);
    expect(p.errors[0]?.message).toContain('has 14 aligned /28 blocks');
    expect([p.maxNodesThatFit, p.limitingFactor]).toEqual([3, 'pod-subnet']);
  });
});

describe('Pod Subnet, dynamic: target 16 × ceil(0.5 + used/16) per node (ACN ipammath)', () => {
  it('U = 25 pods on a node → 48 addresses', () => {
    const s = scenario([pool(2, { maxPods: 110, maxSurge: 1 })], {}, { workload: { deployments: [{ name: 'web', replicas: 50 }] } });
    const p = planScenario(s, 'pod-subnet-dynamic');
    expect(p.podSubnet?.required).toBe(3 * 48); // 2 nodes at 25 pods, and the surge node takes a busiest node's share
    expect(p.steadyState).toEqual({ nodes: 2, vnetIps: 2 + 2 * 48, podCidrBlocks: 0 });
  });

  it('clamps the target at maxPods, and spreads pods least-loaded first', () => {
    // 3 nodes, 65 pods: 22, 22, 21 → 16 × ceil(0.5 + 22/16) = 32 each, but maxPods 30 clamps to 30.
    const s = scenario([pool(3, { maxPods: 30, maxSurge: 1 })], {}, { workload: { deployments: [{ name: 'web', replicas: 65 }] } });
    expect(planScenario(s, 'pod-subnet-dynamic').podSubnet?.required).toBe(4 * 30);
    const s2 = scenario([pool(3, { maxPods: 110, maxSurge: 1 })], {}, { workload: { deployments: [{ name: 'web', replicas: 65 }] } });
    expect(planScenario(s2, 'pod-subnet-dynamic').podSubnet?.required).toBe(4 * 32);
  });

  it('with no workload every node is planned full: maxPods each', () => {
    const p = planScenario(scenario([pool(10, { maxPods: 110, maxSurge: 1 })]), 'pod-subnet-dynamic');
    expect(p.podSubnet?.required).toBe(11 * 110);
    expect(p.maxPods).toBe(110);
  });

  it('default maxPods is assumptions.podSubnetDefaultMaxPods (CONFLICT 110 vs 250)', () => {
    expect(planScenario(scenario([pool(3)]), 'pod-subnet-dynamic').maxPods).toBe(110);
    expect(planScenario(scenario([pool(3)], {}, { assumptions: { podSubnetDefaultMaxPods: 250 } }), 'pod-subnet-static').maxPods).toBe(250);
  });
});

describe('upgrade surge (upgrade-aks-node-pools-rolling)', () => {
  it('five pools of four nodes at 50% surge need 10 extra nodes', () => {
    const pools = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, count: 4, maxSurge: '50%' }));
    const p = planScenario(scenario(pools), 'overlay');
    expect([p.nodes, p.surgeNodes]).toEqual([20, 10]);
  });

  it('defaults to 10% rounded up: 50 nodes → 5, 3 nodes → 1', () => {
    expect(planScenario(scenario([pool(50)]), 'overlay').surgeNodes).toBe(5);
    expect(planScenario(scenario([pool(3)]), 'overlay').surgeNodes).toBe(1);
  });
});

describe('cluster node limits (quotas-skus-regions, free-standard-pricing-tiers)', () => {
  it('Free tier: 1,000 nodes; 950 + 95 surge do not fit', () => {
    const p = planScenario(scenario([pool(950)], { nodeSubnet: '10.224.0.0/16', podCidr: '100.64.0.0/10' }, { assumptions: { tier: 'free' } }), 'overlay');
    expect(p.errors.map((e) => e.code)).toEqual(['ClusterNodeLimit', 'PoolNodeLimit', 'DefaultPortTableExceeded']);
    expect(p.maxNodesThatFit).toBe(909); // 909 + 91 surge = 1,000
    expect(p.limitingFactor).toBe('cluster-node-limit');
    const standard = planScenario(scenario([pool(950)], { nodeSubnet: '10.224.0.0/16', podCidr: '100.64.0.0/10' }), 'overlay');
    expect(standard.errors.map((e) => e.code)).toEqual(['PoolNodeLimit', 'DefaultPortTableExceeded']);
  });
});

describe('SNAT joins the plan (load-balancer manual ports)', () => {
  const lb = (outboundPorts: number, outboundIps: number): SnatOptions => ({ outboundType: 'loadBalancer', outboundIps, outboundPorts, idleTimeoutMin: null });

  it('3 nodes + 1 surge at 21,000 ports on 1 IP: "Total node count 4 requires 84000 ports" (azure-cli#22374)', () => {
    const p = planScenario(scenario([pool(3)]), 'overlay', lb(21000, 1));
    expect(p.fits).toBe(false);
    expect(codeMessages(p)).toEqual([
      { code: 'InvalidLoadBalancerProfileAllocatedOutboundPorts', message: 'Total node count 4 requires 84000 ports but only 64000 ports are available given 1 outbound public IPs' },
    ]);
    expect([p.snat.portsPerNode, p.snat.maxNodes, p.snat.totalPorts]).toEqual([21000, 3, 64000]);
    expect([p.maxNodesThatFit, p.limitingFactor]).toEqual([2, 'snat-ports']); // 2 + 1 surge = 3 × 21,000 ≤ 64,000
  });

  it('1,000 ports and 2 IPs support 128 nodes: 116 and their 12 surge nodes', () => {
    const p = planScenario(scenario([pool(100)]), 'overlay', lb(1000, 2));
    expect([p.snat.maxNodes, p.fits, p.maxNodesThatFit]).toEqual([128, true, 116]);
  });
});
