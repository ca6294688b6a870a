import { validateScenarioData } from '../../src/scenario/load.ts';
import type { Scenario } from '../../src/scenario/schema/scenario.ts';

/** A small Overlay cluster (2 + 3 nodes, 60 pods) with a datapath section; `datapath` overrides the section. */
export function datapathScenario(datapath: unknown, durationS = 20): Scenario {
  return validateScenarioData(
    {
      name: 'datapath-test',
      seed: 5,
      durationS,
      sampleIntervalS: 10,
      cni: ['overlay'],
      cluster: {
        pools: [
          { name: 'system', mode: 'system', count: 2, maxPods: 30 },
          { name: 'user', mode: 'user', count: 3, maxPods: 30 },
        ],
        autoscaler: { provisioningDelayS: 2 },
      },
      workload: { deployments: [{ name: 'web', replicas: 60, podStartS: 1 }] },
      datapath,
    },
    'datapath-test.yaml',
  );
}
