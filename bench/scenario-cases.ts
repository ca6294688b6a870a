/**
 * Shared by the end-to-end and scaling suites: runs a scenario the way `cnisim run` does (every registered model
 * extension, the time series collected) and counts the events its simulations dispatched, through a small
 * extension that only watches (the public extension point; nothing in src/ changes for the benchmark).
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadKernelModule } from '../src/kernel/load-kernel.ts';
import type { CaseExtension } from '../src/scenario/case-extension.ts';
import { CASE_EXTENSIONS } from '../src/scenario/extensions.ts';
import { parseScenarioText } from '../src/scenario/load.ts';
import { runScenarioCase, type CaseResult } from '../src/scenario/run.ts';
import type { Scenario } from '../src/scenario/schema/scenario.ts';
import type { Simulation } from '../src/sim/simulation.ts';

export interface CaseRun {
  /** Events dispatched by every simulation of the case (one per networking model and variant). */
  readonly events: number;
  /** Simulated seconds over all those simulations (duration × runs). */
  readonly simulatedS: number;
  readonly runs: number;
  /** The summary rows, as `cnisim run` writes them. */
  readonly rows: CaseResult['rows'];
}

export class ScenarioRunner {
  private kernel: WebAssembly.Module | undefined;

  /** Compiles the kernel module (once per process), so a timed run does not include it, and returns it. */
  async ready(): Promise<WebAssembly.Module> {
    this.kernel ??= await loadKernelModule('release');
    return this.kernel;
  }

  /** Runs one case (seed from the scenario, replicate 0) with the time series on, as `cnisim run` does. */
  async run(scenario: Scenario): Promise<CaseRun> {
    const kernelModule = this.kernel ?? (await loadKernelModule('release'));
    this.kernel = kernelModule;
    const sims: Simulation[] = [];
    const watcher: CaseExtension = {
      name: 'bench-event-counter',
      axis: null,
      variants: () => [''],
      summaryColumns: [],
      timeseriesColumns: [],
      attach: (ctx) => {
        sims.push(ctx.sim);
        return null;
      },
    };
    const result = await runScenarioCase(scenario, {
      seed: scenario.seed,
      replicate: 0,
      kernelModule,
      timeseries: true,
      extensions: [...CASE_EXTENSIONS, watcher],
    });
    const events = sims.reduce((sum, s) => sum + s.dispatched, 0);
    return { events, simulatedS: scenario.durationS * sims.length, runs: sims.length, rows: result.rows };
  }
}

export function loadScenarioAt(path: string, overrides: { durationS?: number } = {}): Scenario {
  const s = parseScenarioText(readFileSync(path, 'utf8'), path);
  return overrides.durationS === undefined ? s : { ...s, durationS: overrides.durationS };
}

/** The five networking models in the order scenarios/full-week.yaml lists them. */
export const ALL_MODELS = ['overlay', 'kubenet', 'node-subnet', 'pod-subnet-dynamic', 'pod-subnet-static'] as const;

/**
 * scenarios/full-scale.yaml scaled to `nodes` nodes (100 … 5,000): 250 pods per node under Overlay, a day of
 * churn (0.05 restarts per pod-hour) and one rolling upgrade of the first pool with 1% surge. The first pool has
 * 99% of up to 1,000 nodes and its surge brings the cluster to `nodes`; the rest come in pools of 1,000
 * (the AKS per-pool limit). At 5,000 nodes this is full-scale.yaml itself; at 5,000 nodes, a week and all five
 * models (`models`), it is full-week.yaml (which samples hourly rather than every ten minutes).
 */
export function scaledFullScaleYaml(nodes: number, durationS = 86400, models: readonly string[] = ['overlay']): string {
  const first = Math.min(nodes, 1000);
  const firstCount = Math.floor(first * 0.99);
  const surge = Math.ceil(firstCount * 0.01);
  const pools = [`    - { name: pool1, mode: system, count: ${firstCount}, maxPods: 250, maxSurge: "1%" }`];
  let rest = nodes - first;
  for (let p = 2; rest > 0; p++) {
    const c = Math.min(1000, rest);
    pools.push(`    - { name: pool${p}, mode: system, count: ${c}, maxPods: 250 }`);
    rest -= c;
  }
  const steadyNodes = nodes - first + firstCount;
  // Only the Pod Subnet models need a pod subnet: full-scale.yaml (Overlay alone) names none, full-week.yaml does.
  const podSubnet = models.some((m) => m.startsWith('pod-subnet')) ? '\n  podSubnet: 10.225.0.0/16' : '';
  return `name: full-scale-${nodes}
seed: 1
durationS: ${durationS}
sampleIntervalS: 600
cni: [${models.join(', ')}]
assumptions:
  overlayMaxPodsPerCluster: 1250000
network:
  vnet: 10.224.0.0/12
  nodeSubnet: 10.224.0.0/16${podSubnet}
  podCidr: 10.128.0.0/11
cluster:
  pools:
${pools.join('\n')}
  upgrades:
    - { atS: ${Math.min(3600, Math.floor(durationS / 4))}, pools: [pool1], drainS: 60 }
workload:
  tickS: 300
  deployments:
    - name: app
      replicas: ${steadyNodes * 250}
      churn: { restartsPerPodHour: 0.05 }
      podStartS: 5
# ${steadyNodes} nodes + ${surge} surge during the upgrade
`;
}

export function scaledFullScale(nodes: number, durationS = 86400, models: readonly string[] = ['overlay']): Scenario {
  return parseScenarioText(scaledFullScaleYaml(nodes, durationS, models), `full-scale-${nodes}.yaml`);
}

/**
 * The compiled run worker, when dist/ is built (`npm run bench` builds it first): its threads start as an
 * installed cnisim's do, without loading tsx (about a second per thread), so the wall time is the one a user sees.
 */
export function compiledUnitWorker(): { workerUrl?: string } {
  const url = new URL('../dist/js/unit-worker.js', import.meta.url);
  return existsSync(url) ? { workerUrl: url.href } : {};
}
