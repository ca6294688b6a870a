import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_LINE, cnisim } from '../cli/cli-harness.ts';

// Known answers of issue 9, through the command line where a user sees them.
const dir = mkdtempSync(join(tmpdir(), 'cnisim-plan-answers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface PlanJson {
  fits: boolean;
  maxNodesThatFit: number;
  maxPodsPerCluster: number;
  limitingFactor: string;
  warnings: Array<{ code: string; message: string }>;
  podSubnet: { usable: number } | null;
  snat: { portsPerNode: number | null; portsPerNodeDuringUpgrade: number | null; worstAt: string | null };
}
const json = (stdout: string) => JSON.parse(stdout) as PlanJson[];

describe('max nodes agree with the verdict (item 2)', () => {
  it('a /24 at maxPods 30: at most 7 nodes fit (7 + 1 surge = 248 of 251); --nodes 7 fits, --nodes 8 does not', () => {
    const base = ['plan', '--cni', 'node-subnet', '--max-pods', '30', '--vnet', '10.240.0.0/16', '--node-subnet', '10.240.0.0/24', '--format', 'json'];
    const ten = cnisim([...base, '--nodes', '10']);
    expect(ten.code).toBe(1);
    expect(json(ten.stdout)[0]).toMatchObject({ maxNodesThatFit: 7, maxPodsPerCluster: 210, limitingFactor: 'node-subnet' });
    expect(cnisim([...base, '--nodes', '7']).code).toBe(0);
    expect(cnisim([...base, '--nodes', '8']).code).toBe(1);
  });

  it('a /21 at maxPods 30 with the default 10% surge: 59 nodes (59 + 6 surge = 65 × 31 = 2,015 of 2,043), not 65', () => {
    const base = ['plan', '--cni', 'node-subnet', '--vnet', '10.240.0.0/16', '--node-subnet', '10.240.0.0/21', '--format', 'json'];
    expect(json(cnisim([...base, '--nodes', '50']).stdout)[0]?.maxNodesThatFit).toBe(59);
    expect(cnisim([...base, '--nodes', '59']).code).toBe(0);
    expect(cnisim([...base, '--nodes', '60']).code).toBe(1);
  });
});

describe('a subnet given without --vnet is not checked against an invented VNet (item 6)', () => {
  it('10.240.0.0/21 fits (it is outside the managed 10.224.0.0/12, which is not assumed), with a warning that says what was not checked', () => {
    const r = cnisim(['plan', '--cni', 'node-subnet', '--nodes', '50', '--max-surge', '1', '--max-pods', '30', '--node-subnet', '10.240.0.0/21', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout)[0]?.warnings.map((w) => w.code)).toEqual(['VnetNotGiven']);
    expect(r.stderr).toMatch(/^node-subnet: warning: VnetNotGiven: Subnets given without their VNet \(--vnet, network\.vnet\): not checked that they lie inside it/);
    const podless = cnisim(['plan', '--cni', 'pod-subnet-dynamic', '--node-subnet', '10.240.0.0/21']);
    expect(podless.code).toBe(2);
    expect(podless.stderr).toContain('error: --pod-subnet: (not given) is not allowed; expected a pod subnet for pod-subnet-dynamic');
  });
});

describe('SNAT ports per node at steady state and during an upgrade (item 5)', () => {
  it('48 nodes: 1,024 ports each at steady state, 512 while the 5 surge nodes are in the pool; the table shows both', () => {
    const r = cnisim(['plan', '--cni', 'overlay', '--nodes', '48', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout)[0]?.snat).toMatchObject({ portsPerNode: 1024, portsPerNodeDuringUpgrade: 512, worstAt: 'upgrade' });
    expect(cnisim(['plan', '--cni', 'overlay', '--nodes', '48']).stdout).toContain('1024 (upgrade 512)');
  });
});

describe('a system pool with a node is required (item 7)', () => {
  it('only user pools, or a system pool of 0 nodes: exit 2 with the Azure rule', () => {
    const users = join(dir, 'users.yaml');
    writeFileSync(users, 'name: u\ncluster:\n  pools:\n    - { name: a, mode: user, count: 3 }\n    - { name: b, count: 3 }\n');
    const r = cnisim(['validate', users]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cluster.pools[*].mode: a: user, b: user is not allowed; expected at least one pool with mode: system');
    expect(r.stderr).toContain('System pools must contain at least one node');
    expect(r.stderr).not.toMatch(STACK_LINE);
    const empty = join(dir, 'empty.yaml');
    writeFileSync(empty, 'name: e\ncluster:\n  pools:\n    - { name: sys, mode: system, count: 0 }\n    - { name: app, count: 3 }\n');
    const e = cnisim(['plan', empty]);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/empty\.yaml: cluster\.pools\[0\]\.count \(line 4, column \d+\): 0 is not allowed; expected at least 1 node in a system pool/);
  });

  it('the shipped SNAT scenario validates', () => {
    expect(cnisim(['validate', 'scenarios/snat-exhaustion.yaml']).code).toBe(0);
  });
});

describe('a public Overlay pod CIDR is a warning, not an error (item 8)', () => {
  it('exit 0, one line on stderr, a warnings entry in the JSON', () => {
    const r = cnisim(['plan', '--cni', 'overlay', '--pod-cidr', '50.0.0.0/16', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "overlay: warning: PodCidrNotPrivate: Pod CIDR 50.0.0.0/16 is not inside a private range: only RFC 1918 and RFC 6598 ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10) are supported as the Overlay pod CIDR; public ranges are outside Microsoft's support scope (https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-overlay)\n",
    );
    expect(json(r.stdout)[0]?.warnings.map((w) => w.code)).toEqual(['PodCidrNotPrivate']);
    const shared = cnisim(['plan', '--cni', 'overlay', '--pod-cidr', '100.64.0.0/16', '--format', 'json']);
    expect([shared.code, shared.stderr, json(shared.stdout)[0]?.warnings]).toEqual([0, '', []]);
  });

  it('validate gives the same warnings as plan for a scenario file, per model, and keeps exit 0', () => {
    const scenario = (podCidr: string, network = '') =>
      `name: w\ndurationS: 600\ncni: [overlay, kubenet]\nnetwork:\n  podCidr: ${podCidr}\n${network}cluster:\n  pools:\n    - { name: sys, count: 3 }\n`;
    const pub = join(dir, 'public-pod-cidr.yaml');
    writeFileSync(pub, scenario('50.0.0.0/16'));
    const v = cnisim(['validate', pub]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^ok: w /);
    // The support rule is Overlay's (concepts-network-azure-cni-overlay): kubenet gets no warning.
    expect(v.stderr).toBe(cnisim(['plan', pub, '--cni', 'overlay']).stderr);
    expect(v.stderr).toMatch(/^overlay: warning: PodCidrNotPrivate: Pod CIDR 50\.0\.0\.0\/16 is not inside a private range/);
    expect(v.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
    const noVnet = join(dir, 'no-vnet.yaml');
    writeFileSync(noVnet, scenario('10.244.0.0/16', '  nodeSubnet: 10.240.0.0/22\n'));
    const nv = cnisim(['validate', noVnet]);
    expect(nv.code).toBe(0);
    expect(nv.stderr.split('\n').filter((l) => l !== '').map((l) => l.split(': ').slice(0, 3).join(': '))).toEqual([
      'overlay: warning: VnetNotGiven',
      'kubenet: warning: VnetNotGiven',
    ]);
    const priv = join(dir, 'private.yaml');
    writeFileSync(priv, scenario('100.64.0.0/16'));
    expect([cnisim(['validate', priv]).code, cnisim(['validate', priv]).stderr]).toEqual([0, '']);
  });

  it('run prints the same warnings before it runs, with --quiet too, for the models it runs (--cni)', () => {
    const pub = join(dir, 'public-pod-cidr-run.yaml');
    writeFileSync(pub, 'name: w\ndurationS: 600\ncni: [overlay, kubenet]\nnetwork:\n  podCidr: 50.0.0.0/16\ncluster:\n  pools:\n    - { name: sys, count: 3 }\n');
    const out = join(dir, 'run-out');
    const r = cnisim(['run', pub, '--quiet', '--out-dir', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(cnisim(['validate', pub]).stderr);
    expect(readFileSync(join(out, 'w.summary.csv'), 'utf8').split('\n')[0]).toMatch(/^scenario,cni,/);
    // Only kubenet: the Overlay rule does not apply.
    expect(cnisim(['run', pub, '--quiet', '--cni', 'kubenet', '--out-dir', out]).stderr).toBe('');
  });
});

describe('Overlay pods per cluster is a parameter both the planner and the simulator apply (item 10)', () => {
  it('a cap of 50 pods: plan refuses 60 replicas under Overlay only; run keeps 50 running and fails 10 with overlay-pod-limit', () => {
    const file = join(dir, 'cap.yaml');
    writeFileSync(
      file,
      'name: cap\ndurationS: 600\nsampleIntervalS: 300\ncni: [overlay, kubenet]\nassumptions: { overlayMaxPodsPerCluster: 50 }\ncluster:\n  pools:\n    - { name: np, count: 2, maxPods: 110 }\nworkload:\n  deployments:\n    - { name: web, replicas: 60 }\n',
    );
    const plan = cnisim(['plan', file]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('overlay: OverlayPodLimit: The workload runs 60 pods at its peak but an Overlay cluster runs at most 50');
    expect(plan.stderr).not.toContain('kubenet: OverlayPodLimit');
    const out = join(dir, 'cap.csv');
    const run = cnisim(['run', file, '--out', out, '--timeseries', join(dir, 'cap.ts.csv'), '--events', join(dir, 'cap.events.csv'), '--quiet']);
    expect(run.code).toBe(0);
    const [header = '', ...rows] = readFileSync(out, 'utf8').trim().split('\n');
    const cols = header.split(',');
    const pick = (row: string, name: string) => row.split(',')[cols.indexOf(name)];
    expect(rows.map((r) => [pick(r, 'cni'), pick(r, 'pods_peak'), pick(r, 'exhaustion_cause'), pick(r, 'pods_failed_ip')])).toEqual([
      ['overlay', '50', 'overlay-pod-limit', '10'],
      ['kubenet', '60', '', '0'],
    ]);
  });
});

describe('static block: a /24 pod subnet holds 14 /28 blocks (item 9)', () => {
  it('14 nodes of one block fit, 15 do not, and the plan says 224 usable', () => {
    const base = ['plan', '--cni', 'pod-subnet-static', '--max-pods', '15', '--max-surge', '1', '--vnet', '10.224.0.0/12', '--node-subnet', '10.224.0.0/24', '--pod-subnet', '10.225.0.0/24', '--format', 'json'];
    const r = cnisim([...base, '--nodes', '13']);
    expect(r.code).toBe(0);
    expect(json(r.stdout)[0]).toMatchObject({ maxNodesThatFit: 13, limitingFactor: 'pod-subnet', podSubnet: { usable: 224 } });
    expect(cnisim([...base, '--nodes', '14']).code).toBe(1); // 14 + 1 surge = 15 blocks
  });
});
