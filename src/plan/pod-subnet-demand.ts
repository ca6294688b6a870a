import { STATIC_BLOCK_SIZE, dynamicTargetIps, staticBlocksPerNode } from '../model/azure/limits.ts';
import type { CniName } from '../model/ipam/cni.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
import type { PlanPool } from './plan-pools.ts';
import { peakReplicas, spreadPods } from './pod-spread.ts';

/** What one pool's nodes take from their pod subnet (addresses). */
export interface PodSubnetDemand {
  /** Each planned node at steady state. */
  readonly perNode: number[];
  /** One upgrade surge node. */
  readonly surgeNode: number;
  /** A node running maxPods pods: what the node fill counts. */
  readonly fullNode: number;
}

/** Per-node addresses each pool's nodes take from their pod subnet at steady state, and a surge node's share. */
export function podSubnetDemand(s: Scenario, cni: CniName, pools: readonly PlanPool[]): PodSubnetDemand[] {
  if (cni === 'pod-subnet-static') {
    return pools.map((p) => {
      const n = staticBlocksPerNode(p.maxPods) * STATIC_BLOCK_SIZE;
      return { perNode: new Array<number>(p.nodes).fill(n), surgeNode: n, fullNode: n };
    });
  }
  // Dynamic: a node holds the batch target for the pods it runs, 16 × ceil(0.5 + used/16) clamped at maxPods;
  // with no workload in the plan, every node is assumed full (maxPods pods), the most it can take.
  const full = pools.map((p) => dynamicTargetIps(p.maxPods, p.maxPods));
  const w = s.workload;
  if (w.deployments.length === 0 && w.daemonsetPodsPerNode === 0) {
    return pools.map((p, i) => ({ perNode: new Array<number>(p.nodes).fill(full[i] ?? 0), surgeNode: full[i] ?? 0, fullNode: full[i] ?? 0 }));
  }
  const userPools = s.cluster.pools.flatMap((p, i) => (p.mode === 'user' ? [i] : []));
  const anyPool = userPools.length > 0 ? userPools : s.cluster.pools.map((_p, i) => i);
  const loads = spreadPods(
    pools.map((p) => ({ nodes: p.nodes, maxPods: p.maxPods })),
    w.deployments.map((d) => ({
      replicas: peakReplicas(d),
      pools: d.pool === undefined ? anyPool : [s.cluster.pools.findIndex((p) => p.name === d.pool)],
    })),
    w.daemonsetPodsPerNode,
  );
  return pools.map((p, i) => {
    const perNode = Array.from(loads[i] ?? [], (used) => dynamicTargetIps(used, p.maxPods));
    // A surge node takes over a drained node's pods, so it holds what the busiest node of its pool holds.
    return { perNode, surgeNode: perNode.reduce((m, v) => Math.max(m, v), dynamicTargetIps(0, p.maxPods)), fullNode: full[i] ?? 0 };
  });
}
