import { describe, expect, it } from 'vitest';
import { resolveFamilies } from '../../src/net/ip-families.ts';

describe('IP families and the AKS dual-stack defaults (azure-cni-overlay; configure-dual-stack)', () => {
  it('single-stack by default: the IPv4 defaults, no IPv6 ranges', () => {
    expect(resolveFamilies({})).toEqual({
      value: { ipFamilies: ['IPv4'], podCidr: '10.244.0.0/16', podCidrIpv6: null, serviceCidr: '10.0.0.0/16', serviceCidrIpv6: null },
      problems: [],
    });
  });

  it('dual-stack without ranges: pods 10.244.0.0/16,fd12:3456:789a::/64, services 10.0.0.0/16,fd12:3456:789a:1::/108', () => {
    expect(resolveFamilies({ ipFamilies: ['ipv4', 'ipv6'] }).value).toEqual({
      ipFamilies: ['IPv4', 'IPv6'],
      podCidr: '10.244.0.0/16',
      podCidrIpv6: 'fd12:3456:789a::/64',
      serviceCidr: '10.0.0.0/16',
      serviceCidrIpv6: 'fd12:3456:789a:1::/108',
    });
  });

  it('the single-family fields keep working, and the IPv6 default fills in beside them', () => {
    const r = resolveFamilies({ ipFamilies: ['IPv4', 'IPv6'], podCidr: '10.10.0.0/16', serviceCidrs: ['fd00:1::/108', '10.20.0.0/16'] });
    expect(r.problems).toEqual([]);
    expect(r.value).toMatchObject({ podCidr: '10.10.0.0/16', podCidrIpv6: 'fd12:3456:789a::/64', serviceCidr: '10.20.0.0/16', serviceCidrIpv6: 'fd00:1::/108' });
  });

  it('IPv6-only is refused, whether by ipFamilies or by an IPv6-only list', () => {
    expect(resolveFamilies({ ipFamilies: ['IPv6'] }).problems.map((p) => [p.code, p.path.join('.')])).toEqual([['ipv6-only', 'ipFamilies']]);
    const list = resolveFamilies({ ipFamilies: ['IPv4', 'IPv6'], podCidrs: ['fd00::/64'] }).problems;
    expect(list.map((p) => [p.code, p.path.join('.')])).toEqual([['ipv6-only', 'podCidrs']]);
    expect(list[0]?.rule).toContain('configure-dual-stack');
  });

  it('refuses an IPv6 range without the IPv6 family, two of one family, and a podCidr that disagrees with podCidrs', () => {
    const codes = (input: Parameters<typeof resolveFamilies>[0]) => resolveFamilies(input).problems.map((p) => `${p.code}@${p.path.join('.')}`);
    expect(codes({ podCidrs: ['10.244.0.0/16', 'fd00::/64'] })).toEqual(['ipv6-without-family@podCidrs.1']);
    expect(codes({ podCidrs: ['10.244.0.0/16', '10.245.0.0/16'] })).toEqual(['duplicate-family@podCidrs.1']);
    expect(codes({ podCidr: '10.1.0.0/16', podCidrs: ['10.2.0.0/16'] })).toEqual(['conflicting-cidrs@podCidr']);
    expect(codes({ ipFamilies: ['IPv4', 'IPv7'] })).toEqual(['unknown-ip-family@ipFamilies.1']);
  });
});
