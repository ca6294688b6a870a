import { describe, expect, it } from 'vitest';
import { loadKernelModule } from '../../src/kernel/load-kernel.ts';
import { DATAPATH_CASE_EXTENSION as datapathExtension } from '../../src/scenario/extensions.ts';
import { runScenarioCase } from '../../src/scenario/run.ts';
import { datapathScenario } from './datapath-fixture.ts';

describe('the datapath extension and the compiled module', () => {
  it('uses the module it is given: the debug build gives the same rows as the release build', async () => {
    const scenario = datapathScenario({
      variants: [{ name: 'vxlan', encap: 'vxlan', podMtu: 1500 }, { name: 'geneve', encap: 'geneve', geneveOptionsBytes: 8 }],
    });
    const opts = { seed: 3, replicate: 0, timeseries: true, extensions: [datapathExtension] };
    const release = await runScenarioCase(scenario, { ...opts, kernelModule: await loadKernelModule('release') });
    const debug = await runScenarioCase(scenario, { ...opts, kernelModule: await loadKernelModule('debug') });
    const byDefault = await runScenarioCase(scenario, opts);
    expect(debug.rows).toEqual(release.rows);
    expect(debug.timeseries).toEqual(release.timeseries);
    expect(byDefault.rows).toEqual(release.rows);
    const at = release.columns.indexOf('dp_packets');
    expect(release.rows.every((r) => Number(r[at]) > 0)).toBe(true);
  });

  it('compiles the module once per process', async () => {
    expect(await loadKernelModule('release')).toBe(await loadKernelModule('release'));
  });
});
