import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACK_LINE, cnisim } from '../cli/cli-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'cnisim-snat-bad-'));
const BASE = 'name: x\ncluster:\n  pools:\n    - { name: user, count: 3 }\n';
const TRAFFIC =
  'traffic:\n  workloads:\n    - name: w\n      ratePerPodPerS: 1\n      destinations: [{ kind: external, endpoint: "203.0.113.10:5432" }]\n      durationS: { kind: fixed, valueS: 1 }\n';

function file(name: string, text: string): string {
  const p = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
  writeFileSync(p, text);
  return p;
}

const design = (fields: string) => `outbound:\n  designs:\n    - { name: d, ${fields} }\n`;

/** Each case: scenario text and the pieces the message must carry (path, value, what is allowed, rule). */
const CASES: Array<[string, string, string[]]> = [
  [
    'LB ports not a multiple of 8',
    BASE + design('outboundType: loadBalancer, outboundPorts: 1001'),
    ['outbound.designs[0].outboundPorts', '1001', 'a multiple of 8 in 0..64000', 'configure-load-balancer-standard'],
  ],
  [
    'more than 16 NAT gateway IPs',
    BASE + design('outboundType: managedNATGateway, outboundIps: 17'),
    ['outbound.designs[0].outboundIps', '17', '1..16 for managedNATGateway', 'nat-gateway-resource'],
  ],
  [
    'NAT gateway idle timeout above 120 minutes',
    BASE + design('outboundType: userAssignedNATGateway, idleTimeoutMin: 121'),
    ['outbound.designs[0].idleTimeoutMin', '121', '4..120'],
  ],
  [
    'LB idle timeout above the CLI range when the scenario picks it (CONFLICT 100 vs 120)',
    `${BASE}outbound:\n  lbIdleTimeoutMaxMin: 100\n  designs:\n    - { name: d, outboundType: loadBalancer, idleTimeoutMin: 110 }\n`,
    ['outbound.designs[0].idleTimeoutMin', '110', '4..100', 'CONFLICT'],
  ],
  ['LB idle timeout below 4 minutes', BASE + design('outboundType: loadBalancer, idleTimeoutMin: 3'), ['outbound.designs[0].idleTimeoutMin', '3', '4..120']],
  ['unknown outbound type', BASE + design('outboundType: natGateway'), ['outbound.designs[0].outboundType', 'natGateway', 'managedNATGateway']],
  ['external destination without an endpoint', BASE + TRAFFIC.replace(', endpoint: "203.0.113.10:5432"', ''), ['traffic.workloads[0].destinations[0].endpoint', 'endpoint IP:port']],
  ['endpoint that is not IP:port', BASE + TRAFFIC.replace('203.0.113.10:5432', 'db.example:5432'), ['traffic.workloads[0].destinations[0].endpoint', 'db.example:5432']],
];

describe('bad outbound and traffic sections exit 2 with the field path, value and Azure rule', () => {
  it.each(CASES)('%s', (label, text, pieces) => {
    const r = cnisim(['validate', file(label, text)]);
    expect(r.code).toBe(2);
    for (const p of pieces) expect(r.stderr).toContain(p);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('a good outbound and traffic section validates', () => {
    const r = cnisim(['validate', file('good', BASE + TRAFFIC + design('outboundType: loadBalancer, outboundIps: 2, outboundPorts: 2048'))]);
    expect([r.code, r.stderr]).toEqual([0, '']);
  });
});

describe('a manual LB design AKS would refuse for this cluster is refused before the run', () => {
  it('60 nodes + 6 surge × 2,048 ports > 2 IPs × 64,000: Azure wording, exit 2', () => {
    const text = `${BASE.replace('count: 3', 'count: 40')}  scaleEvents:\n    - { atS: 60, pool: user, count: 60 }\n${TRAFFIC}${design('outboundType: loadBalancer, outboundIps: 2, outboundPorts: 2048')}`;
    const r = cnisim(['run', file('manual-too-many', text), '--quiet', '--out', join(dir, 's.csv'), '--timeseries', join(dir, 't.csv'), '--events', join(dir, 'e.csv')]);
    expect(r.code).toBe(2);
    // Checked with the rest of the scenario before the run, so the message also gives the line in the file.
    expect(r.stderr).toMatch(/outbound\.designs\[0\]\.outboundPorts \(line \d+, column \d+\): 2048 is not allowed/);
    expect(r.stderr).toContain('Total node count 66 requires 135168 ports but only 128000 ports are available given 2 outbound public IPs');
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
