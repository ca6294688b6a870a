import type { CniName } from '../model/ipam/cni.ts';
import { surgeNodes, type UpgradeConcurrency } from '../model/cluster/surge.ts';
import { poolAddressing, type PoolAddressing } from '../checks/pool-subnets.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';

export { usesPodCidr, usesPodSubnet } from '../checks/pool-subnets.ts';

/** A node pool as the planner sees it under one networking model: its sizes resolved, its subnets named. */
export interface PlanPool extends PoolAddressing {
  readonly name: string;
  /** Nodes the pool has now (`count`). */
  readonly count: number;
  /** Upgrade surge nodes: maxSurge of `nodes`, percentages rounded up; 0 with maxSurge 0 (upgrade-aks-node-pools-rolling). */
  readonly surge: number;
}

/** The scenario's pools under `cni`, with the per-model maxPods default and the surge default applied. */
export function planPools(s: Scenario, cni: CniName): PlanPool[] {
  const addressing = poolAddressing(s, cni);
  return s.cluster.pools.map((p, i) => {
    const a = addressing[i] as PoolAddressing;
    return {
      ...a,
      name: p.name,
      count: p.count,
      surge: surgeNodes(p.maxSurge ?? s.assumptions.maxSurgeDefault, a.nodes),
    };
  });
}

/**
 * How the plan counts the surges of several pools: at once (`all`, the default and what AKS's quota example
 * counts), unless every upgrade the scenario lists runs its pools one after another (`sequential`).
 */
export function planConcurrency(s: Scenario): UpgradeConcurrency {
  const ups = s.cluster.upgrades;
  return ups.length > 0 && ups.every((u) => u.concurrency === 'sequential') ? 'sequential' : 'all';
}
