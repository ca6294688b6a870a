import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/error/input-error.ts';
import { planScenario } from '../../src/plan/plan.ts';
import { planJson } from '../../src/plan/plan-report.ts';
import { DUAL_STACK_CSV_COLUMNS } from '../../src/plan/plan-report-ipv6.ts';
import { validateScenarioData } from '../../src/scenario/load.ts';
import type { ScenarioInput } from '../../src/scenario/schema/scenario.ts';

// Known answers from ../shared/reference/azure-networking.md §6 (dual-stack) and §1.7 (kubenet limits).
type Pool = NonNullable<ScenarioInput['cluster']>['pools'][number];
const DUAL = { ipFamilies: ['IPv4', 'IPv6'] };

function scenario(pools: Pool[], network: ScenarioInput['network'] = DUAL, extra: Partial<ScenarioInput> = {}) {
  return validateScenarioData({ name: 't', network, cluster: { pools }, ...extra }, 't.yaml');
}
const pool = (count: number, more: Partial<Pool> = {}): Pool => ({ name: 'np', count, ...more });

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.problems.map((p) => `${p.code}@${p.path}`);
    throw err;
  }
  return [];
}

describe('dual-stack planning', () => {
  it('a /64 IPv6 pod CIDR holds 65,536 /80 blocks, so the IPv4 /16 (256 /24s) runs out first', () => {
    const p = planScenario(scenario([pool(100, { maxSurge: 1 })]), 'overlay');
    expect(p.families.podCidrIpv6).toEqual({ cidr: 'fd12:3456:789a::/64', blockPrefix: 80, usable: 65_536, required: 101, free: 65_435 });
    expect([p.families.runsOutFirst, p.families.ipv4MaxNodes, p.families.ipv6MaxNodes]).toEqual(['IPv4', 256, 65_536]);
    // maxNodesThatFit counts the upgrade surge in what must fit but not in N: 255 nodes + 1 surge take the 256 /24s.
    expect([p.maxNodesThatFit, p.limitingFactor, p.fits]).toEqual([255, 'pod-cidr', true]);
  });

  it('an IPv6 pod CIDR of 16 /80s runs out before the IPv4 /16, and says so', () => {
    const s = scenario([pool(20, { maxSurge: 1 })], { ...DUAL, podCidrs: ['10.244.0.0/16', 'fd12:3456:789a::/76'] });
    const p = planScenario(s, 'overlay');
    // 15 nodes + 1 surge take the 16 /80s (surge included in what must fit, not counted in N).
    expect([p.families.runsOutFirst, p.maxNodesThatFit, p.limitingFactor, p.fits]).toEqual(['IPv6', 15, 'pod-cidr-ipv6', false]);
    expect(p.errors.map((e) => e.code)).toEqual(['Ipv6PodCidrExhausted']);
    expect(p.errors[0]?.message).toContain('holds 16 /80 blocks but 20 nodes + 1 upgrade surge nodes need 21');
  });

  it('the per-node block is an assumption: at /72 the same /64 holds 256 blocks, a tie with the IPv4 /16', () => {
    const p = planScenario(scenario([pool(3)], DUAL, { assumptions: { ipv6NodeBlockPrefix: 72 } }), 'overlay');
    expect([p.families.podCidrIpv6?.usable, p.families.runsOutFirst]).toEqual([256, 'both']);
  });

  it('kubenet dual-stack: 200 nodes are accepted, 201 refused as input (exit 2) with the source', () => {
    const at200 = scenario([pool(200)], DUAL, { cni: ['kubenet'] });
    const p = planScenario(at200, 'kubenet');
    // 200 nodes + 20 surge take 440 routes of 400: the upgrade cannot surge. With the 10% surge included,
    // 181 nodes + 19 surge = 200 nodes (400 routes) fit and 182 + 19 = 201 do not: the plan holds 181.
    expect([p.maxNodesThatFit, p.limitingFactor]).toEqual([181, 'kubenet-route-limit']);
    expect(p.errors.map((e) => e.code)).toEqual(['KubenetRouteLimit']);
    expect(problems(() => scenario([pool(201)], DUAL, { cni: ['kubenet'] }))).toEqual(['kubenet-dual-stack-nodes@t.yaml: cluster.pools[*].count']);
    // Single-stack kubenet keeps its 400 routes, one per node: 363 nodes + 37 surge (10% rounded up) = 400.
    expect(planScenario(scenario([pool(201)], { podCidr: '10.240.0.0/14' }, { cni: ['kubenet'] }), 'kubenet').maxNodesThatFit).toBe(363);
  });

  it('IPv6-only, a /107 IPv6 service CIDR, a /63 IPv6 subnet are refused; /108 is accepted', () => {
    expect(problems(() => scenario([pool(3)], { ipFamilies: ['IPv6'] }))).toEqual(['custom@t.yaml: network.ipFamilies']);
    expect(problems(() => scenario([pool(3)], { ...DUAL, serviceCidrs: ['10.0.0.0/16', 'fd12:3456:789a:1::/107'] }))).toEqual(['service-cidr-too-large@t.yaml: network.serviceCidrs[1]']);
    expect(problems(() => scenario([pool(3)], { ...DUAL, serviceCidrs: ['10.0.0.0/16', 'fd12:3456:789a:1::/108'] }))).toEqual([]);
    expect(problems(() => scenario([pool(3)], { ...DUAL, nodeSubnetIpv6: 'fd00:e0::/63' }))).toEqual(['ipv6-subnet-size@t.yaml: network.nodeSubnetIpv6']);
  });

  it('per-model limits: Node Subnet, Azure NPM, Calico, virtual nodes and the Standard NAT Gateway are refused', () => {
    expect(problems(() => scenario([pool(3)], DUAL, { cni: ['overlay', 'node-subnet'] }))).toEqual(['dual-stack-model@t.yaml: cni[1]']);
    expect(problems(() => scenario([pool(3)], { ...DUAL, networkPolicy: 'azure' }))).toEqual(['dual-stack-network-policy@t.yaml: network.networkPolicy']);
    expect(problems(() => scenario([pool(3)], { ...DUAL, networkPolicy: 'calico' }))).toEqual(['dual-stack-network-policy@t.yaml: network.networkPolicy']);
    expect(problems(() => scenario([pool(3)], { ...DUAL, networkPolicy: 'cilium' }))).toEqual([]);
    expect(problems(() => scenario([pool(3)], { ...DUAL, virtualNodes: true }))).toEqual(['dual-stack-virtual-nodes@t.yaml: network.virtualNodes']);
    const nat = { outbound: { designs: [{ name: 'nat', outboundType: 'managedNATGateway' as const }] } };
    expect(problems(() => scenario([pool(3)], DUAL, nat))).toEqual(['nat-gateway-ipv4-only@t.yaml: outbound.designs[0].outboundType']);
    // The same choices are fine for an IPv4-only cluster.
    expect(problems(() => scenario([pool(3)], { networkPolicy: 'azure', virtualNodes: true }, { ...nat, cni: ['node-subnet'] }))).toEqual([]);
  });

  it('JSON: ipFamilies, podCidrIpv6, runsOutFirst, and one managed outbound IPv6 IP by default', () => {
    const dual = planJson(planScenario(scenario([pool(3)]), 'overlay'));
    expect([dual['ipFamilies'], dual['runsOutFirst'], (dual['snat'] as Record<string, unknown>)['managedOutboundIPs']]).toEqual([['IPv4', 'IPv6'], 'IPv4', { count: 1, countIPv6: 1 }]);
    const single = planJson(planScenario(scenario([pool(3)], {}), 'overlay'));
    expect([single['ipFamilies'], single['podCidrIpv6'], single['runsOutFirst'], (single['snat'] as Record<string, unknown>)['managedOutboundIPs']]).toEqual([['IPv4'], null, null, { count: 1, countIPv6: 0 }]);
  });

  it('docs/plan.md documents every dual-stack CSV column and JSON key', () => {
    const doc = readFileSync('docs/plan.md', 'utf8');
    for (const name of [...DUAL_STACK_CSV_COLUMNS.map((c) => c.name), 'ipFamilies', 'podCidrIpv6', 'runsOutFirst', 'managedOutboundIPs', 'countIPv6', 'Ipv6PodCidrExhausted']) {
      expect(doc, name).toContain(`\`${name}`);
    }
  });
});
