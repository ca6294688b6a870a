import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cnisim } from '../cli/cli-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'cnisim-pod-subnet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs a dynamic Pod Subnet scenario through `cnisim run` and returns its summary row and exhaustion events. A
 * scenario that gives a pod subnet gives its node subnet and VNet too (issue 9 item 6): here the managed VNet's.
 */
function run(name: string, podSubnet: string, nodes: number, maxPods: number, replicas: number) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}
durationS: 3600
cni: [pod-subnet-dynamic]
network: { vnet: 10.224.0.0/12, nodeSubnet: 10.224.0.0/16, podSubnet: ${podSubnet} }
cluster:
  pools: [{ name: user, mode: system, count: ${nodes}, maxPods: ${maxPods} }]
workload:
  deployments: [{ name: web, replicas: ${replicas} }]
`,
  );
  const out = join(dir, `${name}.summary.csv`);
  const events = join(dir, `${name}.events.csv`);
  const r = cnisim(['run', file, '--quiet', '--out', out, '--timeseries', join(dir, `${name}.ts.csv`), '--events', events]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const [header, row] = readFileSync(out, 'utf8').trim().split('\n') as [string, string];
  const keys = header.split(',');
  const values = row.split(',');
  const get = (k: string) => values[keys.indexOf(k)] as string;
  const [eventHeader = '', ...rows] = readFileSync(events, 'utf8').trim().split('\n');
  const eventKeys = eventHeader.split(',');
  const causes = rows.map((l) => l.split(',')[eventKeys.indexOf('cause')]);
  // One row per exhaustion episode (cni, refused, cause, pool, first_s, last_s, attempts): `attempts` counts the
  // refused address requests of the episode, so every failed pod is among them.
  const attemptsInRows = rows.map((l) => Number(l.split(',')[eventKeys.indexOf('attempts')]));
  return { get, causes, attemptsInRows };
}

describe('dynamic Pod Subnet exhaustion is reported (issue 9 item 1)', () => {
  it('a /27 pod subnet (27 usable) asked for 28 pods: 27 run, 1 failed with pod-subnet-full', () => {
    const { get, causes } = run('ps27', '10.225.0.0/27', 1, 30, 28);
    expect(get('pods_peak')).toBe('27');
    expect(get('pods_failed_ip')).toBe('1');
    expect(get('exhaustion_cause')).toBe('pod-subnet-full');
    expect(get('first_exhaustion_s')).not.toBe('');
    // The node's own IP and the 27 pod addresses, all bound.
    expect(get('vnet_ips_used_peak')).toBe('28');
    expect(get('vnet_ips_allocated_peak')).toBe('28');
    expect(causes).toEqual(['pod-subnet-full']);
  });

  it('a /24 pod subnet at maxPods 32 with 300 pods (Azure/AKS issue 4035): every pod left Pending is a failure', () => {
    const { get, causes, attemptsInRows } = run('aks4035', '10.225.0.0/24', 10, 32, 300);
    const running = Number(get('pods_peak'));
    expect(running).toBeLessThan(251);
    // Classified by final outcome: the pods that never ran are exactly the failures.
    expect(Number(get('pods_failed_ip'))).toBe(300 - running);
    expect(get('exhaustion_cause')).toBe('pod-subnet-full');
    expect(new Set(causes)).toEqual(new Set(['pod-subnet-full']));
    // Grouped: fewer event rows than failed pods, and every failed pod is among the rows' refused attempts.
    expect(attemptsInRows.length).toBeLessThan(300 - running);
    expect(attemptsInRows.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(300 - running);
    // Every bound pod address plus the 10 node IPs, and never more than the subnet's 251.
    expect(Number(get('vnet_ips_used_peak'))).toBe(10 + running);
    expect(Number(get('vnet_ips_allocated_peak'))).toBe(10 + 251);
  });

  it('a pod subnet with room reports no exhaustion: the pods only waited for their batch', () => {
    const { get } = run('roomy', '10.225.0.0/24', 1, 30, 28);
    expect(get('pods_peak')).toBe('28');
    expect(get('pods_failed_ip')).toBe('0');
    // The node's first batch of 16 arrived while it provisioned; the other 12 pods wait for the next batch.
    expect(get('pods_waited_ip')).toBe('12');
    expect(get('exhaustion_cause')).toBe('');
  });
});
