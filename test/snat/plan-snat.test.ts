import { describe, expect, it } from 'vitest';
import { planSnat, validateSnatInput, type SnatPlanInput } from '../../src/plan/snat.ts';

const lb = (ports: number, ips: number, nodes: number, effectiveNodes = nodes): SnatPlanInput => ({
  outboundType: 'loadBalancer',
  outboundIps: ips,
  outboundPorts: ports,
  idleTimeoutMin: null,
  nodes,
  effectiveNodes,
});

describe('planSnat: worked examples from the reference', () => {
  it('default table: 48 nodes get 1,024 ports, 52 nodes get 512 (configure-load-balancer-standard)', () => {
    expect(planSnat(lb(0, 1, 48)).portsPerNode).toBe(1024);
    expect(planSnat(lb(0, 1, 52)).portsPerNode).toBe(512);
  });

  it('steady state and upgrade apart: 48 nodes get 1,024 ports, 512 while 5 surge nodes join; the verdict says which', () => {
    const p = planSnat(lb(0, 1, 48, 53));
    expect([p.portsPerNode, p.portsPerNodeDuringUpgrade, p.worstAt]).toEqual([1024, 512, 'upgrade']);
    expect(planSnat(lb(0, 1, 40, 44)).worstAt).toBe('steady-state'); // 1,024 both ways
    expect(planSnat(lb(0, 1, 950, 1045)).errors.map((e) => e.message)).toEqual([
      'Backend pool of 1045 nodes during an upgrade (950 nodes + 95 surge) is past the default SNAT port table, which covers 1 to 1000 instances (https://learn.microsoft.com/en-us/azure/load-balancer/load-balancer-outbound-connections); set allocatedOutboundPorts',
    ]);
    expect(planSnat(lb(0, 1, 1001, 1002)).errors[0]?.message).toMatch(/^Backend pool of 1001 nodes at steady state is past/);
  });

  it('default table rows at every boundary', () => {
    const got = [1, 50, 51, 100, 101, 200, 201, 400, 401, 800, 801, 1000].map((n) => planSnat(lb(0, 1, n)).portsPerNode);
    expect(got).toEqual([1024, 1024, 512, 512, 256, 256, 128, 128, 64, 64, 32, 32]);
  });

  it('manual ports: max nodes for 1,000 and 4,000 ports with 2 and 7 IPs', () => {
    const table = [
      [1000, 2, 128],
      [1000, 7, 448],
      [4000, 2, 32],
      [4000, 7, 112],
    ];
    for (const [ports, ips, maxNodes] of table) {
      expect(planSnat(lb(ports as number, ips as number, 1)).maxNodes).toBe(maxNodes);
    }
  });

  it('surge example: 100 nodes + 2 surge at 4,000 ports fit 7 IPs (448,000 − 400,000 = 48,000 before surge)', () => {
    const p = planSnat(lb(4000, 7, 100, 102));
    expect(p.errors).toEqual([]);
    expect(p.totalPorts).toBe(448_000);
    expect(p.totalPorts - 100 * 4000).toBe(48_000);
    expect(planSnat(lb(4000, 7, 100, 113)).errors).toHaveLength(1);
  });

  it('support article: 8,000 ports, 9 nodes, 1 IP is rejected in Azure wording', () => {
    expect(planSnat(lb(8000, 1, 8, 9)).errors).toEqual([
      {
        code: 'InvalidLoadBalancerProfileAllocatedOutboundPorts',
        message: 'Total node count 9 requires 72000 ports but only 64000 ports are available given 1 outbound public IPs',
      },
    ]);
  });

  it('azure-cli #22374: 21,000 ports, 3 nodes + 1 surge', () => {
    expect(planSnat(lb(21000, 1, 3, 4)).errors.map((e) => e.message)).toEqual([
      'Total node count 4 requires 84000 ports but only 64000 ports are available given 1 outbound public IPs',
    ]);
  });

  it('jenkins-infra: 1,280 ports × 56 nodes = 71,680 > 64,000', () => {
    expect(planSnat(lb(1280, 1, 56)).errors[0]?.message).toBe(
      'Total node count 56 requires 71680 ports but only 64000 ports are available given 1 outbound public IPs',
    );
  });

  it('NAT gateway: 64,512 ports per IP, shared, idle timeout 4 min by default', () => {
    const p = planSnat({ ...lb(0, 16, 10), outboundType: 'managedNATGateway' });
    expect(p).toEqual({
      outboundType: 'managedNATGateway',
      portsPerNode: null,
      portsPerNodeDuringUpgrade: null,
      worstAt: null,
      totalPorts: 16 * 64_512,
      maxNodes: null,
      idleTimeoutMin: 4,
      errors: [],
    });
  });

  it('Azure Firewall: 2,496 ports per IP per instance, 2 instances at least', () => {
    expect(planSnat({ ...lb(0, 20, 10), outboundType: 'userDefinedRouting' }).totalPorts).toBe(2496 * 20 * 2);
  });

  it('LB idle timeout defaults to 30 min in AKS; an explicit value wins', () => {
    expect(planSnat(lb(0, 1, 3)).idleTimeoutMin).toBe(30);
    expect(planSnat({ ...lb(0, 1, 3), idleTimeoutMin: 10 }).idleTimeoutMin).toBe(10);
  });
});

describe('validateSnatInput', () => {
  it('ports not a multiple of 8, with the flag path', () => {
    expect(validateSnatInput(lb(1001, 1, 3), '--').map((p) => [p.code, p.path, p.value])).toEqual([
      ['outbound-ports', '--outbound-ports', '1001'],
    ]);
  });

  it('ports above 64,000 and negative', () => {
    expect(validateSnatInput(lb(64_008, 1, 3), 'x.').map((p) => p.path)).toEqual(['x.outboundPorts']);
    expect(validateSnatInput(lb(-8, 1, 3), 'x.').map((p) => p.path)).toEqual(['x.outboundPorts']);
    expect(validateSnatInput(lb(64_000, 1, 1), 'x.')).toEqual([]);
  });

  it('more than 16 NAT gateway IPs', () => {
    const bad = validateSnatInput({ ...lb(0, 17, 3), outboundType: 'userAssignedNATGateway' }, 'outbound.designs[2].');
    expect(bad.map((p) => [p.code, p.path, p.allowed])).toEqual([
      ['outbound-ips', 'outbound.designs[2].outboundIps', 'an integer in 1..16 for userAssignedNATGateway'],
    ]);
  });

  it('idle timeout out of range per type, and the 100 vs 120 CONFLICT as an option', () => {
    const at = (t: SnatPlanInput['outboundType'], m: number, max?: number) =>
      validateSnatInput({ ...lb(0, 1, 3), outboundType: t, idleTimeoutMin: m }, '--', max === undefined ? {} : { lbIdleTimeoutMaxMin: max }).map(
        (p) => p.path,
      );
    expect(at('loadBalancer', 3)).toEqual(['--idle-timeout']);
    expect(at('loadBalancer', 120)).toEqual([]);
    expect(at('loadBalancer', 121)).toEqual(['--idle-timeout']);
    expect(at('loadBalancer', 110, 100)).toEqual(['--idle-timeout']);
    expect(at('managedNATGateway', 121)).toEqual(['--idle-timeout']);
    expect(at('managedNATGateway', 4)).toEqual([]);
  });

  it('ports given for a NAT gateway are refused', () => {
    expect(validateSnatInput({ ...lb(1024, 1, 3), outboundType: 'managedNATGateway' }, '--').map((p) => p.code)).toEqual([
      'outbound-ports-not-applicable',
    ]);
  });
});
