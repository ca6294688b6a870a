import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ANY_STACK_LINE, cnisimInProcess } from './in-process.ts';

/**
 * One file per bad input a careless or hostile user might give (issue 10), each with the exit code and a
 * fragment of the message it must get. Every case also checks: no stack trace, and no file left behind.
 */
const dir = mkdtempSync(join(tmpdir(), 'cnisim-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const POOL = 'cluster:\n  pools:\n    - { name: user, count: 3 }\n';
const OK = `name: ok\ndurationS: 600\n${POOL}`;
const OK_JSON = '{ "name": "ok", "durationS": 600, "cluster": { "pools": [ { "name": "user", "count": 3 } ] } }';

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, 'in', name);
  mkdirSync(join(dir, 'in'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

/** An alias bomb: each level nine aliases of the one above, 9⁸ ≈ 4×10⁷ nodes once expanded. */
function aliasBomb(): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= 8; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

interface Case {
  readonly label: string;
  readonly argv: () => string[];
  readonly code: number;
  readonly fragments: readonly string[];
}

const validate = (name: string, content: string | Uint8Array) => () => ['validate', file(name, content)];

const CASES: Case[] = [
  { label: 'empty file', argv: validate('empty.yaml', ''), code: 2, fragments: ['an empty file', 'name: and cluster:'] },
  { label: 'only comments', argv: validate('comments.yaml', '# a scenario\n'), code: 2, fragments: ['a file with only comments'] },
  { label: 'binary data', argv: validate('binary.yaml', Uint8Array.from({ length: 10_000 }, (_v, i) => (i * 97) % 256)), code: 2, fragments: ['binary data', 'NUL byte at offset 0'] },
  { label: 'invalid UTF-8', argv: validate('latin1.yaml', Uint8Array.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0xe9, 0x0a])), code: 2, fragments: ['binary data or another encoding'] },
  { label: '.nan', argv: validate('nan.yaml', `name: x\ndurationS: .nan\n${POOL}`), code: 2, fragments: ['durationS (line 2, column 12): .nan (not a number)', 'a finite number'] },
  { label: '.inf', argv: validate('inf.yaml', `name: x\nsampleIntervalS: .inf\n${POOL}`), code: 2, fragments: ['sampleIntervalS (line 2, column 18): .inf (infinity)'] },
  { label: 'YAML alias bomb', argv: validate('bomb.yaml', aliasBomb()), code: 2, fragments: ['alias bomb', 'at most 100'] },
  { label: 'UTF-8 byte-order mark (YAML)', argv: validate('bom.yaml', `\ufeff${OK}`), code: 0, fragments: [] },
  { label: 'UTF-8 byte-order mark (JSON)', argv: validate('bom.json', `\ufeff${OK_JSON}`), code: 0, fragments: [] },
  { label: 'CRLF line ends', argv: validate('crlf.yaml', OK.replace(/\n/g, '\r\n')), code: 0, fragments: [] },
  { label: 'duplicate keys (YAML)', argv: validate('dup.yaml', `name: x\nname: y\n${POOL}`), code: 2, fragments: ['dup.yaml:2:1', 'a key given twice'] },
  { label: 'duplicate keys (JSON)', argv: validate('dup.json', '{ "name": "x", "name": "y", "cluster": { "pools": [] } }'), code: 2, fragments: ['dup.json:1:16', 'a key given twice'] },
  { label: 'JSON trailing commas', argv: validate('comma.json', '{ "name": "x", "cluster": { "pools": [ { "name": "user", "count": 3 }, ] }, }'), code: 2, fragments: ['valid JSON'] },
  { label: '!!js/function tag', argv: validate('fn.yaml', `name: !!js/function "function () { return 1 }"\n${POOL}`), code: 2, fragments: ['fn.yaml:1:7', 'the tag !!js/function', 'plain data'] },
  { label: 'CIDR with host bits set', argv: validate('hostbits.yaml', `name: x\nnetwork: { nodeSubnet: 10.224.0.1/16 }\n${POOL}`), code: 2, fragments: ['network.nodeSubnet (line 2, column 24)', 'the network of this address is 10.224.0.0/16'] },
  { label: 'octet over 255', argv: validate('octet.yaml', `name: x\nnetwork: { podCidr: 10.256.0.0/16 }\n${POOL}`), code: 2, fragments: ['network.podCidr', '"10.256.0.0/16"', 'each 0..255'] },
  { label: 'prefix /33', argv: validate('slash33.yaml', `name: x\nnetwork: { serviceCidr: 10.0.0.0/33 }\n${POOL}`), code: 2, fragments: ['network.serviceCidr', 'prefix length of /0 to /32'] },
  { label: 'a list at the top', argv: validate('list.yaml', '- name: x\n'), code: 2, fragments: ['a mapping of scenario fields at the top level'] },
  { label: 'a very long value', argv: validate('long.yaml', `name: x\ndurationS: "${'x'.repeat(10_000)}"\n${POOL}`), code: 2, fragments: ['durationS (line 2, column 12): "xxxx', '... (10002 characters) is not allowed'] },
  { label: 'a microsecond sample interval', argv: validate('sample-us.yaml', `name: x\nsampleIntervalS: 0.000001\n${POOL}`), code: 2, fragments: ['sampleIntervalS (line 2, column 18): 0.000001', '≥ 0.001'] },
  { label: 'a week of millisecond samples', argv: validate('sample-ms.yaml', `name: x\ndurationS: 604800\nsampleIntervalS: 0.001\n${POOL}`), code: 2, fragments: ['sampleIntervalS (line 3, column 18)', '6×10⁸ samples per model run', '--max-samples N'] },
  { label: 'a nanosecond workload tick', argv: validate('tick.yaml', `name: x\nworkload: { tickS: 0.000000001 }\n${POOL}`), code: 2, fragments: ['workload.tickS', '≥ 0.001'] },
  { label: 'a nanosecond autoscaler scan', argv: validate('scan.yaml', `name: x\ncluster:\n  autoscaler: { scanIntervalS: 0.000000001 }\n  pools:\n    - { name: user, count: 3 }\n`), code: 2, fragments: ['cluster.autoscaler.scanIntervalS', '≥ 0.001'] },
  { label: '10⁹ restarts per pod-hour', argv: validate('churn.yaml', `name: x\n${POOL}workload:\n  deployments:\n    - { name: web, replicas: 30, churn: { restartsPerPodHour: 1000000000 } }\n`), code: 2, fragments: ['churn.restartsPerPodHour (line 7', 'work budget of 10⁹ events', '3.6×10¹²', '--max-events N'] },
  { label: '10,000 week-long replicates', argv: validate('replicates.yaml', `name: x\nreplicates: 10000\ndurationS: 604800\n${POOL}`), code: 2, fragments: ['10,000 replicates', 'time-series rows'] },
  {
    label: 'a sweep of 1,000,000 cases over the budget',
    argv: () => ['validate', file('million.yaml', `name: x\n${POOL}sweep:\n  parameters:\n    - { path: durationS, range: { from: 1, to: 1000000, step: 1 } }\n`), '--max-events', '1e9'],
    code: 2,
    fragments: ['sweep', '10⁶ cases', 'at least 10¹⁰', '--max-events N'],
  },
  {
    label: 'a sweep whose cases together are over the budget',
    argv: () => ['validate', file('sweep-work.yaml', `name: x\n${POOL}workload:\n  deployments:\n    - { name: web, replicas: 30, churn: { restartsPerPodHour: 200 } }\nsweep:\n  parameters:\n    - { path: durationS, values: [86400, 172800, 259200] }\n`), '--max-events', '2000000'],
    code: 2,
    fragments: ['a sweep within the work budget of 2×10⁶ events', '3 combinations × 1 replicates', 'its largest case needs', 'churn.restartsPerPodHour 200'],
  },
  {
    label: 'a sweep value that breaks a limit',
    argv: validate('sweep-limit.yaml', `name: x\n${POOL}sweep:\n  parameters:\n    - { path: "cluster.pools[0].count", values: [3, 2000] }\n`),
    code: 2,
    fragments: ['[sweep cluster.pools[0].count=2000]', 'expected ≤ 1000'],
  },
  {
    label: 'a typo and an address-plan problem, in file order',
    argv: validate('two-layers.yaml', `name: x\ncluster:\n  pools:\n    - { name: user, count: 3, maxPods: 5 }\nnetwrok: {}\n`),
    code: 2,
    fragments: ['cluster.pools[0].maxPods (line 4', 'netwrok (line 5'],
  },
  { label: 'a scenario that is a directory', argv: () => ['validate', dir], code: 2, fragments: ['not a directory'] },
  { label: 'a scenario that does not exist', argv: () => ['validate', join(dir, 'nope.yaml')], code: 2, fragments: ['no such file'] },
  { label: 'a 50 MB file', argv: () => ['validate', bigFile()], code: 2, fragments: ['at most 10 MB', 'MB, too large to be a scenario'] },
  { label: 'a device that never ends (/dev/zero)', argv: () => ['validate', '/dev/zero'], code: 2, fragments: ['goes on past that, too large to be a scenario'] },
  { label: 'run writing two files to one path', argv: () => ['run', file('ok4.yaml', OK), '--out', join(dir, 'out', 'a.csv'), '--timeseries', join(dir, 'out', 'a.csv')], code: 2, fragments: ['--timeseries', "a path different from --out's"] },
  { label: 'merge of a missing file', argv: () => ['merge', join(dir, 'missing.csv'), '--out', join(dir, 'out', 'm.csv')], code: 2, fragments: ['missing.csv', 'no such file'] },
  { label: 'run --out at a directory', argv: () => ['run', file('ok1.yaml', OK), '--out', dir], code: 2, fragments: ['--out', 'is a directory'] },
  { label: 'run --out under a file', argv: () => ['run', file('ok2.yaml', OK), '--out', join(file('plain.txt', 'x'), 'x.csv')], code: 2, fragments: ['plain.txt is a file, so nothing can be created under it'] },
  { label: 'run --timeseries unwritable', argv: () => ['run', file('ok3.yaml', OK), '--out-dir', join(dir, 'out'), '--timeseries', '/sys/cnisim-t.csv'], code: 2, fragments: ['--timeseries', '/sys refuses new files'] },
  { label: 'sweep --out at a directory', argv: () => ['sweep', file('sw.yaml', `${OK}sweep:\n  parameters:\n    - { path: durationS, values: [60] }\n`), '--out', dir], code: 2, fragments: ['--out', 'is a directory'] },
  { label: 'report of a 50 MB CSV', argv: () => ['report', bigFile(), '--out', join(dir, 'out', 'r.html')], code: 2, fragments: ['at most 32 MB', 'this one is 50.0 MB', 'a shard of it'] },
  { label: 'report of a device that never ends (/dev/zero)', argv: () => ['report', '/dev/zero', '--out', join(dir, 'out', 'r.html')], code: 2, fragments: ['at most 32 MB', 'goes on past that'] },
  { label: 'report of a missing CSV', argv: () => ['report', join(dir, 'missing.csv'), '--out', join(dir, 'out', 'r.html')], code: 2, fragments: ['missing.csv', 'a readable sweep CSV'] },
  { label: 'report --out at a directory', argv: () => ['report', file('r.csv', 'a,b\n1,2\n'), '--out', dir], code: 2, fragments: ['--out', 'is a directory'] },
];

function bigFile(): string {
  const p = join(dir, 'in', 'big.yaml');
  mkdirSync(join(dir, 'in'), { recursive: true });
  const fd = openSync(p, 'w');
  const chunk = Buffer.from(`${'# padding '.repeat(100)}${'#'.repeat(23)}\n`.repeat(1024)); // 1 MiB
  try {
    for (let i = 0; i < 50; i++) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return p;
}

/** Every file under the temporary directory, except the inputs. */
function outputs(): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'in' ? [] : walk(join(d, e.name))) : [join(d, e.name)]));
  return walk(dir);
}

describe('the bad-input corpus: exit code, message, no stack trace, nothing left behind', () => {
  it.each(CASES.map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const r = await cnisimInProcess(c.argv());
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: c.code });
    for (const f of c.fragments) expect(r.stderr).toContain(f);
    expect(r.stderr).not.toMatch(ANY_STACK_LINE);
    if (c.code === 2) expect(r.stderr).toMatch(/^error: /);
    for (const line of r.stderr.split('\n')) expect(line.length).toBeLessThan(1200);
    expect(outputs()).toEqual([]);
  });
});
