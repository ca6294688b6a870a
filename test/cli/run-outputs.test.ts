import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pcapPaths, runOutputPaths } from '../../src/cli/run-outputs.ts';
import { cnisimInProcess } from '../robustness/in-process.ts';

describe('where cnisim run writes its files', () => {
  it.each([
    [{}, ['results/n.summary.csv', 'results/n.timeseries.csv', 'results/n.events.csv']],
    [{ outDir: 'd' }, ['d/n.summary.csv', 'd/n.timeseries.csv', 'd/n.events.csv']],
    [{ out: '/tmp/x.csv' }, ['/tmp/x.csv', '/tmp/x.timeseries.csv', '/tmp/x.events.csv']],
    [{ out: 'a/run.summary.csv' }, ['a/run.summary.csv', 'a/run.timeseries.csv', 'a/run.events.csv']],
    [{ out: 's.csv', outDir: 'd' }, ['s.csv', 'd/n.timeseries.csv', 'd/n.events.csv']],
    [{ outDir: 'd', events: 'e.csv' }, ['d/n.summary.csv', 'd/n.timeseries.csv', 'e.csv']],
    [{ out: 's.csv', timeseries: 't.csv' }, ['s.csv', 't.csv', 's.events.csv']],
  ])('%j', (flags, expected) => {
    const p = runOutputPaths('n', flags);
    expect([p.summary, p.timeseries, p.events]).toEqual(expected);
  });

  it('names pcap files from --pcap: the file itself for one variant, stem.<model>.<variant>.pcap for several', () => {
    expect([...pcapPaths('/tmp/u.pcap', ['overlay.vxlan-1500'])]).toEqual([['overlay.vxlan-1500', '/tmp/u.pcap']]);
    expect([...pcapPaths('/tmp/u.pcap', ['overlay.a', 'kubenet.b'])]).toEqual([
      ['overlay.a', '/tmp/u.overlay.a.pcap'],
      ['kubenet.b', '/tmp/u.kubenet.b.pcap'],
    ]);
    expect([...pcapPaths('cap', ['overlay', 'kubenet'])].map(([, p]) => p)).toEqual(['cap.overlay.pcap', 'cap.kubenet.pcap']);
  });
});

describe('cnisim run --out-dir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cnisim-outdir-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const scenario = join(dir, 'tiny.yaml');
  writeFileSync(scenario, 'name: tiny\ndurationS: 600\nsampleIntervalS: 300\ncluster:\n  pools:\n    - { name: user, count: 2 }\n');

  it('puts all three files in the directory, and --events still names its own', async () => {
    const r = await cnisimInProcess(['run', scenario, '--out-dir', join(dir, 'a'), '--events', join(dir, 'ev.csv'), '--quiet']);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(['tiny.summary.csv', 'tiny.timeseries.csv']);
    expect(readdirSync(dir).sort()).toEqual(['a', 'ev.csv', 'tiny.yaml']);
  });

  it('with --out alone, writes the other two next to it, not into results/', async () => {
    const r = await cnisimInProcess(['run', scenario, '--out', join(dir, 'b', 'x.csv'), '--quiet']);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'b')).sort()).toEqual(['x.csv', 'x.events.csv', 'x.timeseries.csv']);
  });

  it('refuses an --out-dir that is a file before running, and writes nothing', async () => {
    const r = await cnisimInProcess(['run', scenario, '--out-dir', scenario]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${scenario} is a file, so nothing can be created under it`);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
