import { describe, expect, it } from 'vitest';
import { checkDualStackPlan, type DualStackPlanInput } from '../../src/net/dual-stack-rules.ts';

const base: DualStackPlanInput = {
  vnetIpv6: { path: 'network.vnetIpv6', text: 'fd00:e0::/48' },
  nodeSubnetsIpv6: [{ path: 'network.nodeSubnetIpv6', text: 'fd00:e0::/64' }],
  podCidrIpv6: { path: 'network.podCidrs[1]', text: 'fd12:3456:789a::/64' },
  podCidrModel: 'overlay',
  serviceCidrIpv6: { path: 'network.serviceCidrs[1]', text: 'fd12:3456:789a:1::/108' },
  nodeBlockPrefix: 80,
  nodeBlockPrefixPath: 'assumptions.ipv6NodeBlockPrefix',
};
const codes = (over: Partial<DualStackPlanInput>) => checkDualStackPlan({ ...base, ...over }).map((p) => `${p.code}@${p.path}`);

describe('IPv6 address rules of a dual-stack cluster', () => {
  it('AKS\'s defaults with a /64 node subnet pass', () => {
    expect(codes({})).toEqual([]);
  });

  it('the IPv6 service CIDR: /108 accepted, /107 refused with the source', () => {
    expect(codes({ serviceCidrIpv6: { path: 's', text: 'fd12:3456:789a:1::/108' } })).toEqual([]);
    const p = checkDualStackPlan({ ...base, serviceCidrIpv6: { path: 's', text: 'fd12:3456:789a:1::/107' } });
    expect(p.map((x) => x.code)).toEqual(['service-cidr-too-large']);
    expect(p[0]?.rule).toContain('no larger than /108');
  });

  it('IPv6 subnets are exactly /64 (VNet FAQ): /63 and /65 refused', () => {
    expect(codes({ nodeSubnetsIpv6: [{ path: 'a', text: 'fd00:e0::/63' }, { path: 'b', text: 'fd00:e0:0:2::/65' }] })).toEqual(['ipv6-subnet-size@a', 'ipv6-subnet-size@b']);
  });

  it('no overlaps: subnet outside the VNet, subnets, pod CIDR and service CIDR against each other', () => {
    expect(codes({ nodeSubnetsIpv6: [{ path: 'a', text: 'fd00:e1::/64' }] })).toEqual(['subnet-outside-vnet@a']);
    expect(codes({ podCidrIpv6: { path: 'p', text: 'fd00:e0::/64' } })).toEqual(['pod-cidr-overlap@p']);
    expect(codes({ serviceCidrIpv6: { path: 's', text: 'fd12:3456:789a::/108' } })).toEqual(['service-cidr-overlap@s']);
    // kubenet's pod CIDR must stay out of the whole VNet, Overlay's only out of its subnets.
    expect(codes({ podCidrIpv6: { path: 'p', text: 'fd00:e0:0:1::/64' } })).toEqual([]);
    expect(codes({ podCidrModel: 'kubenet', podCidrIpv6: { path: 'p', text: 'fd00:e0:0:1::/64' } })).toEqual(['pod-cidr-overlap@p']);
  });

  it('an IPv6 pod CIDR smaller than one /80 block is refused (it cannot be expanded later)', () => {
    const p = checkDualStackPlan({ ...base, podCidrIpv6: { path: 'p', text: 'fd12:3456:789a::/96' } });
    expect(p.map((x) => x.code)).toEqual(['ipv6-pod-cidr-too-small']);
    expect(p[0]?.rule).toContain('expansion is not supported');
  });
});
