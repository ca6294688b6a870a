import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { cnisim } from './cli-run.ts';

// examples/kubernetes/sweep-job.yaml run as its pods would run it: the container's shell command for every
// completion index, with the index and shard count in the environment, then `cnisim merge`. Only the scenario
// (a small one), the volume path, the worker count and `node` (this Node binary) are substituted.
const SMALL = 'test/sweep/fixtures/small-sweep.yaml';

interface JobDoc {
  kind: string;
  spec: {
    completionMode: string;
    completions: number;
    parallelism: number;
    template: { spec: { containers: Array<{ command: string[]; args: string[]; env: Array<{ name: string; value: string }> }> } };
  };
}

describe('Kubernetes Indexed Job example', () => {
  const docs = YAML.parseAllDocuments(readFileSync('examples/kubernetes/sweep-job.yaml', 'utf8')).map((d) => d.toJS() as JobDoc);
  const job = docs.find((d) => d.kind === 'Job');

  it('is an Indexed Job whose shard count matches its completions', () => {
    expect(job?.spec.completionMode).toBe('Indexed');
    const container = job?.spec.template.spec.containers[0];
    expect(container?.env.find((e) => e.name === 'SHARDS')?.value).toBe(String(job?.spec.completions));
    expect(container?.args[0]).toContain('--shard "$JOB_COMPLETION_INDEX/$SHARDS"');
  });

  // Ten cnisim processes one after another: allow for a loaded CI machine.
  it('its pods\' commands, merged, give exactly the unsharded sweep', { timeout: 300_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnisim-k8s-'));
    const container = job?.spec.template.spec.containers[0];
    const script = (container?.args[0] ?? '')
      .replace('scenarios/sweeps/ip-exhaustion.yaml', SMALL)
      .replace('/results/', `${dir}/`)
      // One thread per pod here: eight pods share this machine's cores.
      .replace('--workers 2', '--workers 1')
      .replace(/^exec node /, `exec ${process.execPath} `);
    const completions = job?.spec.completions ?? 0;
    for (let i = 0; i < completions; i++) {
      const r = spawnSync(container?.command[0] ?? 'sh', [...(container?.command.slice(1) ?? []), script], {
        encoding: 'utf8',
        env: { ...process.env, JOB_COMPLETION_INDEX: String(i), SHARDS: String(completions) },
      });
      expect(r.status).toBe(0);
    }
    const shards = Array.from({ length: completions }, (_, i) => join(dir, `shard-${i}.csv`));
    expect(cnisim(['merge', ...shards, '--out', join(dir, 'all.csv')]).status).toBe(0);
    expect(cnisim(['sweep', SMALL, '--out', join(dir, 'whole.csv'), '--quiet']).status).toBe(0);
    expect(readFileSync(join(dir, 'all.csv'), 'utf8')).toBe(readFileSync(join(dir, 'whole.csv'), 'utf8'));
  });
});
