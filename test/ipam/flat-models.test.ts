import { describe, expect, it } from 'vitest';
import { fillNodes, ipamHarness } from './harness.ts';

describe('Node Subnet reserves maxPods + 1 per node up front', () => {
  it('fits 8 nodes of 30 pods in a /24 and refuses the 9th with the RP wording (concepts-network-legacy-cni)', () => {
    const { ipam, spec } = ipamHarness('node-subnet');
    const { joined, failure } = fillNodes(ipam, spec(30));
    expect(joined).toBe(8); // 8 × 31 = 248 ≤ 251
    expect(failure).toEqual({
      kind: 'fail',
      cause: 'node-subnet-full',
      detail: 'Pre-allocated IPs 279 exceeds IPs available in Subnet 251 (10.224.0.0/24)',
    });
    expect(ipam.vnetIpsAllocated()).toBe(248);
    expect(ipam.vnetIpsUsed()).toBe(8); // node IPs only: no pod yet
  });

  it('counts internal load balancer frontends against the node subnet', () => {
    const { ipam, spec } = ipamHarness('node-subnet', { ilb: 4 });
    expect(fillNodes(ipam, spec(30)).joined).toBe(7); // 4 + 8 × 31 = 252 > 251
    expect(ipam.vnetIpsAllocated()).toBe(4 + 7 * 31);
  });

  it('gives a stopped pod\'s IP back to the node only after the release delay', () => {
    const { sim, ipam, notified, spec } = ipamHarness('node-subnet', { releaseDelayS: 5 });
    ipam.addNode(0, spec(10));
    for (let i = 0; i < 10; i++) expect(ipam.assignPodIp(0)).toBe('ok');
    expect(ipam.assignPodIp(0)).toBe('node-ip-limit');
    ipam.releasePodIp(0);
    expect(ipam.assignPodIp(0)).toBe('node-ip-limit'); // still being released
    sim.run(4_999_999_999);
    expect(notified).toEqual([]);
    sim.run(5_000_000_000);
    expect(notified).toEqual([0]);
    expect(ipam.assignPodIp(0)).toBe('ok');
    expect(ipam.vnetIpsUsed()).toBe(11);
  });

  it('frees everything when a node is removed, and ignores a release due for an earlier node with the same id', () => {
    const { sim, ipam, notified, spec } = ipamHarness('node-subnet');
    ipam.addNode(0, spec(30));
    ipam.assignPodIp(0);
    ipam.releasePodIp(0);
    ipam.removeNode(0);
    expect(ipam.vnetIpsAllocated()).toBe(0);
    ipam.addNode(0, spec(30));
    sim.run(10_000_000_000);
    expect(notified).toEqual([]);
    expect(ipam.vnetIpsAllocated()).toBe(31);
  });
});

describe('Pod Subnet static block takes ceil((maxPods+1)/16) /28 blocks per node', () => {
  // configure-azure-cni-static-block-allocation: max_pods 30 → 2 blocks, 31 → 2, 32 → 3.
  it.each([
    [30, 2],
    [31, 2],
    [32, 3],
    [250, 16],
  ])('maxPods %i holds %i blocks and runs 16 × blocks − 1 pods', (maxPods, blocks) => {
    const { ipam, spec } = ipamHarness('pod-subnet-static', { podSubnet: '10.225.0.0/16' });
    expect(ipam.addNode(0, spec(maxPods)).kind).toBe('ok');
    expect(ipam.vnetIpsAllocated()).toBe(1 + 16 * blocks);
    let ok = 0;
    while (ipam.assignPodIp(0) === 'ok') ok++;
    expect(ok).toBe(16 * blocks - 1);
  });

  it('a /24 pod subnet holds 14 aligned /28 blocks clear of the reserved addresses, not ⌊251/16⌋ = 15', () => {
    const { ipam, spec } = ipamHarness('pod-subnet-static', { podSubnet: '10.225.0.0/24' });
    const { joined, failure } = fillNodes(ipam, spec(15)); // 1 block per node
    expect(joined).toBe(14);
    expect(failure).toEqual({ kind: 'fail', cause: 'pod-subnet-full', detail: 'node needs 1 /28 blocks; 0 of the 14 aligned /28 blocks of 10.225.0.0/24 are free' });
  });

  it('refuses a node whose blocks do not fit in the pod subnet, without taking its node IP', () => {
    const { ipam, spec } = ipamHarness('pod-subnet-static', { podSubnet: '10.225.0.0/25' }); // 123 usable
    const { joined, failure } = fillNodes(ipam, spec(30)); // 32 per node
    expect(joined).toBe(3);
    expect(failure?.cause).toBe('pod-subnet-full');
    expect(ipam.vnetIpsAllocated()).toBe(3 + 3 * 32);
  });
});

describe('Overlay pods per cluster: assumptions.overlayMaxPodsPerCluster (CONFLICT 200,000 vs 250,000)', () => {
  it('refuses the pod past the cap on any node, and retries the refused node once a pod stops', () => {
    const { sim, ipam, notified, spec } = ipamHarness('overlay', { overlayMaxPods: 3, releaseDelayS: 5 });
    ipam.addNode(0, spec(250));
    ipam.addNode(1, spec(250));
    expect([ipam.assignPodIp(0), ipam.assignPodIp(0), ipam.assignPodIp(1)]).toEqual(['ok', 'ok', 'ok']);
    expect(ipam.assignPodIp(1)).toBe('overlay-pod-limit');
    ipam.releasePodIp(0);
    sim.run(0);
    expect(notified).toEqual([1]); // at once: the cap counts running pods, not node-local addresses in release
    expect(ipam.assignPodIp(1)).toBe('ok');
    expect(ipam.assignPodIp(0)).toBe('overlay-pod-limit');
  });

  it('kubenet has no such cap', () => {
    const { ipam, spec } = ipamHarness('kubenet', { overlayMaxPods: 1 });
    ipam.addNode(0, spec(110));
    expect([ipam.assignPodIp(0), ipam.assignPodIp(0)]).toEqual(['ok', 'ok']);
  });
});

describe('Overlay and kubenet take one VNet IP and a /24 of the pod CIDR per node', () => {
  it('fits 4 nodes in a /22 pod CIDR and words the 5th like the RP (AKS-Construction issue 701)', () => {
    const { ipam, spec } = ipamHarness('overlay', { podCidr: '10.240.100.0/22' });
    const { joined, failure } = fillNodes(ipam, spec(250));
    expect(joined).toBe(4);
    expect(failure).toEqual({
      kind: 'fail',
      cause: 'pod-cidr-full',
      detail:
        'Pre-allocated IPs 1280 exceeds IPs available 1024 in Subnet Cidr 10.240.100.0/22, Subnet Name networkProfile.podCIDR',
    });
    expect(ipam.vnetIpsAllocated()).toBe(4);
    expect(ipam.podCidrBlocksAllocated()).toBe(4);
    expect([0, 1, 2, 3].map((n) => ipam.nodePodCidrBase(n))).toEqual([0, 1, 2, 3].map((k) => ((10 << 24) | (240 << 16) | ((100 + k) << 8)) >>> 0));
  });

  it('gives a removed node\'s /24 to the next node (lowest block first)', () => {
    const { ipam, spec } = ipamHarness('overlay');
    for (let n = 0; n < 3; n++) ipam.addNode(n, spec(250));
    ipam.removeNode(1);
    ipam.addNode(7, spec(250));
    expect(ipam.nodePodCidrBase(7)).toBe(ipam.nodePodCidrBase(0) + 256);
  });

  it('lets a /16 pod CIDR hold 256 nodes (AKS issue 4367) and pods use no VNet IPs', () => {
    const { ipam, spec } = ipamHarness('overlay', { nodeSubnet: '10.224.0.0/20' });
    const { joined, failure } = fillNodes(ipam, spec(250));
    expect(joined).toBe(256);
    expect(failure?.cause).toBe('pod-cidr-full');
    for (let i = 0; i < 250; i++) ipam.assignPodIp(0);
    expect(ipam.vnetIpsUsed()).toBe(256);
  });

  it('stops kubenet at 400 nodes: one route per node, 400 per route table (configure-kubenet)', () => {
    const { ipam, spec } = ipamHarness('kubenet', { nodeSubnet: '10.224.0.0/20', podCidr: '10.244.0.0/14' });
    const { joined, failure } = fillNodes(ipam, spec(110));
    expect(joined).toBe(400);
    expect(failure?.cause).toBe('kubenet-route-limit');
    ipam.removeNode(5);
    expect(ipam.addNode(5, spec(110)).kind).toBe('ok');
  });

  it('limits kubenet and overlay by the node subnet: a /24 holds 251 nodes (configure-kubenet worked example)', () => {
    const { ipam, spec } = ipamHarness('kubenet');
    const { joined, failure } = fillNodes(ipam, spec(110));
    expect(joined).toBe(251);
    expect(joined * 110).toBe(27_610);
    expect(failure?.cause).toBe('node-subnet-full');
  });
});
