import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attachSnat } from '../../src/model/snat/snat-extension.ts';
import { SNAT_SUMMARY_COLUMNS } from '../../src/model/snat/snat-columns.ts';
import { toCsv } from '../../src/output/csv-format.ts';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import { runScenarioCase } from '../../src/scenario/run.ts';
import type { Scenario } from '../../src/scenario/schema/scenario.ts';
import { snatInput } from '../../src/scenario/snat-input.ts';
import { wireCluster } from '../../src/scenario/wire.ts';
import { secondsToNs } from '../../src/sim/time.ts';

/** The shipped scenario, cut to 20 minutes: past the 40 → 60 scale-out and the first LB default failure. */
const scenario: Scenario = { ...loadScenarioFile('scenarios/snat-exhaustion.yaml'), durationS: 1200 };

/** Runs one design and hashes every request (time, workload, node, destination, duration, close) it was offered. */
function runDesign(s: Scenario, design: string, seed = s.seed) {
  const wired = wireCluster(s, 'overlay', seed, 0);
  const hash = createHash('sha256');
  const record = new Float64Array(6);
  const bytes = new Uint8Array(record.buffer);
  const run = attachSnat(
    {
      input: snatInput(s),
      cni: 'overlay',
      seed,
      replicate: 0,
      sim: wired.sim,
      cluster: wired.cluster,
      upgrades: wired.upgrades,
      kernelModule: undefined,
      frameSink: undefined,
    },
    design,
    (t, w, node, dest, durationNs, close) => {
      record.set([t, w, node, dest, durationNs, close]);
      hash.update(bytes);
    },
  );
  if (run === null) throw new Error('the scenario has traffic');
  wired.start();
  wired.sim.run(secondsToNs(s.durationS));
  return { hash: hash.digest('hex'), requests: run.traffic.requests, failures: run.engine.failures };
}

describe('every outbound design sees the same traffic (common random numbers)', () => {
  it('the request stream hashes the same under LB default, LB manual and NAT gateway, while outcomes differ', () => {
    const results = ['lb-default', 'lb-manual-1920x2', 'natgw-2ip'].map((d) => runDesign(scenario, d));
    const [lbDefault, lbManual, nat] = results;
    expect(lbDefault?.requests).toBeGreaterThan(500_000);
    expect(new Set(results.map((r) => r.hash)).size).toBe(1);
    expect(new Set(results.map((r) => r.requests)).size).toBe(1);
    // The designs do differ: the default table drops to 512 ports at 51 nodes and starts refusing.
    expect(lbDefault?.failures).toBeGreaterThan(0);
    expect([lbManual?.failures, nat?.failures]).toEqual([0, 0]);
  });

  it('another seed gives another stream', () => {
    expect(runDesign(scenario, 'natgw-2ip', 8).hash).not.toBe(runDesign(scenario, 'natgw-2ip').hash);
  });
});

describe('determinism', () => {
  it('the same seed gives byte-identical summary and time-series CSV', async () => {
    const a = await runScenarioCase(scenario, { seed: 7, replicate: 0, timeseries: true });
    const b = await runScenarioCase(scenario, { seed: 7, replicate: 0, timeseries: true });
    expect(toCsv(b.columns, b.rows)).toBe(toCsv(a.columns, a.rows));
    expect(toCsv(b.timeseriesColumns, b.timeseries)).toBe(toCsv(a.timeseriesColumns, a.timeseries));
    const outbound = a.columns.indexOf('outbound');
    expect(a.rows.map((r) => r[outbound])).toEqual(['lb-default', 'lb-manual-1920x2', 'natgw-2ip']);
    // Known figures of this run: the first failure follows the table cut at 600 s, and the default table
    // changed row once.
    const col = (name: string) => a.columns.indexOf(name);
    const lb = a.rows[0] ?? [];
    expect(lb[col('snat_ports_per_node_min')]).toBe(512);
    expect(lb[col('snat_table_recomputes')]).toBe(1);
    expect(lb[col('snat_ports_in_use_node_peak')]).toBe(512);
    expect(Number(lb[col('snat_first_failure_s')])).toBeGreaterThan(600);
    expect(SNAT_SUMMARY_COLUMNS.every((c) => a.columns.includes(c.name))).toBe(true);
  });
});
