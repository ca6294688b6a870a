import type { Scenario } from '../scenario/schema/scenario.ts';

/** The largest replica count a deployment's schedule asks for (step and ramp targets, diurnal max). */
export function peakReplicas(d: Scenario['workload']['deployments'][number]): number {
  let peak = d.replicas;
  for (const e of d.schedule) peak = Math.max(peak, e.kind === 'diurnal' ? e.max : e.replicas);
  return peak;
}

export interface SpreadPool {
  readonly nodes: number;
  readonly maxPods: number;
}

export interface SpreadDeployment {
  readonly replicas: number;
  /** Pools its pods may run on (indices into the pool list). */
  readonly pools: readonly number[];
}

/**
 * Pods per node at steady state: DaemonSet pods on every node, then each deployment's pods placed on the least
 * loaded eligible node, ties to the lowest node (Kubernetes' LeastAllocated spreading, as the cluster model
 * schedules). Placement is by water-filling: the highest level L every eligible node can be filled to with the
 * pods available, then one more pod on the first nodes at L. Pods beyond every node's maxPods stay pending and
 * take no IP. Returns one array of per-node pod counts per pool.
 */
export function spreadPods(pools: readonly SpreadPool[], deployments: readonly SpreadDeployment[], daemonsetPodsPerNode: number): Int32Array[] {
  const loads = pools.map((p) => new Int32Array(p.nodes).fill(Math.min(daemonsetPodsPerNode, p.maxPods)));
  for (const d of deployments) {
    const nodes: Array<{ load: Int32Array; i: number; cap: number }> = [];
    for (const pi of d.pools) {
      const pool = pools[pi];
      const load = loads[pi];
      if (pool === undefined || load === undefined) continue;
      for (let i = 0; i < load.length; i++) nodes.push({ load, i, cap: pool.maxPods });
    }
    const at = (n: { load: Int32Array; i: number }) => n.load[n.i] ?? 0;
    const fillTo = (level: number) => nodes.reduce((sum, n) => sum + Math.max(0, Math.min(level, n.cap) - at(n)), 0);
    const topLevel = nodes.reduce((m, n) => Math.max(m, n.cap), 0);
    const replicas = Math.min(d.replicas, fillTo(topLevel));
    // Largest level whose fill does not exceed the replicas (fillTo is monotone in the level).
    let lo = 0;
    let hi = topLevel;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fillTo(mid) <= replicas) lo = mid;
      else hi = mid - 1;
    }
    let left = replicas - fillTo(lo);
    for (const n of nodes) n.load[n.i] = Math.max(at(n), Math.min(lo, n.cap));
    for (const n of nodes) {
      if (left === 0) break;
      if (at(n) === lo && lo < n.cap) {
        n.load[n.i] = lo + 1;
        left -= 1;
      }
    }
  }
  return loads;
}
