import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CNI_NAMES } from '../../src/model/ipam/cni.ts';
import { ANY_STACK_LINE, cnisimInProcess } from './in-process.ts';

/**
 * Fuzzing (issue 10): generated scenarios, valid then mutated, and generated command lines for every command.
 * Each must end in exit 0, 1 or 2 within the work budget, with no stack trace and no stray file; and a
 * scenario `validate` calls OK must run without an input error.
 *
 * In `npm test`: a fixed seed and a fixed number of cases. `npm run fuzz` runs many more, for FUZZ_SECONDS
 * (default 300) with a new seed each time (printed, and FUZZ_SEED=… repeats a run).
 */
const LONG = process.env['CNISIM_FUZZ'] === '1';
const SECONDS = Number(process.env['FUZZ_SECONDS'] ?? 300);
const SEED = process.env['FUZZ_SEED'] !== undefined ? Number(process.env['FUZZ_SEED']) : LONG ? Date.now() % 2 ** 31 : 20_261_202;
const SCENARIO_RUNS = LONG ? 1_000_000 : 60;
const ARGV_RUNS = LONG ? 1_000_000 : 200;
/** A small budget keeps every generated run short: what is over it must be refused, which is also tested. */
const BUDGET = ['--max-events', '1000000'];
const TIMEOUT_MS = LONG ? (SECONDS + 120) * 1000 : 300_000;

function params(numRuns: number): fc.Parameters<unknown> {
  if (LONG) process.stderr.write(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} repeats this run)\n`);
  return { seed: SEED, numRuns, ...(LONG ? { interruptAfterTimeLimit: SECONDS * 1000 } : {}) };
}

let work = '';
let cwd = '';
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cnisim-fuzz-'));
  // Commands that default to results/ must write into the temporary directory, not the working tree.
  cwd = process.cwd();
  process.chdir(work);
});
afterAll(() => {
  process.chdir(cwd);
  rmSync(work, { recursive: true, force: true });
});

/** Every file under a directory, relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

// ---- scenarios ----

/** Egress to one database through a Load Balancer and a NAT gateway (as scenarios/snat-exhaustion.yaml, smaller). */
const trafficSections = fc.record({
  traffic: fc.record({
    workloads: fc.tuple(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.constantFrom('fixed', 'exponential', 'lognormal')).map(([rate, kind]) => [
      {
        name: 'db',
        ratePerPodPerS: rate,
        destinations: [{ kind: 'external', endpoint: '203.0.113.10:5432', weight: 2 }, { kind: 'service', weight: 1 }],
        durationS: kind === 'fixed' ? { kind, valueS: 0.5 } : kind === 'exponential' ? { kind, meanS: 0.5 } : { kind, meanS: 0.5, stdDevS: 0.2 },
        close: { fin: 0.9, idle: 0.1 },
      },
    ]),
  }),
  outbound: fc.constant({
    designs: [
      { name: 'lb', outboundType: 'loadBalancer', outboundIps: 1, outboundPorts: 0 },
      { name: 'natgw', outboundType: 'managedNATGateway', outboundIps: 1 },
    ],
  }),
});

/** Two datapath variants with a few packets per batch (as scenarios/mtu-overhead.yaml, smaller). */
const datapathSection = fc.record({
  datapath: fc.record({
    variants: fc.constant([
      { name: 'none-1500', encap: 'none' },
      { name: 'vxlan-1500', encap: 'vxlan' },
    ]),
    traffic: fc.record({ batchIntervalS: fc.integer({ min: 10, max: 120 }), packetsPerBatch: fc.integer({ min: 1, max: 64 }) }),
  }),
});

const baseScenario = fc.record({
  name: fc.constantFrom('fz', 'fuzz-1', 'a.b_c'),
  durationS: fc.integer({ min: 60, max: 7200 }),
  sampleIntervalS: fc.integer({ min: 60, max: 900 }),
  replicates: fc.integer({ min: 1, max: 2 }),
  cni: fc.subarray([...CNI_NAMES], { minLength: 1 }),
  cluster: fc.record({
    pools: fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 10, max: 110 }), fc.boolean()).map(([count, maxPods, autoscale]) => [
      { name: 'user', count, maxPods, ...(autoscale ? { autoscale: { minCount: count, maxCount: count + 4 } } : {}) },
    ]),
  }),
  workload: fc.record({
    tickS: fc.integer({ min: 10, max: 300 }),
    deployments: fc.tuple(fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 2, noNaN: true })).map(([replicas, restartsPerPodHour]) => [
      { name: 'web', replicas, churn: { restartsPerPodHour } },
    ]),
  }),
});

const validScenario = fc
  .tuple(baseScenario, fc.option(trafficSections, { nil: undefined }), fc.option(datapathSection, { nil: undefined }))
  .map(([base, traffic, datapath]) => ({ ...base, ...(traffic ?? {}), ...(datapath ?? {}) }));

/** The field paths of a value's leaves and containers (not the root). */
function paths(value: unknown, prefix: PropertyKey[] = []): PropertyKey[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

/** What a mutation puts in a field: dropped, another type, or a number pushed to an edge. */
const replacement = fc.constantFrom<unknown>(
  undefined, 'x', '', 0, -1, 1e-12, 1e-7, 1e300, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY,
  2 ** 53, [], {}, null, true, '10.224.0.1/33', '%s%n', 'ünïcødé',
);

const mutatedScenario = fc.tuple(validScenario, fc.array(fc.tuple(fc.nat(), replacement), { maxLength: 3 })).map(([s, mutations]) => {
  const data = structuredClone(s) as Record<PropertyKey, unknown>;
  for (const [pick, value] of mutations) {
    const all = paths(data);
    const path = all[pick % Math.max(1, all.length)];
    if (path === undefined) continue;
    let parent: unknown = data;
    for (const k of path.slice(0, -1)) parent = (parent as Record<PropertyKey, unknown>)[k];
    const last = path[path.length - 1] as PropertyKey;
    if (value === undefined && !Array.isArray(parent)) delete (parent as Record<PropertyKey, unknown>)[last];
    else (parent as Record<PropertyKey, unknown>)[last] = value;
  }
  return data;
});

describe('fuzzed scenarios', () => {
  it(
    'end in exit 0 or 2 with no stack trace, no stray file; what validate calls OK runs without an input error',
    async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(mutatedScenario, async (scenario) => {
          const dir = join(work, `s${n++}`);
          mkdirSync(dir);
          const file = join(dir, 'scenario.yaml');
          writeFileSync(file, YAML.stringify(scenario));
          const v = await cnisimInProcess(['validate', file, ...BUDGET]);
          expect([0, 2]).toContain(v.code);
          expect(v.stderr).not.toMatch(ANY_STACK_LINE);
          const r = await cnisimInProcess(['run', file, '--out-dir', join(dir, 'out'), '--quiet', ...BUDGET]);
          expect(r.stderr).not.toMatch(ANY_STACK_LINE);
          // validate runs every check run does: they agree on whether the input is good.
          expect({ validate: v.code, run: r.code, stderr: r.stderr }).toMatchObject({ run: v.code });
          const written = filesUnder(dir).filter((f) => f !== 'scenario.yaml');
          expect(written).toEqual(v.code === 0 ? expect.arrayContaining([expect.stringMatching(/summary\.csv$/)]) : []);
          expect(written.filter((f) => f.includes('.tmp-'))).toEqual([]);
          rmSync(dir, { recursive: true, force: true });
        }),
        params(SCENARIO_RUNS),
      );
    },
    TIMEOUT_MS,
  );
});

// ---- command lines ----

interface Fixture {
  readonly scenario: string;
  readonly sweep: string;
  readonly csv: string;
  readonly binary: string;
  readonly plainFile: string;
}

function fixtures(): Fixture {
  const dir = join(work, 'fixtures');
  mkdirSync(dir, { recursive: true });
  const pool = 'cluster:\n  pools:\n    - { name: user, count: 2 }\n';
  const f = (name: string, content: string | Uint8Array) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  return {
    scenario: f('ok.yaml', `name: ok\ndurationS: 600\nsampleIntervalS: 300\n${pool}`),
    sweep: f('sweep.yaml', `name: sw\ndurationS: 600\n${pool}sweep:\n  parameters:\n    - { path: durationS, values: [300, 600] }\n`),
    csv: f('rows.csv', 'scenario,cni\nx,overlay\n'),
    binary: f('bin.yaml', Uint8Array.from([0, 1, 2, 255])),
    plainFile: f('plain.txt', 'x'),
  };
}

const COMMANDS = ['run', 'plan', 'validate', 'schema', 'sweep', 'merge', 'report', 'bogus'] as const;
const FLAGS = [
  '--out', '--out-dir', '--timeseries', '--events', '--pcap', '--pcap-limit', '--cni', '--seed', '--quiet', '--max-events',
  '--max-samples', '--workers', '--shard', '--case', '--resume', '--svg', '--format', '--nodes', '--max-pods', '--help', '--nope',
] as const;

function argvArbitrary(fx: Fixture): fc.Arbitrary<string[]> {
  const outDir = () => join(work, 'argv-out');
  const value = fc.constantFrom(
    () => join(outDir(), 'a.csv'), () => outDir(), () => join(fx.plainFile, 'under.csv'), () => '/sys/cnisim-x.csv', () => '0', () => '-1',
    () => '1e9', () => 'abc', () => '', () => 'all', () => 'overlay,kubenet', () => '1/2', () => '3/2', () => '%s', () => '99999999999999999999',
  );
  const positional = fc.constantFrom(() => fx.scenario, () => fx.sweep, () => fx.csv, () => fx.binary, () => join(work, 'missing.yaml'), () => work, () => '', () => '-');
  const flag = fc.tuple(fc.constantFrom(...FLAGS), value, fc.boolean()).map(([name, v, withValue]) => (withValue ? [name, v()] : [name]));
  return fc
    .tuple(fc.constantFrom(...COMMANDS), fc.array(positional, { maxLength: 2 }), fc.array(flag, { maxLength: 4 }))
    .map(([cmd, pos, flags]) => [cmd, ...pos.map((p) => p()), ...flags.flat()]);
}

describe('fuzzed command lines', () => {
  it(
    'every command ends in exit 0, 1 or 2 with no stack trace and no stray file',
    async () => {
      const fx = fixtures();
      await fc.assert(
        fc.asyncProperty(argvArbitrary(fx), async (argv) => {
          // A sweep would start worker threads; its work is capped to what can be refused or checked here.
          const extra = argv[0] === 'sweep' ? ['--max-events', '1'] : argv[0] === 'run' || argv[0] === 'validate' ? BUDGET : [];
          const r = await cnisimInProcess([...argv, ...extra]);
          expect([0, 1, 2]).toContain(r.code);
          expect(r.stderr).not.toMatch(ANY_STACK_LINE);
          expect(r.stderr).not.toMatch(/internal error/);
          expect(filesUnder(work).filter((f) => f.includes('.tmp-') || f.includes('.cnisim-probe-'))).toEqual([]);
          expect(filesUnder(join(work, 'fixtures')).sort()).toEqual(['bin.yaml', 'ok.yaml', 'plain.txt', 'rows.csv', 'sweep.yaml']);
        }),
        params(ARGV_RUNS),
      );
    },
    TIMEOUT_MS,
  );
});
