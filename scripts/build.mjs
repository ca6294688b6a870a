#!/usr/bin/env node
// `npm run build`: the WASM kernel (build/*.wasm) and the compiled JavaScript (dist/), each rebuilt only when one
// of its inputs is newer than its outputs, so `npm start` and `npm test` on an unchanged tree cost a stat per file.
// `--force` rebuilds both. Steps: `node scripts/build.mjs [wasm] [js] [--force]` (both when none is named).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const force = args.includes('--force');
const named = args.filter((a) => !a.startsWith('--'));
const steps = named.length === 0 ? ['wasm', 'js'] : named;

/** The newest modification time (ms) among files under `paths` (0 when none exists). */
function newest(paths) {
  let t = 0;
  for (const p of paths) {
    const full = join(root, p);
    if (!existsSync(full)) continue;
    const st = statSync(full);
    if (st.isDirectory()) t = Math.max(t, newest(readdirSync(full).map((e) => join(p, e))));
    else t = Math.max(t, st.mtimeMs);
  }
  return t;
}

/** The oldest modification time among `files`, or -1 when one is missing (so the step must run). */
function oldest(files) {
  let t = Infinity;
  for (const f of files) {
    const full = join(root, f);
    if (!existsSync(full)) return -1;
    t = Math.min(t, statSync(full).mtimeMs);
  }
  return t;
}

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

const STEPS = {
  wasm: {
    inputs: ['assembly', 'asconfig.json', 'package-lock.json'],
    outputs: ['build/release.wasm', 'build/debug.wasm'],
    build() {
      run(bin('asc'), ['--target', 'release']);
      run(bin('asc'), ['--target', 'debug']);
    },
  },
  js: {
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/build.mjs'],
    outputs: ['dist/.built'],
    async build() {
      // A clean tree: a source file deleted or renamed leaves no stale module behind.
      rmSync(join(root, 'dist'), { recursive: true, force: true });
      run(bin('tsc'), ['-p', 'tsconfig.build.json']);
      // The validated base scenario of `cnisim plan` (see src/cli/plan-defaults.ts), so plan never loads zod.
      const defaults = await import(pathToFileURL(join(root, 'dist/cli/plan-defaults.js')).href);
      const load = await import(pathToFileURL(join(root, 'dist/scenario/load.js')).href);
      const scenario = load.validateScenarioData(structuredClone(defaults.PLAN_BASE_INPUT), '(flags)');
      writeFileSync(join(root, 'dist/cli', defaults.PLAN_DEFAULTS_FILE), `${JSON.stringify(scenario, null, 1)}\n`);
      writeFileSync(join(root, 'dist/.built'), '');
    },
  },
};

for (const name of steps) {
  const step = STEPS[name];
  if (step === undefined) {
    process.stderr.write(`unknown build step ${name}; use wasm or js\n`);
    process.exit(2);
  }
  if (!force && oldest(step.outputs) >= newest(step.inputs)) continue;
  await step.build();
}
