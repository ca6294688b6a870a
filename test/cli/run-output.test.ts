import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryColumns } from '../../src/scenario/run.ts';
import { chromiumDom, seenCharts } from '../report/chromium.ts';
import { CNISIM_BIN, REPO_ROOT, cliEnv, cnisim, type CliResult } from './cli-harness.ts';

/**
 * What a person sees from `cnisim run` on the default scenario: one run, shared by every test here (it takes
 * seconds), with every output file.
 */
const DEFAULT = 'scenarios/overlay-vs-flat.yaml';
const dir = mkdtempSync(join(tmpdir(), 'cnisim-run-output-'));
const file = (name: string) => join(dir, name);
let run: CliResult;

const readCsv = (path: string) => parse(readFileSync(path, 'utf8'), { columns: true }) as Array<Record<string, string>>;
const ESC = /\u001b\[/;

beforeAll(() => {
  run = cnisim(['run', DEFAULT, '--out', file('s.csv'), '--timeseries', file('t.csv'), '--events', file('e.csv'), '--attempts', file('a.csv'), '--report', file('r.html')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cnisim run, the default scenario, as printed', () => {
  it('succeeds quietly on stderr', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('fits 100 columns when the width is unknown, and COLUMNS when it is set', () => {
    const width = (text: string) => Math.max(...text.split('\n').filter((l) => !l.startsWith('wrote ') && !/ runs out first| ran out/.test(l)).map((l) => l.length));
    expect(width(run.stdout)).toBeLessThanOrEqual(100);
    const narrow = cnisim(['run', DEFAULT, '--out', file('s80.csv'), '--timeseries', file('t80.csv'), '--events', file('e80.csv')], { env: { COLUMNS: '80' } });
    expect(width(narrow.stdout)).toBeLessThanOrEqual(80);
    // Narrower means fewer columns, not wrapped ones: the table lost a column to fit.
    const headerCells = (text: string) => (text.split('\n')[2] ?? '').trim().split(/\s{2,}/).length;
    expect(headerCells(narrow.stdout)).toBeLessThan(headerCells(run.stdout));
  });

  it('writes durations and counts for people, and ends with the conclusion', () => {
    expect(run.stdout).toContain('overlay-vs-flat: 1 d simulated, seed 1');
    expect(run.stdout).toMatch(/^node-subnet\s+18\s+922\s+1,010\s+5 h 44 min\s+node-subnet-full\s+201 nodes, 2 upgrades$/m);
    // 497 pods never got an address (issue 9: each pod counted once, by its final outcome; the 4,055 pods once
    // found without one include 3,558 that got one later in the day and count as waited).
    expect(run.stdout).toMatch(/^pod-subnet-dynamic\s+46\s+2,017\s+2,091\s+9 h 50 min\s+pod-subnet-full\s+497 pods$/m);
    expect(run.stdout).toContain("\nnode-subnet runs out first, at 5 h 44 min: the node subnet (/22) cannot hold another node's 61 addresses.\n");
  });

  it('--wide shows every column of the summary', () => {
    const wide = cnisim(['run', DEFAULT, '--wide', '--out', file('sw.csv'), '--timeseries', file('tw.csv'), '--events', file('ew.csv')]);
    const header = wide.stdout.split('\n')[2] ?? '';
    const metrics = summaryColumns().map((c) => c.name).slice(summaryColumns().findIndex((c) => c.name === 'replicate') + 1);
    for (const c of metrics) expect(header.split(/\s+/)).toContain(c);
  });

  it('keeps every column in the summary CSV, byte for byte the golden one', () => {
    expect(readFileSync(file('s.csv'), 'utf8')).toBe(readFileSync('test/golden/overlay-vs-flat.summary.csv', 'utf8'));
  });
});

describe('colour', () => {
  // `script` gives the command a pseudo-terminal, so cnisim sees a TTY as a person's shell would.
  const inTerminal = (env: Record<string, string | undefined>) => {
    const cmd = `${process.execPath} ${CNISIM_BIN} run ${DEFAULT} --cni overlay --out ${file('c.csv')} --timeseries ${file('ct.csv')} --events ${file('ce.csv')}`;
    return spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: REPO_ROOT, env: cliEnv(env), encoding: 'utf8', timeout: 120_000 }).stdout;
  };

  it('colours a terminal', () => {
    expect(inTerminal({})).toMatch(ESC);
  });

  it('honours NO_COLOR=1 on a terminal: no escape codes', () => {
    const out = inTerminal({ NO_COLOR: '1' });
    expect(out).toContain('overlay');
    expect(out).not.toMatch(ESC);
  });

  it('never colours a pipe', () => {
    expect(run.stdout).not.toMatch(ESC);
  });
});

describe('the events CSV: one row per exhaustion episode', () => {
  /** Requests an attempts-CSV row stands for: a group of pods refused at once names its pods, any other row is one. */
  const requestsIn = (a: Record<string, string>) => Number(/: (\d+) pods? could not get an IP$/.exec(a['detail'] ?? '')?.[1] ?? 1);

  it('accounts for every refused attempt the summary counts, per model', () => {
    const summary = readCsv(file('s.csv'));
    const episodes = readCsv(file('e.csv'));
    const attempts = readCsv(file('a.csv'));
    for (const row of summary) {
      const mine = episodes.filter((e) => e['cni'] === row['cni'] && e['replicate'] === row['replicate']);
      const total = (pick: (e: Record<string, string>) => boolean) => mine.filter(pick).reduce((s, e) => s + Number(e['attempts']), 0);
      expect(total((e) => e['refused'] === 'upgrade'), row['cni']).toBe(Number(row['upgrades_blocked']));
      expect(total((e) => e['refused'] === 'node'), row['cni']).toBe(Number(row['nodes_failed_join']));
      // Pods: every pod found without an address, counted once when it is found; the summary counts it as failed
      // only if it never got one, and as waited if it did. So no fewer refusals than failures, and the surplus
      // are pods that waited.
      const podsRefused = total((e) => e['refused'] === 'pod');
      expect(podsRefused, row['cni']).toBeGreaterThanOrEqual(Number(row['pods_failed_ip']));
      expect(podsRefused - Number(row['pods_failed_ip']), row['cni']).toBeLessThanOrEqual(Number(row['pods_waited_ip']));
      // The first episode is the summary's first exhaustion; no episode without one.
      const first = [...mine].sort((a, b) => Number(a['first_s']) - Number(b['first_s']))[0];
      expect(first?.['first_s'] ?? '', row['cni']).toBe(row['first_exhaustion_s']);
      expect(first?.['cause'] ?? '', row['cni']).toBe(row['exhaustion_cause']);
      // The per-attempt log (--attempts) has one row per refusal: a node, an upgrade, or a group of pods with its count.
      const mineLogged = attempts.filter((a) => a['cni'] === row['cni']);
      expect(mineLogged.reduce((s, a) => s + requestsIn(a), 0), row['cni']).toBe(total(() => true));
    }
  });

  it('counts pods_failed_ip exactly when no refused pod gets an address later (known answer: 93 pods in one group)', () => {
    // Two nodes at maxPods 250 share a /25 pod subnet (123 addresses) and nothing stops: the 93 pods refused on
    // node 0 never get one, so the episode's attempts are the summary's failures.
    const scenario = file('p25.yaml');
    writeFileSync(
      scenario,
      `name: p25
durationS: 3600
cni: [pod-subnet-dynamic]
network: { nodeSubnet: 10.224.0.0/24, podSubnet: 10.225.0.0/25 }
cluster:
  pools: [{ name: user, mode: system, count: 2, maxPods: 250 }]
workload:
  deployments: [{ name: web, replicas: 200 }]
`,
    );
    const r = cnisim(['run', scenario, '--quiet', '--out', file('p25.csv'), '--timeseries', file('p25t.csv'), '--events', file('p25e.csv'), '--attempts', file('p25a.csv')]);
    expect(r.code).toBe(0);
    const [row] = readCsv(file('p25.csv'));
    const episodes = readCsv(file('p25e.csv'));
    expect(row?.['pods_failed_ip']).toBe('93');
    expect(episodes.map((e) => [e['refused'], e['cause'], e['attempts']])).toEqual([['pod', 'pod-subnet-full', '93']]);
    expect(readCsv(file('p25a.csv')).map(requestsIn)).toEqual([93]);
  });

  it('holds far fewer rows than the attempts (known answer: 7 episodes for 4,376 refused attempts, logged in 4,334 rows)', () => {
    const episodes = readCsv(file('e.csv'));
    const attempts = readCsv(file('a.csv'));
    expect(episodes.length).toBe(7);
    // 201 nodes and 2 upgrades under Node Subnet, 4,055 pods under Pod Subnet dynamic, 118 nodes under static block.
    expect(episodes.reduce((s, e) => s + Number(e['attempts']), 0)).toBe(4376);
    expect(attempts.length).toBe(4334);
    expect(attempts.reduce((s, a) => s + requestsIn(a), 0)).toBe(4376);
  });
});

describe('cnisim run --report', () => {
  it('renders in headless Chromium, offline, every model named in every chart, coinciding ones visible', () => {
    const page = readFileSync(file('r.html'), 'utf8');
    expect(page).not.toMatch(/<link|<img|<script src|@import|url\(/);
    expect(page).toContain("node-subnet runs out first, at 5 h 44 min");
    const charts = seenCharts(chromiumDom(file('r.html')));
    expect(charts.map((c) => c.id)).toEqual(['vnet-addresses', 'vnet-addresses-per-model']);
    const models = readCsv(file('s.csv')).map((r) => r['cni']);
    for (const c of charts) {
      expect(c.rendered, c.id).toBe('yes');
      expect(c.legend.map((l) => l.split(' = ')[0]), c.id).toEqual(models);
    }
    const overview = charts[0];
    // overlay and kubenet allocate the same addresses all day: the legend says so and both lines are drawn apart.
    expect(overview?.legend).toContain('overlay = kubenet');
    expect(new Set(overview?.lines).size).toBe(models.length);
  });
});
