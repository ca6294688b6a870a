import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLAN_CSV_COLUMNS } from '../../src/plan/plan-report.ts';
import { STACK_LINE, cnisim } from '../cli/cli-harness.ts';

const PLAN_KEYS = ['cni', 'nodes', 'surgeNodes', 'maxPods', 'nodeSubnet', 'podSubnet', 'podCidr', 'ipFamilies', 'podCidrIpv6', 'runsOutFirst', 'maxNodesThatFit', 'maxPodsPerCluster', 'fits', 'limitingFactor', 'errors', 'warnings', 'snat'];
const SPACE_KEYS = ['cidr', 'usable', 'usedByOthers', 'required', 'free'];

describe('cnisim plan: exit codes and output', () => {
  it('exits 0 when every model fits, with one table row per model', () => {
    const r = cnisim(['plan', '--nodes', '10']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows.map((l) => l.split(/\s+/)[0])).toEqual(['cni', 'overlay', 'node-subnet', 'pod-subnet-dynamic', 'pod-subnet-static', 'kubenet']);
    expect(r.stderr).toBe('');
  });

  it('exits 1 when it does not fit, with Azure\'s message', () => {
    const r = cnisim(['plan', '--cni', 'node-subnet', '--nodes', '10', '--vnet', '10.224.0.0/12', '--node-subnet', '10.224.0.0/24']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('node-subnet: InsufficientSubnetSize: Pre-allocated IPs 310 exceeds IPs available in Subnet 251\n');
    expect(r.stdout).toMatch(/^node-subnet +10 +1 +30 +341\/251 10\.224\.0\.0\/24 .* NO +node-subnet$/m);
  });

  it('JSON: one object per model, exactly the documented keys, in order', () => {
    const r = cnisim(['plan', '--cni', 'all', '--nodes', '5', '--pod-cidr', '10.240.100.0/22', '--format', 'json']);
    expect(r.code).toBe(1);
    const plans = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(plans.map((p) => p['cni'])).toEqual(['overlay', 'node-subnet', 'pod-subnet-dynamic', 'pod-subnet-static', 'kubenet']);
    for (const p of plans) {
      expect(Object.keys(p)).toEqual(PLAN_KEYS);
      expect(Object.keys(p['nodeSubnet'] as object)).toEqual(SPACE_KEYS);
      expect(Object.keys(p['snat'] as object)).toEqual(['outboundType', 'portsPerNode', 'portsPerNodeDuringUpgrade', 'worstAt', 'totalPorts', 'maxNodes', 'idleTimeoutMin', 'managedOutboundIPs']);
    }
    const overlay = plans[0] as Record<string, unknown>;
    expect(overlay['podSubnet']).toBe(null);
    expect(overlay['podCidr']).toEqual({ cidr: '10.240.100.0/22', usable: 1024, required: 1536, free: -512 });
    expect(overlay['errors']).toEqual([
      {
        code: 'InsufficientSubnetSize',
        message:
          'Pre-allocated IPs 1280 exceeds IPs available 1024 in Subnet Cidr 10.240.100.0/22, Subnet Name networkProfile.podCIDR. If Autoscaler is enabled, the max-count from each nodepool is counted towards this total',
      },
    ]);
    expect((plans[1] as Record<string, unknown>)['fits']).toBe(true);
  });

  it('CSV: the documented header and one row per model', () => {
    const r = cnisim(['plan', '--cni', 'overlay,kubenet', '--nodes', '3', '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(PLAN_CSV_COLUMNS.map((c) => c.name).join(','));
    expect(lines.slice(1)).toEqual([
      'overlay,3,1,250,10.224.0.0/16,65531,0,4,65527,,,,,,10.244.0.0/16,65536,1024,64512,232,58000,true,pod-cidr,loadBalancer,1024,1024,steady-state,64000,1000,30,,',
      'kubenet,3,1,110,10.224.0.0/16,65531,0,4,65527,,,,,,10.244.0.0/16,65536,1024,64512,232,25520,true,pod-cidr,loadBalancer,1024,1024,steady-state,64000,1000,30,,',
    ]);
  });

  it('SNAT flags: manual ports over the IPs\' capacity exit 1 with Azure\'s message', () => {
    const r = cnisim(['plan', '--cni', 'overlay', '--nodes', '3', '--outbound-ports', '21000', '--format', 'json']);
    expect(r.code).toBe(1);
    const [p] = JSON.parse(r.stdout) as Array<{ snat: { portsPerNode: number; maxNodes: number } }>;
    expect([p?.snat.portsPerNode, p?.snat.maxNodes]).toEqual([21000, 3]);
    expect(r.stderr).toContain('Total node count 4 requires 84000 ports but only 64000 ports are available given 1 outbound public IPs');
  });

  it('a scenario file with flags overriding it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnisim-plan-'));
    const file = join(dir, 'x.yaml');
    writeFileSync(file, 'name: x\ncni: [node-subnet]\nnetwork: { nodeSubnet: 10.224.0.0/21 }\ncluster:\n  pools:\n    - { name: np, count: 50, maxSurge: 1 }\n');
    const fits = cnisim(['plan', file, '--format', 'json']);
    expect(fits.code).toBe(0);
    expect((JSON.parse(fits.stdout) as Array<{ nodeSubnet: { required: number } }>)[0]?.nodeSubnet.required).toBe(1581);
    const tight = cnisim(['plan', file, '--node-subnet', '10.224.0.0/22']);
    expect(tight.code).toBe(1);
    expect(tight.stderr).toContain('Pre-allocated IPs 1550 exceeds IPs available in Subnet 1019');
  });
  it('takes the scenario\'s first outbound design; a flag overrides it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnisim-plan-'));
    const file = join(dir, 'snat.yaml');
    writeFileSync(file, 'name: s\ncni: [overlay]\noutbound:\n  designs:\n    - { name: lb, outboundType: loadBalancer, outboundIps: 2, outboundPorts: 1000 }\ncluster:\n  pools:\n    - { name: np, count: 100 }\n');
    const fromFile = cnisim(['plan', file, '--format', 'json']);
    expect(fromFile.code).toBe(0);
    expect((JSON.parse(fromFile.stdout) as Array<{ snat: unknown }>)[0]?.snat).toEqual({ outboundType: 'loadBalancer', portsPerNode: 1000, portsPerNodeDuringUpgrade: 1000, worstAt: 'upgrade', totalPorts: 128000, maxNodes: 128, idleTimeoutMin: 30, managedOutboundIPs: { count: 2, countIPv6: 0 } });
    const nat = cnisim(['plan', file, '--outbound-type', 'managedNATGateway', '--outbound-ports', '0', '--format', 'json']);
    expect(nat.code).toBe(0);
    expect((JSON.parse(nat.stdout) as Array<{ snat: unknown }>)[0]?.snat).toEqual({ outboundType: 'managedNATGateway', portsPerNode: null, portsPerNodeDuringUpgrade: null, worstAt: null, totalPorts: 129024, maxNodes: null, idleTimeoutMin: 4, managedOutboundIPs: null });
  });

  it('--help lists every flag and the exit codes', () => {
    const r = cnisim(['plan', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--cni', '--nodes', '--max-pods', '--max-surge', '--node-subnet', '--pod-subnet', '--pod-cidr', '--service-cidr', '--dns-service-ip', '--vnet', '--outbound-type', '--outbound-ips', '--outbound-ports', '--idle-timeout', '--ip-families', '--pod-cidrs', '--service-cidrs', '--node-subnet-ipv6', '--outbound-ipv6-ips', '--format']) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toContain('Exit codes: 0 every model fits, 1 some model does not fit');
  });
});

describe('cnisim plan: bad input exits 2, names the flag, no stack trace', () => {
  it.each([
    [['--node-subnet', '10.224.0.0/33'], '--node-subnet: "10.224.0.0/33" is not allowed; expected an IPv4 CIDR'],
    [['--pod-cidr', '10.224.0.0/16'], '--pod-cidr: 10.224.0.0/16 is not allowed; expected a pod CIDR that overlaps no VNet subnet'],
    [['--dns-service-ip', '10.1.0.10'], '--dns-service-ip: 10.1.0.10 is not allowed; expected an address inside the service CIDR 10.0.0.0/16'],
    [['--dns-service-ip', '10.0.0.0'], '--dns-service-ip: 10.0.0.0 is not allowed; expected an address of 10.0.0.0/16 (--service-cidr) other than its first addresses'],
    [['--node-subnet', '10.224.0.0/30'], '--node-subnet: 10.224.0.0/30 is not allowed; expected a subnet from /2 to /29'],
    [['--max-pods', '300'], '--max-pods: 300 is not allowed; expected an integer from 10 to 250'],
    [['--pod-cidr', '172.16.0.0/12'], '--pod-cidr: 172.16.0.0/12 is not allowed; expected a pod CIDR that does not overlap 172.30.0.0/16'],
    [['--service-cidr', '169.254.0.0/16', '--dns-service-ip', '169.254.0.10'], '--service-cidr: 169.254.0.0/16 is not allowed; expected a service CIDR that does not overlap 169.254.0.0/16'],
    [['--outbound-ports', '1001'], '--outbound-ports: 1001 is not allowed; expected a multiple of 8 in 0..64000'],
    [['--cni', 'calico'], '--cni: "calico" is not allowed; expected overlay, node-subnet, pod-subnet-dynamic, pod-subnet-static, kubenet or all'],
    [['--nodes', 'ten'], '--nodes: "ten" is not allowed; expected a whole number of nodes'],
  ])('%j', (args, message) => {
    const r = cnisim(['plan', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${message}`);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe('');
  });

  it('--nodes needs a single-pool scenario, and at most 1,000 nodes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnisim-plan-'));
    const file = join(dir, 'two.yaml');
    writeFileSync(file, 'name: two\ncluster:\n  pools:\n    - { name: a, count: 3 }\n    - { name: b, count: 3 }\n');
    const multi = cnisim(['plan', file, '--nodes', '5']);
    expect(multi.code).toBe(2);
    expect(multi.stderr).toContain('error: --nodes: 5 is not allowed; expected no --nodes: the scenario has 2 pools');
    const big = cnisim(['plan', '--nodes', '1001']);
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('error: --nodes: 1001 is not allowed; expected at most 1000 nodes in one pool');
  });

  it('a bad scenario file names the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnisim-plan-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: bad\nnetwork: { podCidr: 10.224.0.0/16 }\ncluster:\n  pools:\n    - { name: np, count: 3 }\n');
    const r = cnisim(['plan', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${file}: network.podCidr`);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
