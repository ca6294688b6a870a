import { describe, expect, it } from 'vitest';
import { checkAddressPlan, type AddressPlanInput, type SubnetField } from '../../src/net/address-plan.ts';

// A valid AKS plan (the scenario defaults): every test changes one field and expects exactly the rule it breaks.
const BASE: AddressPlanInput = {
  vnet: { path: 'network.vnet', text: '10.224.0.0/12' },
  subnets: [
    { path: 'network.nodeSubnet', text: '10.224.0.0/16', role: 'node' },
    { path: 'network.podSubnet', text: '10.225.0.0/16', role: 'pod-dynamic' },
  ],
  podCidr: { path: 'network.podCidr', text: '10.244.0.0/16' },
  podCidrModel: 'overlay',
  serviceCidr: { path: 'network.serviceCidr', text: '10.0.0.0/16' },
  dnsServiceIp: { path: 'network.dnsServiceIp', text: '10.0.0.10' },
  serviceCidrAllowSlash12: false,
};

function codes(input: Partial<AddressPlanInput>): Array<[string, string]> {
  return checkAddressPlan({ ...BASE, ...input }).map((p) => [p.code, p.path]);
}

const node = (text: string, path = 'network.nodeSubnet'): SubnetField => ({ path, text, role: 'node' });

describe('address plan: the defaults are valid', () => {
  it('has no problem', () => {
    expect(checkAddressPlan(BASE)).toEqual([]);
  });
});

describe('address plan: malformed input', () => {
  it.each(['10.0.0.0/33', '10.0.0/16', '10.0.0.1/16', 'ten.0.0.0/8', '300.1.0.0/16'])('rejects the CIDR %s', (text) => {
    const problems = checkAddressPlan({ ...BASE, podCidr: { path: '--pod-cidr', text } });
    expect(problems.map((p) => [p.code, p.path, p.value])).toEqual([['malformed-cidr', '--pod-cidr', JSON.stringify(text)]]);
  });

  it('rejects a malformed DNS service IP', () => {
    expect(codes({ dnsServiceIp: { path: 'network.dnsServiceIp', text: '10.0.0.256' } })).toEqual([['malformed-ip', 'network.dnsServiceIp']]);
  });
});

describe('address plan: subnet sizes (VNet FAQ: /2 to /29, 5 reserved)', () => {
  it('rejects a /30 and a /31, accepts a /29', () => {
    expect(codes({ subnets: [node('10.224.0.0/30')] })).toEqual([['subnet-size', 'network.nodeSubnet']]);
    expect(codes({ subnets: [node('10.224.0.0/31')] })).toEqual([['subnet-size', 'network.nodeSubnet']]);
    expect(codes({ subnets: [node('10.224.0.0/29')] })).toEqual([]);
  });

  it('the /30 message names the rule and its source', () => {
    const [p] = checkAddressPlan({ ...BASE, subnets: [node('10.224.0.0/30')] });
    expect(p?.allowed).toBe('a subnet from /2 to /29');
    expect(p?.rule).toContain('reserves 5 addresses');
    expect(p?.rule).toContain('https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq');
  });

  it('static-block pod subnet at most /12', () => {
    const vnet = { path: 'network.vnet', text: '10.0.0.0/8' };
    const svc = { serviceCidr: { path: 's', text: '192.168.0.0/16' }, dnsServiceIp: { path: 'd', text: '192.168.0.10' } };
    const pod = (text: string): SubnetField => ({ path: 'network.podSubnet', text, role: 'pod-static' });
    expect(codes({ vnet, ...svc, podCidr: null, subnets: [node('10.0.0.0/16'), pod('10.16.0.0/12')] })).toEqual([]);
    expect(codes({ vnet, ...svc, podCidr: null, subnets: [node('10.0.0.0/16'), pod('10.32.0.0/11')] })).toEqual([['static-pod-subnet-too-large', 'network.podSubnet']]);
  });

  it('rejects a VNet larger than /8', () => {
    expect(codes({ vnet: { path: 'network.vnet', text: '8.0.0.0/7' }, subnets: [node('8.0.0.0/16')], podCidr: null })).toEqual([['vnet-too-large', 'network.vnet']]);
  });
});

describe('address plan: forbidden ranges', () => {
  it.each([
    ['169.254.0.0/16'],
    ['169.254.10.0/24'],
    ['172.16.0.0/12'],
    ['172.30.0.0/16'],
    ['172.31.128.0/17'],
    ['192.0.2.0/24'],
  ])('rejects %s as the pod CIDR', (text) => {
    expect(codes({ podCidr: { path: 'network.podCidr', text } })).toEqual([['forbidden-range', 'network.podCidr']]);
  });

  it('accepts 172.16.0.0/13, which stays clear of 172.30 and 172.31', () => {
    expect(codes({ podCidr: { path: 'network.podCidr', text: '172.16.0.0/13' } })).toEqual([]);
  });

  it('rejects a forbidden service CIDR and VNet, and names the range hit', () => {
    const problems = checkAddressPlan({ ...BASE, serviceCidr: { path: 'network.serviceCidr', text: '192.0.2.0/24' }, dnsServiceIp: { path: 'network.dnsServiceIp', text: '192.0.2.10' } });
    expect(problems.map((p) => p.code)).toEqual(['forbidden-range']);
    expect(problems[0]?.allowed).toContain('192.0.2.0/24');
    expect(codes({ vnet: { path: 'network.vnet', text: '169.254.0.0/16' }, subnets: [node('169.254.0.0/24')] })).toEqual([
      ['forbidden-range', 'network.vnet'],
      ['forbidden-range', 'network.nodeSubnet'],
    ]);
  });
});

describe('address plan: service CIDR and DNS service IP', () => {
  it('service CIDR smaller than /12; /12 only with assumptions.serviceCidrAllowSlash12 (CONFLICT)', () => {
    const svc = (text: string) => ({ serviceCidr: { path: 'network.serviceCidr', text }, dnsServiceIp: { path: 'network.dnsServiceIp', text: '100.64.0.10' } });
    expect(codes(svc('100.64.0.0/13'))).toEqual([]);
    expect(codes(svc('100.64.0.0/12'))).toEqual([['service-cidr-too-large', 'network.serviceCidr']]);
    expect(codes({ ...svc('100.64.0.0/12'), serviceCidrAllowSlash12: true })).toEqual([]);
    expect(codes({ ...svc('100.64.0.0/11'), serviceCidrAllowSlash12: true })).toEqual([['service-cidr-too-large', 'network.serviceCidr']]);
  });

  it('DNS IP outside the service CIDR', () => {
    const problems = checkAddressPlan({ ...BASE, dnsServiceIp: { path: 'network.dnsServiceIp', text: '10.1.0.10' } });
    expect(problems.map((p) => [p.code, p.path, p.value])).toEqual([['dns-ip-outside-service-cidr', 'network.dnsServiceIp', '10.1.0.10']]);
    expect(problems[0]?.allowed).toContain('10.0.0.0/16');
  });

  it.each(['10.0.0.0', '10.0.0.1'])('DNS IP on the first addresses of the service CIDR (%s)', (ip) => {
    expect(codes({ dnsServiceIp: { path: 'network.dnsServiceIp', text: ip } })).toEqual([['dns-ip-first-address', 'network.dnsServiceIp']]);
  });

  it('accepts 10.0.0.2 and the last address', () => {
    expect(codes({ dnsServiceIp: { path: 'network.dnsServiceIp', text: '10.0.0.2' } })).toEqual([]);
    expect(codes({ dnsServiceIp: { path: 'network.dnsServiceIp', text: '10.0.255.254' } })).toEqual([]);
  });

  it('service CIDR overlapping the VNet, a subnet or the pod CIDR', () => {
    const dns = { path: 'network.dnsServiceIp', text: '10.224.0.10' };
    expect(codes({ serviceCidr: { path: 'network.serviceCidr', text: '10.224.0.0/16' }, dnsServiceIp: dns })).toEqual([['service-cidr-overlap', 'network.serviceCidr']]);
    expect(codes({ serviceCidr: { path: 'network.serviceCidr', text: '10.244.0.0/16' }, dnsServiceIp: { path: 'd', text: '10.244.0.10' } })).toEqual([['service-cidr-overlap', 'network.serviceCidr']]);
  });
});

describe('address plan: overlaps', () => {
  it('Overlay pod CIDR overlapping the node subnet', () => {
    const problems = checkAddressPlan({ ...BASE, podCidr: { path: 'network.podCidr', text: '10.224.0.0/16' } });
    expect(problems.map((p) => [p.code, p.path])).toEqual([['pod-cidr-overlap', 'network.podCidr']]);
    expect(problems[0]?.allowed).toContain('10.224.0.0/16 (network.nodeSubnet)');
  });

  it('Overlay checks per subnet (CHANGELOG 2024-10-25); kubenet keeps the whole VNet out of the pod CIDR', () => {
    const inVnetNoSubnet = { path: 'network.podCidr', text: '10.230.0.0/16' };
    expect(codes({ podCidr: inVnetNoSubnet, podCidrModel: 'overlay' })).toEqual([]);
    expect(codes({ podCidr: inVnetNoSubnet, podCidrModel: 'kubenet' })).toEqual([['pod-cidr-overlap', 'network.podCidr']]);
  });

  it('subnets outside the VNet, overlapping each other, or a pod subnet that is the node subnet', () => {
    expect(codes({ subnets: [node('10.100.0.0/16')] })).toEqual([['subnet-outside-vnet', 'network.nodeSubnet']]);
    expect(codes({ subnets: [node('10.224.0.0/16'), node('10.224.1.0/24', 'cluster.pools[1].nodeSubnet')] })).toEqual([['subnet-overlap', 'cluster.pools[1].nodeSubnet']]);
    expect(codes({ subnets: [node('10.224.0.0/16'), node('10.224.0.0/16', 'cluster.pools[1].nodeSubnet')] })).toEqual([]);
    expect(codes({ subnets: [node('10.224.0.0/16'), { path: 'network.podSubnet', text: '10.224.0.0/16', role: 'pod-dynamic' }] })).toEqual([['pod-subnet-is-node-subnet', 'network.podSubnet']]);
  });
});
