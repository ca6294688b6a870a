import { describe, expect, it } from 'vitest';
import type { CniName } from '../../src/model/ipam/cni.ts';
import { createIpam } from '../../src/model/ipam/index.ts';
import { parseCidr6 } from '../../src/net/cidr6.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { NS_PER_S } from '../../src/sim/time.ts';
import { cidr, fillNodes } from './harness.ts';

function dualStack(cni: CniName, opts: { podCidr?: string; podCidrIpv6?: string | null; nodeSubnet?: string } = {}) {
  const sim = new Simulation();
  const v6 = opts.podCidrIpv6 === undefined ? 'fd12:3456:789a::/64' : opts.podCidrIpv6;
  const ipam = createIpam(
    cni,
    sim,
    {
      subnets: [cidr(opts.nodeSubnet ?? '10.224.0.0/22')],
      podCidr: cidr(opts.podCidr ?? '10.244.0.0/16'),
      podCidrIpv6: v6 === null ? null : { cidr: parseCidr6(v6) ?? { base: 0n, prefix: 0 }, blockPrefix: 80 },
      internalLbFrontendsBySubnet: [0],
    },
    { batchAllocationDelayNs: 2 * NS_PER_S, podIpReleaseDelayNs: 5 * NS_PER_S },
    { podIpsAvailable: () => undefined },
  );
  return { sim, ipam, spec: { poolIndex: 0, maxPods: 250, nodeSubnetId: 0, podSubnetId: -1 } };
}

describe('dual-stack IPAM: an IPv6 block and address per node, an IPv6 address per pod', () => {
  it('Overlay with a /64: 256 nodes take 256 of 65,536 /80s, and the IPv4 /16 stops the 257th', () => {
    const { ipam, spec } = dualStack('overlay', { nodeSubnet: '10.224.0.0/22' });
    const r = fillNodes(ipam, spec);
    expect(r.joined).toBe(256);
    expect(r.failure?.kind === 'fail' ? r.failure.cause : null).toBe('pod-cidr-full');
    expect(ipam.ipv6Usage()).toMatchObject({ blocks: 256, nodeIps: 256, blocksPeak: 256, nodeIpsPeak: 256 });
  });

  it('a /76 IPv6 pod CIDR (16 /80s) runs out first: the 17th node fails with pod-cidr-ipv6-full and takes nothing', () => {
    const { ipam, spec } = dualStack('overlay', { podCidrIpv6: 'fd00:1::/76' });
    const r = fillNodes(ipam, spec);
    expect(r.joined).toBe(16);
    expect(r.failure).toEqual({ kind: 'fail', cause: 'pod-cidr-ipv6-full', detail: 'IPv6 pod CIDR fd00:1::/76 has all its 16 /80 node blocks taken; IPv6 pod CIDR expansion is not supported' });
    expect([ipam.vnetIpsAllocated(), ipam.podCidrBlocksAllocated(), ipam.ipv6Usage()?.blocks]).toEqual([16, 16, 16]);
    ipam.removeNode(3);
    expect([ipam.ipv6Usage()?.blocks, ipam.ipv6Usage()?.nodeIps, ipam.ipv6Usage()?.blocksPeak]).toEqual([15, 15, 16]);
    expect(ipam.addNode(3, spec)).toEqual({ kind: 'ok' });
  });

  it('kubenet dual-stack: a route per family, so 200 nodes join and the 201st hits the 400-route table', () => {
    const { ipam, spec } = dualStack('kubenet', { podCidr: '10.240.0.0/14' });
    const r = fillNodes(ipam, spec);
    expect(r.joined).toBe(200);
    expect(r.failure?.kind === 'fail' ? [r.failure.cause, r.failure.detail] : null).toEqual([
      'kubenet-route-limit',
      'route table already has 400 routes (a dual-stack node needs 2, one per family); Azure supports at most 400 per UDR table',
    ]);
    const single = dualStack('kubenet', { podCidr: '10.240.0.0/14', podCidrIpv6: null });
    expect(fillNodes(single.ipam, single.spec).joined).toBe(400);
    expect(single.ipam.ipv6Usage()).toBe(null);
  });

  it('every pod with an IPv4 address has an IPv6 one; the peak survives the release', () => {
    const { sim, ipam, spec } = dualStack('overlay');
    ipam.addNode(0, spec);
    for (let i = 0; i < 3; i++) expect(ipam.assignPodIp(0)).toBe('ok');
    expect([ipam.ipv6Usage()?.podIps, ipam.ipv6Usage()?.podIpsPeak]).toEqual([3, 3]);
    ipam.releasePodIp(0);
    sim.run(10 * NS_PER_S);
    expect([ipam.ipv6Usage()?.podIps, ipam.ipv6Usage()?.podIpsPeak]).toEqual([2, 3]);
  });
});
