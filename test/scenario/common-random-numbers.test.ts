import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario/load.ts';
import { runScenarioCase } from '../../src/scenario/run.ts';

// Roomy address space and no IPAM latency: no model runs out or makes a pod wait, so every model must see
// exactly the same cluster and workload, sample for sample.
const ROOMY = `
name: crn
durationS: 21600
sampleIntervalS: 600
cni: [overlay, kubenet, node-subnet, pod-subnet-dynamic, pod-subnet-static]
ipam: { batchAllocationDelayS: 0, podIpReleaseDelayS: 0 }
network: { nodeSubnet: 10.224.0.0/16, podSubnet: 10.225.0.0/16 }
cluster:
  pools:
    - { name: user, count: 3, maxPods: 50, autoscale: { minCount: 3, maxCount: 40 } }
workload:
  deployments:
    - name: web
      replicas: 100
      churn: { restartsPerPodHour: 2 }
      schedule: [{ kind: ramp, fromS: 600, toS: 7200, replicas: 900 }, { kind: step, atS: 14400, replicas: 200 }]
`;

describe('common random numbers across networking models', () => {
  it('gives every model the same nodes and pods over time when nothing runs out', async () => {
    const r = await runScenarioCase(parseScenarioText(ROOMY, 'crn.yaml'), { seed: 11, replicate: 0, timeseries: true });
    const col = (name: string) => r.timeseriesColumns.indexOf(name);
    const byCni = new Map<string, string[]>();
    for (const row of r.timeseries) {
      const key = String(row[col('cni')]);
      const trace = `${row[col('t_s')]}:${row[col('nodes')]}:${row[col('pods_running')]}:${row[col('pods_pending')]}`;
      byCni.set(key, [...(byCni.get(key) ?? []), trace]);
    }
    const overlay = byCni.get('overlay') ?? [];
    expect(overlay.length).toBe(21600 / 600 + 1);
    expect(new Set(overlay.map((t) => t.split(':')[1])).size).toBeGreaterThan(2); // the autoscaler did work
    for (const cni of ['kubenet', 'node-subnet', 'pod-subnet-dynamic', 'pod-subnet-static']) {
      expect(byCni.get(cni), cni).toEqual(overlay);
    }
  });
});
