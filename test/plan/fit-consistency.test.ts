import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CNI_NAMES, type CniName } from '../../src/model/ipam/cni.ts';
import { planScenario } from '../../src/plan/plan.ts';
import { validateScenarioData } from '../../src/scenario/load.ts';

interface Case {
  cni: CniName;
  maxPods: number;
  nodePrefix: number;
  podPrefix: number;
  podCidrPrefix: number;
  surge: number;
  frontends: number;
  tier: 'free' | 'standard';
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
      cluster: { pools: [{ name: 'np', count, maxPods: c.maxPods, maxSurge: c.surge }] },
    },
    'p.yaml',
  );
  return planScenario(s, c.cni);
}

// The planner answers "does it fit?" (its errors) and "how many nodes fit?" (the node fill) by two separate
// computations. For one pool they must agree at the boundary: with M = maxNodesThatFit and a surge of k nodes,
// M − k nodes fit and M − k + 1 do not, whatever the model, subnet sizes, maxPods, frontends and tier.
describe('fits exactly up to maxNodesThatFit (one pool, at the boundary)', () => {
  it('holds for random plans', () => {
    fc.assert(
      fc.property(
        fc.record({
          cni: fc.constantFrom(...CNI_NAMES),
          maxPods: fc.integer({ min: 30, max: 250 }),
          nodePrefix: fc.integer({ min: 16, max: 28 }),
          podPrefix: fc.integer({ min: 16, max: 28 }),
          podCidrPrefix: fc.integer({ min: 12, max: 24 }),
          surge: fc.integer({ min: 1, max: 5 }),
          frontends: fc.integer({ min: 0, max: 5 }),
          tier: fc.constantFrom<'free' | 'standard'>('free', 'standard'),
        }),
        (c) => {
          const m = plan(c, c.surge).maxNodesThatFit;
          for (const count of [m - c.surge, m - c.surge + 1]) {
            if (count < c.surge || count > 1000) continue;
            const p = plan(c, count);
            expect(p.surgeNodes).toBe(c.surge);
            expect(p.maxNodesThatFit).toBe(m);
            expect(p.fits).toBe(count + c.surge <= m);
          }
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  });
});
