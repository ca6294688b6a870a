import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/error/input-error.ts';
import { planScenario } from '../../src/plan/plan.ts';
import { parseScenarioText } from '../../src/scenario/load.ts';
import { fillNodes } from '../ipam/harness.ts';
import { createIpam } from '../../src/model/ipam/index.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { cidr } from '../ipam/harness.ts';

const scenario = (network: string, pool = '{ name: np, count: 4, maxPods: 31, maxSurge: 1 }') =>
  parseScenarioText(`name: x\ncni: [pod-subnet-static]\nnetwork: ${network}\ncluster:\n  pools:\n    - ${pool}\n`, 'x.yaml');

describe('network.usedByOthers', () => {
  it('a key that names no subnet of the scenario is refused with its path', () => {
    let err: unknown;
    try {
      scenario('{ nodeSubnet: 10.224.0.0/24, podSubnet: 10.225.0.0/24, usedByOthers: { 10.226.0.0/24: 2 } }');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems.map((p) => [p.code, p.path])).toEqual([['unknown-subnet', 'x.yaml: network.usedByOthers.10.226.0.0/24']]);
  });

  // A /24 pod subnet has 251 addresses but only 14 aligned /28 blocks clear of the 5 reserved addresses (issue 9
  // item 9): 27 of its addresses lie outside them (12 in the first /28, 15 in the last). Both the planner and the
  // static-block model count min(14, ⌊(251 − others)/16⌋) blocks: 11 others leave 240 addresses and 27 leave 224,
  // 14 blocks either way; 28 leave 223, 13 blocks. The planner and the model must agree on that boundary.
  it.each([
    [11, 14],
    [27, 14],
    [28, 13],
  ])('static block: %i addresses used by others leave %i /28 blocks, in the planner and in the model', (others, blocks) => {
    const s = scenario(`{ nodeSubnet: 10.224.0.0/24, podSubnet: 10.225.0.0/24, usedByOthers: { 10.225.0.0/24: ${others} } }`);
    const p = planScenario(s, 'pod-subnet-static');
    // maxPods 31 → 2 blocks a node; maxNodesThatFit is the largest N whose N + 1 surge nodes' blocks fit.
    expect(p.maxNodesThatFit).toBe(Math.floor(blocks / 2) - 1);
    expect(p.podSubnet?.usedByOthers).toBe(others);
    expect(p.podSubnet?.free).toBe(blocks * 16 - 5 * 32);

    const ipam = createIpam(
      'pod-subnet-static',
      new Simulation(),
      { subnets: [cidr('10.224.0.0/24'), cidr('10.225.0.0/24')], podCidr: cidr('10.244.0.0/16'), internalLbFrontendsBySubnet: [0, 0], usedByOthersBySubnet: [0, others] },
      { batchAllocationDelayNs: 0, podIpReleaseDelayNs: 0 },
      { podIpsAvailable: () => {} },
    );
    // The model fills without an upgrade: it holds the planner's N plus its 1 surge node.
    const joined = fillNodes(ipam, { poolIndex: 0, maxPods: 31, nodeSubnetId: 0, podSubnetId: 1 }).joined;
    expect(joined).toBe(Math.floor(blocks / 2));
    expect(joined).toBe((p.maxNodesThatFit ?? -1) + 1);
  });

  // A /24 node subnet has 251 addresses; a Node Subnet node at maxPods 30 takes 31: 8 nodes take 248.
  it.each([
    [3, 8],
    [4, 7],
  ])('node subnet: %i addresses used by others leave room for %i nodes at maxPods 30', (others, nodes) => {
    const ipam = createIpam(
      'node-subnet',
      new Simulation(),
      { subnets: [cidr('10.224.0.0/24')], podCidr: cidr('10.244.0.0/16'), internalLbFrontendsBySubnet: [0], usedByOthersBySubnet: [others] },
      { batchAllocationDelayNs: 0, podIpReleaseDelayNs: 0 },
      { podIpsAvailable: () => {} },
    );
    const r = fillNodes(ipam, { poolIndex: 0, maxPods: 30, nodeSubnetId: 0, podSubnetId: -1 });
    expect(r.joined).toBe(nodes);
    expect(r.failure?.kind === 'fail' ? r.failure.detail : '').toBe(`Pre-allocated IPs ${nodes * 31 + 31} exceeds IPs available in Subnet ${251 - others} (10.224.0.0/24)`);
  });
});
