import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { quantile, type BenchSuite, type Measurement } from './suite.ts';

/**
 * Start-up of the compiled command against a bare `node -e 0`, in the same run: `cnisim --version` (target at
 * most 2×), `cnisim plan` from flags (at most 3×) and, for reference, `cnisim plan SCENARIO` (which also loads the
 * YAML parser and the schema). Each round runs every command once, one after another, and each ratio compares a
 * command with the `node -e 0` of its own round, so a change of machine load between rounds cancels out; this is
 * why the rounds are timed here rather than by tinybench, which times one task to completion before the next.
 * Needs dist/ (npm run bench builds it first).
 *
 * Run alone: `npx tsx bench/run.ts --filter startup`.
 */
const bin = fileURLToPath(new URL('../bin/cnisim.js', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));

const COMMANDS: ReadonlyArray<{ readonly name: string; readonly args: readonly string[] }> = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'cnisim --version', args: [bin, '--version'] },
  { name: 'cnisim plan --cni all --nodes 50', args: [bin, 'plan', '--cni', 'all', '--nodes', '50'] },
  { name: 'cnisim plan scenarios/overlay-vs-flat.yaml', args: [bin, 'plan', 'scenarios/overlay-vs-flat.yaml'] },
];

function timeMs(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const summary = (suite: string, name: string, unit: string, values: number[]): Measurement => {
  const sorted = [...values].sort((a, b) => a - b);
  return { suite, case: name, unit, median: quantile(sorted, 0.5), p25: quantile(sorted, 0.25), p75: quantile(sorted, 0.75), samples: sorted.length };
};

export const suite: BenchSuite = {
  name: 'startup',
  async run({ quick }): Promise<Measurement[]> {
    const rounds = quick ? 1 : 21;
    // One warm-up round (skipped by --quick, a smoke run): the first spawn pays for cold file caches.
    if (!quick) for (const c of COMMANDS) timeMs(c.args);
    const times = COMMANDS.map(() => [] as number[]);
    for (let r = 0; r < rounds; r++) COMMANDS.forEach((c, i) => times[i]?.push(timeMs(c.args)));
    const base = times[0] ?? [];
    const out: Measurement[] = COMMANDS.map((c, i) => summary('startup', c.name, 'ms', times[i] ?? []));
    for (let i = 1; i < COMMANDS.length; i++) {
      const ratios = (times[i] ?? []).map((t, r) => t / (base[r] ?? Number.NaN));
      out.push(summary('startup', `${COMMANDS[i]?.name} ÷ node -e 0`, 'ratio', ratios));
    }
    return out;
  },
};

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  for (const m of await suite.run({ quick: process.argv.includes('--quick') })) {
    process.stdout.write(`${m.case}: ${m.median.toFixed(2)} ${m.unit} [${m.p25.toFixed(2)} – ${m.p75.toFixed(2)}]\n`);
  }
}
