import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_LINE, cnisim } from './cli-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'cnisim-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const POOL = 'cluster:\n  pools:\n    - { name: user, count: 3 }\n';

function badFile(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Each case: file text, and the pieces the message must contain (path, value, what is allowed, rule). */
const CASES: Array<[string, string, string[]]> = [
  ['unknown key', `name: x\n${POOL}netwrok: {}\n`, ['netwrok (line 5, column 1)', 'expected "network" (did you mean it?)']],
  ['unknown nested key', `name: x\ncluster:\n  pools:\n    - { name: user, count: 3, maxPod: 30 }\n`, ['cluster.pools[0].maxPod', 'maxPods']],
  ['YAML syntax error', `name: x\ncluster:\n  pools: [ { name: user, count: 3 }\n`, ['YAML-syntax-error.yaml:4:1', 'expected valid YAML']],
  ['malformed CIDR', `name: x\nnetwork: { nodeSubnet: 10.224.0.0/33 }\n${POOL}`, ['network.nodeSubnet', '10.224.0.0/33', 'IPv4 CIDR']],
  ['CIDR with host bits', `name: x\nnetwork: { podCidr: 10.244.1.0/16 }\n${POOL}`, ['network.podCidr', '10.244.1.0/16']],
  ['wrong type', `name: x\ncluster:\n  pools:\n    - { name: user, count: many }\n`, ['cluster.pools[0].count', 'many']],
  ['unknown pool in a deployment', `name: x\n${POOL}workload:\n  deployments: [{ name: web, pool: gpu, replicas: 1 }]\n`, ['workload.deployments[0].pool', 'gpu', 'user']],
];

describe('bad scenarios are refused with the field path, the value and what is allowed', () => {
  it.each(CASES)('%s', (_label, text, pieces) => {
    const r = cnisim(['validate', badFile(`${_label.replace(/\W+/g, '-')}.yaml`, text)]);
    expect(r.code).toBe(2);
    for (const p of pieces) expect(r.stderr).toContain(p);
    expect(r.stderr).toMatch(/^error: /m);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('says so when the file does not exist', () => {
    const r = cnisim(['run', join(dir, 'missing.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such file');
  });

  it('accepts the shipped default scenario', () => {
    const r = cnisim(['validate', 'scenarios/overlay-vs-flat.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ok: overlay-vs-flat');
  });
});

describe('cnisim schema', () => {
  it('prints a JSON Schema that describes the sections and their defaults', () => {
    const r = cnisim(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, { default?: unknown }>; required?: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'cni', 'network', 'cluster', 'workload']));
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'cluster']));
    expect(JSON.stringify(schema.properties.network)).toContain('10.244.0.0/16');
  });
});

describe('cnisim --version', () => {
  it('prints the package version and exits 0', () => {
    const r = cnisim(['--version']);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});

describe('through the real command line (src/cli/main.ts)', () => {
  it('answers an alias bomb with exit 2 and a message that says what it is', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 8; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const r = cnisim(['validate', badFile('bomb.yaml', `${lines.join('\n')}\n`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('alias bomb');
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('answers merge of a missing file with exit 2, and writes nothing', () => {
    const out = join(dir, 'merged', 'all.csv');
    const r = cnisim(['merge', join(dir, 'shard-0.csv'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: FILES: ${join(dir, 'shard-0.csv')} is not allowed; expected a readable sweep CSV (no such file)\n`);
    expect(existsSync(join(dir, 'merged'))).toBe(false);
  });
});
