import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CNI_NAMES } from '../../src/model/ipam/cni.ts';
import { STACK_LINE, cnisim } from './cli-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'cnisim-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SMALL = `name: small
durationS: 3600
sampleIntervalS: 600
cni: [overlay, node-subnet]
network: { vnet: 10.224.0.0/12, nodeSubnet: 10.224.0.0/24, podSubnet: 10.225.0.0/16 }
cluster:
  pools:
    - { name: user, count: 2, maxPods: 30, autoscale: { minCount: 2, maxCount: 20 } }
workload:
  deployments:
    - { name: web, replicas: 40, schedule: [{ kind: step, atS: 600, replicas: 400 }] }
`;

describe('cnisim run', () => {
  const scenario = join(dir, 'small.yaml');
  writeFileSync(scenario, SMALL);

  it('writes the summary, time series and events, prints one row per model, and records the exhaustion', () => {
    const out = join(dir, 's.csv');
    const ts = join(dir, 't.csv');
    const ev = join(dir, 'e.csv');
    const at = join(dir, 'a.csv');
    const r = cnisim(['run', scenario, '--out', out, '--timeseries', ts, '--events', ev, '--attempts', at]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.some((l) => /^overlay\s+\d+/.test(l))).toBe(true);
    expect(lines.some((l) => /^node-subnet\s+\d+/.test(l) && l.includes('node-subnet-full'))).toBe(true);
    const summary = readFileSync(out, 'utf8').trim().split('\n');
    expect(summary[0]?.startsWith('scenario,cni,')).toBe(true);
    expect(summary.length).toBe(3);
    const tsLines = readFileSync(ts, 'utf8').trim().split('\n');
    expect(tsLines[0]?.startsWith('t_s,cni,')).toBe(true);
    expect(tsLines.length).toBe(1 + 2 * (3600 / 600 + 1));
    // A /24 holds 8 Node Subnet nodes of maxPods 30 (concepts-network-legacy-cni): the 9th is refused.
    const events = readFileSync(ev, 'utf8');
    expect(events.split('\n')[0]).toBe('cni,variant,replicate,refused,cause,pool,first_s,last_s,attempts');
    expect(events).toContain('node-subnet,,0,node,node-subnet-full,user,');
    // Azure's words are in the per-attempt log.
    const attempts = readFileSync(at, 'utf8');
    expect(attempts).toContain('node-subnet,,0,');
    expect(attempts).toContain('Pre-allocated IPs 279 exceeds IPs available in Subnet 251');
  });

  it('--cni and --seed override the scenario; all runs every model', () => {
    const out = join(dir, 'all.csv');
    const r = cnisim(['run', scenario, '--cni', 'all', '--seed', '9', '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1);
    expect(rows.map((l) => l.split(',')[1])).toEqual([...CNI_NAMES]);
    expect(rows.every((l) => l.split(',').includes('9'))).toBe(true);
  });

  it.each([
    [['--cni', 'calico'], '--cni: calico is not allowed; expected a comma-separated list of overlay'],
    [['--seed', '-3'], '--seed: -3 is not allowed; expected an integer from 0 to 2147483647'],
  ])('refuses bad flags %j with exit 2 and no stack trace', (flags, message) => {
    const r = cnisim(['run', scenario, ...flags, '--out', join(dir, 'x.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });
});
