import { describe, expect, it } from 'vitest';
import { STACK_LINE, cnisim } from '../cli/cli-harness.ts';

describe('cnisim plan: dual-stack flags with the az CLI\'s names', () => {
  it('--ip-families ipv4,ipv6 alone: AKS\'s default ranges, Overlay and kubenet only, IPv4 runs out first', () => {
    const r = cnisim(['plan', '--ip-families', 'ipv4,ipv6', '--nodes', '10', '--format', 'json']);
    expect(r.code).toBe(0);
    const plans = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(plans.map((p) => p['cni'])).toEqual(['overlay', 'kubenet']);
    for (const p of plans) {
      expect(p['ipFamilies']).toEqual(['IPv4', 'IPv6']);
      expect((p['podCidr'] as { cidr: string }).cidr).toBe('10.244.0.0/16');
      expect(p['podCidrIpv6']).toEqual({ cidr: 'fd12:3456:789a::/64', blockPrefix: 80, usable: 65536, required: 11, free: 65525 });
      expect(p['runsOutFirst']).toBe('IPv4');
    }
  });

  it('table and CSV gain the IPv6 columns only for dual-stack', () => {
    const table = cnisim(['plan', '--cni', 'overlay', '--ip-families', 'ipv4,ipv6', '--pod-cidrs', '10.244.0.0/16,fd00:1::/76', '--nodes', '20']);
    expect(table.code).toBe(1);
    // max nodes counts the 10% surge in what must fit, not in N: 14 nodes + 2 surge take the 16 /80s, 15 + 2 do not.
    expect(table.stdout).toMatch(/^overlay .* 22\/16 \/80s of fd00:1::\/76 +IPv6 +14 .* NO +pod-cidr-ipv6$/m);
    expect(table.stderr).toContain('overlay: Ipv6PodCidrExhausted: IPv6 pod CIDR fd00:1::/76 holds 16 /80 blocks but 20 nodes + 2 upgrade surge nodes need 22');
    const csv = cnisim(['plan', '--cni', 'overlay', '--ip-families', 'ipv4,ipv6', '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toContain('pod_cidr_free_ips,ip_families,pod_cidr_ipv6_cidr,pod_cidr_ipv6_block_prefix,pod_cidr_ipv6_usable_blocks,pod_cidr_ipv6_required_blocks,pod_cidr_ipv6_free_blocks,runs_out_first,snat_outbound_ipv6_ips,max_nodes_that_fit');
    expect(csv.stdout.split('\n')[1]).toContain(',IPv4;IPv6,fd12:3456:789a::/64,80,65536,4,65532,IPv4,1,');
    expect(cnisim(['plan', '--cni', 'overlay', '--format', 'csv']).stdout).not.toContain('ipv6');
  });

  it.each([
    [['--ip-families', 'ipv6'], '--ip-families', 'IPv6-only clusters are not supported'],
    [['--ip-families', 'ipv4,ipv6', '--service-cidrs', '10.0.0.0/16,fd12:3456:789a:1::/107'], '--service-cidrs', 'no larger than /108'],
    [['--ip-families', 'ipv4,ipv6', '--node-subnet-ipv6', 'fd00:e0::/56'], '--node-subnet-ipv6', 'exactly /64'],
    [['--ip-families', 'ipv4,ipv6', '--cni', 'kubenet', '--nodes', '201'], '--nodes', 'at most 200 nodes'],
    [['--ip-families', 'ipv4,ipv6', '--cni', 'pod-subnet-dynamic'], 'cni', 'Azure CNI Overlay and kubenet'],
    [['--ip-families', 'ipv4,ipv6', '--outbound-type', 'managedNATGateway'], '--outbound-type', 'managedNATGatewayV2'],
    [['--pod-cidrs', '10.244.0.0/16,fd00::/64'], '--pod-cidrs', 'unless ipFamilies includes IPv6'],
    [['--outbound-ipv6-ips', '2'], '--outbound-ipv6-ips', 'unless --ip-families ipv4,ipv6'],
  ])('%j exits 2 naming %s', (args, flag, rule) => {
    const r = cnisim(['plan', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${flag}`);
    expect(r.stderr).toContain(rule);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('kubenet at 200 dual-stack nodes plans (the surge does not fit the 400 routes: exit 1)', () => {
    const r = cnisim(['plan', '--ip-families', 'ipv4,ipv6', '--cni', 'kubenet', '--nodes', '200', '--format', 'json']);
    expect(r.code).toBe(1);
    const [p] = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    // The most nodes whose upgrade also fits: 181 nodes + 19 surge = 200 nodes, 400 routes; 182 + 19 take 402.
    expect([p?.['maxNodesThatFit'], p?.['limitingFactor']]).toEqual([181, 'kubenet-route-limit']);
    expect(r.stderr).toBe('kubenet: KubenetRouteLimit: 200 nodes + 20 upgrade surge nodes need 440 routes but a kubenet route table holds at most 400: a dual-stack kubenet cluster has at most 200 nodes: each node takes a route per family in a table of at most 400 (https://learn.microsoft.com/en-us/azure/aks/configure-kubenet)\n');
  });

  it('cnisim run --cni refuses a model that does not run dual-stack, before writing anything', () => {
    const r = cnisim(['run', 'scenarios/dual-stack.yaml', '--cni', 'overlay,node-subnet', '--out', '/nonexistent-dir/x.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--cni: node-subnet is not allowed; expected overlay or kubenet for ipFamilies [IPv4, IPv6]');
  });
});
