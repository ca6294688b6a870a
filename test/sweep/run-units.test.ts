import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { exitCodeForError } from '../../src/cli/exit.ts';
import { InputError } from '../../src/error/input-error.ts';
import { parseScenarioText } from '../../src/scenario/load.ts';
import { runScenarioReplicates } from '../../src/scenario/run-replicates.ts';
import type { Scenario } from '../../src/scenario/schema/scenario.ts';
import { secondsToNs } from '../../src/sim/time.ts';
import { runScenarioOnWorkers } from '../../src/sweep/run-units.ts';

// The pool around the model runs of `cnisim run`: with a fake worker (test/sweep/fixtures/fake-unit-worker.ts)
// for the order results come back in and for failures, and with the real one for the rows themselves.
const dir = mkdtempSync(join(tmpdir(), 'cnisim-run-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Bundled to plain JavaScript once, so each worker thread starts without loading tsx.
const FAKE_WORKER_FILE = join(dir, 'fake-unit-worker.mjs');
buildSync({ entryPoints: ['test/sweep/fixtures/fake-unit-worker.ts'], bundle: true, format: 'esm', platform: 'node', outfile: FAKE_WORKER_FILE, logLevel: 'error' });
const FAKE_WORKER = pathToFileURL(FAKE_WORKER_FILE).href;

const TINY = `name: tiny
durationS: 1800
sampleIntervalS: 600
cni: [overlay, kubenet, node-subnet]
network: { nodeSubnet: 10.224.0.0/26 }
cluster:
  pools:
    - { name: user, count: 3, maxPods: 20 }
workload:
  deployments:
    - { name: web, replicas: 50, podStartS: 2, churn: { restartsPerPodHour: 2 } }
`;

function tiny(name: string, replicates: number): Scenario {
  return { ...parseScenarioText(TINY, 'tiny.yaml'), name, replicates };
}

describe('model runs on worker threads (fake worker)', () => {
  it('puts results back in (replicate, model) order whatever order they finish in, and reports every run', async () => {
    const progress: Array<[number, number, number]> = [];
    const r = await runScenarioOnWorkers(tiny('reverse', 2), {
      workers: 3,
      workerUrl: FAKE_WORKER,
      onProgress: (run, doneNs, durationNs) => progress.push([run, doneNs, durationNs]),
    });
    expect(r.rows).toEqual([[0, 0], [1, 0], [2, 0], [3, 1], [4, 1], [5, 1]]);
    // Two replicates: the time series gains a leading replicate column.
    expect(r.timeseries).toEqual([[0, 0, 't'], [0, 1, 't'], [0, 2, 't'], [1, 3, 't'], [1, 4, 't'], [1, 5, 't']]);
    expect(r.attempts.map((a) => a[2])).toEqual([0, 0, 0, 1, 1, 1]);
    expect(r.attempts.map((a) => a[3])).toEqual([0, 1, 2, 3, 4, 5].map((i) => i / 1e9));
    // Each run ends at its duration, reported once when its result is in; relayed halves come before that.
    const durationNs = secondsToNs(1800);
    for (let run = 0; run < 6; run++) {
      const mine = progress.filter(([i]) => i === run).map(([, done, total]) => done / total);
      expect(mine.at(-1), `run ${run}`).toBe(1);
      expect(mine.slice(0, -1).every((f) => f === 0.5), `run ${run}`).toBe(true);
    }
    expect(progress.filter(([, done]) => done === durationNs)).toHaveLength(6);
  });

  it('a run that throws (a bug) rejects with its message and stops the others, which would never finish', async () => {
    const run = runScenarioOnWorkers(tiny('crash', 1), { workers: 3, workerUrl: FAKE_WORKER });
    const err = await run.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('model bug in run 1');
    expect(err).not.toBeInstanceOf(InputError);
    expect(exitCodeForErrorQuietly(err)).toBe(1);
  });

  it('bad input found in a worker comes out as an InputError with its problems (exit 2)', async () => {
    const err = await runScenarioOnWorkers(tiny('bad-input', 1), { workers: 2, workerUrl: FAKE_WORKER }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems[0]?.path).toMatch(/^run [0-2]$/);
    expect(exitCodeForErrorQuietly(err)).toBe(2);
  });
});

/** exitCodeForError without its message on the test's stderr. */
function exitCodeForErrorQuietly(err: unknown): number {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return exitCodeForError(err);
  } finally {
    process.stderr.write = write;
  }
}

describe('model runs on worker threads (real worker)', () => {
  it('give what runScenarioReplicates gives in-process, rows, time series, episodes and attempts', async () => {
    const s = tiny('tiny', 2);
    const inProcess = await runScenarioReplicates(s);
    const progress: number[] = [];
    const onWorkers = await runScenarioOnWorkers(s, { workers: 2, onProgress: (run, doneNs, durationNs) => doneNs === durationNs && progress.push(run) });
    expect(onWorkers).toEqual(inProcess);
    expect(inProcess.rows).toHaveLength(6);
    expect(inProcess.attempts.length).toBeGreaterThan(0);
    expect(inProcess.events.length).toBeGreaterThan(0);
    // Every run reached its end; a run's own last progress message may arrive too, after its result.
    expect([...new Set(progress)].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
