#!/usr/bin/env node
// `npm run build`: the WASM kernel (build/*.wasm) and the bundled JavaScript (dist/js/), each rebuilt only when one
// of its inputs is newer than its outputs, so `npm start` and `npm test` on an unchanged tree cost a stat per file.
// `--force` rebuilds both. Steps: `node scripts/build.mjs [wasm] [js] [--force]` (both when none is named).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
    inputs: ['src', 'package-lock.json', 'scripts/build.mjs'],
    outputs: ['dist/.built'],
    async build() {
      // A clean tree: a module deleted or renamed leaves no stale chunk behind.
      rmSync(join(root, 'dist'), { recursive: true, force: true });
      mkdirSync(join(root, 'build'), { recursive: true });
      const esbuild = await import('esbuild');
      const result = await esbuild.build({
        absWorkingDir: root,
        // The CLI, and the worker-thread entries of sweep and run (src/sweep/run-sweep.ts and run-units.ts find
        // them next to themselves).
        entryPoints: { main: 'src/cli/main.ts', 'case-worker': 'src/sweep/case-worker.ts', 'unit-worker': 'src/sweep/unit-worker.ts' },
        // dist/js/ is two levels below the root, as src/<dir>/ is: the relative URLs to package.json and
        // build/*.wasm in the sources hold in the output too.
        outdir: 'dist/js',
        bundle: true,
        // Each dynamic import() (one per command, the report, the scenario loader) becomes its own chunk.
        splitting: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        // piscina starts its worker threads from a file of its own package (found through its __dirname).
        external: ['piscina'],
        // Bundled CommonJS packages (commander, yaml, seedrandom…) call require() for Node's built-ins.
        banner: { js: "import { createRequire as __cnisimCreateRequire } from 'node:module';\nconst require = __cnisimCreateRequire(import.meta.url);" },
        metafile: true,
        logLevel: 'warning',
      });
      // Which sources and packages each chunk holds (test/cli/lazy-loading.test.ts reads it; not shipped).
      writeFileSync(join(root, 'build', 'js-meta.json'), JSON.stringify(result.metafile));
      // The validated base scenario of `cnisim plan` (see src/cli/plan-defaults.ts), so plan never loads zod.
      const { tsImport } = await import('tsx/esm/api');
      const defaults = await tsImport('../src/cli/plan-defaults.ts', import.meta.url);
      const load = await tsImport('../src/scenario/load.ts', import.meta.url);
      const scenario = load.validateScenarioData(structuredClone(defaults.PLAN_BASE_INPUT), '(flags)');
      writeFileSync(join(root, 'dist/js', defaults.PLAN_DEFAULTS_FILE), `${JSON.stringify(scenario, null, 1)}\n`);
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
