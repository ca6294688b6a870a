import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, cliEnv } from './cli-harness.ts';

/**
 * The published package as a user gets it: `npm pack`, then `npm install --omit=dev ./cnisim-*.tgz` in an empty
 * directory, then every command from there. Production dependencies only: no tsx, no TypeScript.
 */
const dir = mkdtempSync(join(tmpdir(), 'cnisim-pack-'));
const app = join(dir, 'app');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** npm's words when the registry cannot be reached (the only reason this test may skip). */
const OFFLINE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network request .* failed|request to .* failed/i;

function npm(args: readonly string[], cwd: string) {
  return spawnSync('npm', [...args], { cwd, encoding: 'utf8', env: cliEnv({ npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }), timeout: 280_000 });
}

const SMALL_RUN = `name: small
durationS: 3600
sampleIntervalS: 600
cni: [overlay, node-subnet]
network: { nodeSubnet: 10.224.0.0/24 }
cluster:
  pools:
    - { name: user, count: 2, maxPods: 30, autoscale: { minCount: 2, maxCount: 20 } }
workload:
  deployments:
    - { name: web, replicas: 40, schedule: [{ kind: step, atS: 600, replicas: 400 }] }
`;

describe('the npm package', () => {
  it('installs from its tarball with production dependencies only and runs every command', { timeout: 300_000 }, (ctx) => {
    // dist/ and build/ are fresh (test/global-build.ts), so pack without rerunning the build.
    const pack = npm(['pack', '--ignore-scripts', '--pack-destination', dir], REPO_ROOT);
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = readdirSync(dir).find((f) => /^cnisim-.*\.tgz$/.test(f));
    expect(tarball).toBeDefined();

    mkdirSync(app);
    const install = npm(['install', '--omit=dev', '--prefer-offline', join(dir, tarball ?? '')], app);
    if (install.status !== 0 && OFFLINE.test(install.stderr)) {
      ctx.skip(`the npm registry cannot be reached, so the tarball's dependencies cannot be installed: ${install.stderr.split('\n')[0] ?? ''}`);
    }
    expect(install.status, install.stderr).toBe(0);

    const modules = join(app, 'node_modules');
    expect(existsSync(join(modules, 'tsx'))).toBe(false);
    expect(existsSync(join(modules, 'typescript'))).toBe(false);
    expect(existsSync(join(modules, 'assemblyscript'))).toBe(false);
    const pkgDir = join(modules, 'cnisim');
    expect(existsSync(join(pkgDir, 'src'))).toBe(false);
    expect(existsSync(join(pkgDir, 'build', 'release.wasm'))).toBe(true);

    const bin = join(modules, '.bin', 'cnisim');
    const cnisim = (args: readonly string[]) => spawnSync(bin, [...args], { cwd: app, encoding: 'utf8', env: cliEnv(), timeout: 120_000 });
    const version = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(cnisim(['--version']).stdout).toBe(`${version.version}\n`);
    expect(cnisim(['--help']).stdout).toMatch(/run .*\n.*plan/s);

    const plan = cnisim(['plan', '--cni', 'node-subnet', '--nodes', '5', '--max-pods', '30', '--node-subnet', '10.224.0.0/24', '--format', 'csv']);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/^cni,/);

    writeFileSync(join(app, 'small.yaml'), SMALL_RUN);
    expect(cnisim(['validate', 'small.yaml']).status).toBe(0);
    expect(JSON.parse(cnisim(['schema']).stdout)).toHaveProperty('properties');
    const run = cnisim(['run', 'small.yaml', '--out', 's.csv', '--timeseries', 't.csv', '--events', 'e.csv', '--report', 'r.html']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('node-subnet runs out first');
    expect(readFileSync(join(app, 'r.html'), 'utf8')).toContain('<svg');
    // `run --workers` runs the model runs on worker threads: they too load from the package alone, and agree.
    const onWorkers = cnisim(['run', 'small.yaml', '--workers', '2', '--out', 's2.csv', '--quiet']);
    expect(onWorkers.status, onWorkers.stderr).toBe(0);
    expect(readFileSync(join(app, 's2.csv'), 'utf8')).toBe(readFileSync(join(app, 's.csv'), 'utf8'));

    // A sweep runs its cases on worker threads: they too must load from the package alone.
    cpSync(join(REPO_ROOT, 'test/sweep/fixtures/small-sweep.yaml'), join(app, 'sweep.yaml'));
    for (const shard of ['0/2', '1/2']) {
      const sweep = cnisim(['sweep', 'sweep.yaml', '--out', `shard-${shard[0]}.csv`, '--shard', shard, '--workers', '1', '--quiet']);
      expect(sweep.status, sweep.stderr).toBe(0);
    }
    expect(cnisim(['merge', 'shard-0.csv', 'shard-1.csv', '--out', 'sweep.csv']).status).toBe(0);
    expect(readFileSync(join(app, 'sweep.csv'), 'utf8').trim().split('\n').length).toBe(1 + 8 * 2);
    const report = cnisim(['report', 'sweep.csv', '--out', 'sweep.html']);
    expect(report.status, report.stderr).toBe(0);
  });
});
