import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/error/input-error.ts';
import { parseScenarioText } from '../../src/scenario/load.ts';

// The address-plan rules run when a scenario is loaded, for every networking model it lists.
function problems(yaml: string): Array<[string, string]> {
  try {
    parseScenarioText(yaml, 'bad.yaml');
  } catch (err) {
    // The loader may add ` (line L, column C)`; the field path is what this test checks.
    if (err instanceof InputError) return err.problems.map((p) => [p.code, p.path.replace(/ \(line \d+, column \d+\)$/, '')]);
    throw err;
  }
  return [];
}

const scenario = (network: string, cni = '[overlay]', pool = '{ name: np, count: 3 }') => `
name: t
cni: ${cni}
network: ${network}
cluster:
  pools:
    - ${pool}
`;

describe('loadScenario rejects a bad address plan, naming the field', () => {
  it('accepts the defaults for every model', () => {
    expect(problems(scenario('{}', '[overlay, node-subnet, pod-subnet-dynamic, pod-subnet-static, kubenet]'))).toEqual([]);
  });

  it('a pod CIDR overlapping the VNet\'s node subnet', () => {
    expect(problems(scenario('{ podCidr: 10.224.0.0/16 }'))).toEqual([['pod-cidr-overlap', 'bad.yaml: network.podCidr']]);
  });

  it('a DNS service IP outside the service CIDR, and on its first address', () => {
    expect(problems(scenario('{ dnsServiceIp: 10.1.0.10 }'))).toEqual([['dns-ip-outside-service-cidr', 'bad.yaml: network.dnsServiceIp']]);
    expect(problems(scenario('{ dnsServiceIp: 10.0.0.1 }'))).toEqual([['dns-ip-first-address', 'bad.yaml: network.dnsServiceIp']]);
  });

  it('a /30 node subnet (in a pool)', () => {
    expect(problems(scenario('{}', '[overlay]', '{ name: np, count: 3, nodeSubnet: 10.224.0.0/30 }'))).toEqual([['subnet-size', 'bad.yaml: cluster.pools[0].nodeSubnet']]);
  });

  it('maxPods 300', () => {
    expect(problems(scenario('{}', '[overlay]', '{ name: np, count: 3, maxPods: 300 }'))).toEqual([['max-pods', 'bad.yaml: cluster.pools[0].maxPods']]);
  });

  it('maxPods 10 only where the pool holds 30 pods: 2 nodes no, 3 nodes yes', () => {
    expect(problems(scenario('{}', '[overlay]', '{ name: np, count: 2, maxPods: 10 }'))).toEqual([['max-pods-pool-too-small', 'bad.yaml: cluster.pools[0].maxPods']]);
    expect(problems(scenario('{}', '[overlay]', '{ name: np, count: 3, maxPods: 10 }'))).toEqual([]);
    expect(problems(scenario('{}', '[overlay]', '{ name: np, count: 1, maxPods: 10, autoscale: { minCount: 1, maxCount: 3 } }'))).toEqual([]);
  });

  it('forbidden ranges: 172.16.0.0/12 as pod CIDR, 169.254.0.0/16 as service CIDR', () => {
    expect(problems(scenario('{ podCidr: 172.16.0.0/12 }'))).toEqual([['forbidden-range', 'bad.yaml: network.podCidr']]);
    expect(problems(scenario('{ serviceCidr: 169.254.0.0/16, dnsServiceIp: 169.254.0.10 }'))).toEqual([['forbidden-range', 'bad.yaml: network.serviceCidr']]);
  });

  it('a malformed CIDR is caught by the schema with its path', () => {
    expect(problems(scenario('{ podCidr: 10.0.0.0/33 }'))).toEqual([['custom', 'bad.yaml: network.podCidr']]);
  });

  it('rules apply only to the models listed: the pod CIDR to Overlay/kubenet, pod subnets to Pod Subnet', () => {
    // In the VNet but in no subnet: Overlay accepts it (per-subnet check), kubenet does not.
    expect(problems(scenario('{ podCidr: 10.230.0.0/16 }', '[overlay]'))).toEqual([]);
    expect(problems(scenario('{ podCidr: 10.230.0.0/16 }', '[kubenet]'))).toEqual([['pod-cidr-overlap', 'bad.yaml: network.podCidr']]);
    expect(problems(scenario('{ nodeSubnet: 10.224.0.0/16, podSubnet: 10.224.0.0/16 }', '[overlay]'))).toEqual([]);
    expect(problems(scenario('{ nodeSubnet: 10.224.0.0/16, podSubnet: 10.224.0.0/16 }', '[pod-subnet-dynamic]'))).toEqual([['pod-subnet-is-node-subnet', 'bad.yaml: network.podSubnet']]);
  });

  it('a subnet without its VNet: the VNet is unknown, not the managed one; a missing subnet is not invented', () => {
    // 10.240.0.0/21 lies outside the managed VNet 10.224.0.0/12, and is no longer refused for it.
    expect(problems(scenario('{ nodeSubnet: 10.240.0.0/21 }', '[node-subnet, overlay]'))).toEqual([]);
    // What can be checked still is: the kubenet pod CIDR against the subnets.
    expect(problems(scenario('{ nodeSubnet: 10.240.0.0/21, podCidr: 10.240.0.0/16 }', '[kubenet]'))).toEqual([['pod-cidr-overlap', 'bad.yaml: network.podCidr']]);
    expect(problems(scenario('{ nodeSubnet: 10.240.0.0/21 }', '[pod-subnet-dynamic]'))).toEqual([['subnet-not-given', 'bad.yaml: network.podSubnet']]);
    expect(problems(scenario('{ podSubnet: 10.241.0.0/21 }', '[pod-subnet-static]'))).toEqual([['subnet-not-given', 'bad.yaml: network.nodeSubnet']]);
    expect(problems(scenario('{ podSubnet: 10.0.0.0/11, vnet: 10.0.0.0/8, nodeSubnet: 10.224.0.0/16, serviceCidr: 192.168.0.0/16, dnsServiceIp: 192.168.0.10 }', '[pod-subnet-static, pod-subnet-dynamic]'))).toEqual([
      ['static-pod-subnet-too-large', 'bad.yaml: network.podSubnet'],
    ]);
  });
});
