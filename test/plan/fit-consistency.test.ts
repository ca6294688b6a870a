import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CNI_NAMES, type CniName } from '../../src/model/ipam/cni.ts';
import { planScenario, type SnatOptions } from '../../src/plan/plan.ts';
import { validateScenarioData } from '../../src/scenario/load.ts';

interface Case {
  cni: CniName;
  maxPods: number;
  nodePrefix: number;
  podPrefix: number;
  podCidrPrefix: number;
  surge: number | string;
  frontends: number;
  tier: 'free' | 'standard';
  /** Pod Subnet dynamic plans its steady state from the workload: 0 = none (every node full). */
  replicas: number;
  /** LB allocatedOutboundPorts on 1 IP; 0 = the default table. */
  outboundPorts: number;
}

function plan(c: Case, count: number) {
  const s = validateScenarioData(
    {
      name: 'p',
      cni: [c.cni],
      assumptions: { tier: c.tier },
      network: {
        vnet: '10.0.0.0/8',
        nodeSubnet: `10.16.0.0/${c.nodePrefix}`,
        podSubnet: `10.32.0.0/${c.podPrefix}`,
        podCidr: `100.64.0.0/${c.podCidrPrefix}`,
        serviceCidr: '192.168.0.0/16',
        dnsServiceIp: '192.168.0.10',
        internalLoadBalancerFrontends: c.frontends,
      },
      cluster: { pools: [{ name: 'np', mode: 'system', count, maxPods: c.maxPods, maxSurge: c.surge }] },
      workload: { deployments: c.replicas === 0 ? [] : [{ name: 'web', replicas: c.replicas }] },
    },
    'p.yaml',
  );
  const snat: SnatOptions = { outboundType: 'loadBalancer', outboundIps: 1, outboundPorts: c.outboundPorts, idleTimeoutMin: null };
  return planScenario(s, c.cni, snat);
}

// maxNodesThatFit is defined by the verdict itself: N where the same plan with N nodes fits (surge included) and
// with N + 1 does not, whatever the model, subnet sizes, maxPods, surge, frontends, workload, SNAT and tier.
describe('maxNodesThatFit: N fits and N + 1 does not (one pool, cnisim plan --nodes N)', () => {
  it('holds for random plans, and does not depend on the node count asked about', () => {
    fc.assert(
      fc.property(
        fc.record({
          cni: fc.constantFrom(...CNI_NAMES),
          maxPods: fc.integer({ min: 30, max: 250 }),
          nodePrefix: fc.integer({ min: 16, max: 28 }),
          podPrefix: fc.integer({ min: 16, max: 28 }),
          podCidrPrefix: fc.integer({ min: 12, max: 24 }),
          surge: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom('10%', '33%', '50%', '100%')),
          frontends: fc.integer({ min: 0, max: 5 }),
          tier: fc.constantFrom<'free' | 'standard'>('free', 'standard'),
          replicas: fc.constantFrom(0, 0, 40, 500, 5000),
          outboundPorts: fc.constantFrom(0, 0, 0, 1024, 8000),
        }),
        fc.integer({ min: 1, max: 1000 }),
        (c, asked) => {
          const m = plan(c, asked).maxNodesThatFit;
          expect(plan(c, 1).maxNodesThatFit).toBe(m);
          if (m >= 1) expect(plan(c, m).fits).toBe(true);
          if (m + 1 <= 1000) expect(plan(c, m + 1).fits).toBe(false);
        },
      ),
      { numRuns: 150, seed: 20261202 },
    );
  });
});
