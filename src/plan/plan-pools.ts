import { defaultMaxPods } from '../model/ipam/index.ts';
import type { CniName } from '../model/ipam/cni.ts';
import { surgeNodes, type UpgradeConcurrency } from '../model/cluster/surge.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';

/** A node pool as the planner sees it under one networking model: its sizes resolved, its subnets named. */
export interface PlanPool {
  readonly name: string;
  /** Nodes the pool has now (`count`). */
  readonly count: number;
  /** Nodes the plan must hold: the autoscaler's maxCount if autoscaled, else count (as AKS's RP counts). */
  readonly nodes: number;
  /** Upgrade surge nodes: maxSurge of `nodes`, percentages rounded up; 0 with maxSurge 0 (upgrade-aks-node-pools-rolling). */
  readonly surge: number;
  readonly maxPods: number;
  /** Scenario field paths, so problems and messages name them. */
  readonly maxPodsPath: string;
  readonly nodeSubnet: string;
  readonly nodeSubnetPath: string;
  /** Pod subnet CIDR text for the Pod Subnet models; null for the others. */
  readonly podSubnet: string | null;
  readonly podSubnetPath: string;
}

export function usesPodSubnet(cni: CniName): boolean {
  return cni === 'pod-subnet-dynamic' || cni === 'pod-subnet-static';
}

export function usesPodCidr(cni: CniName): boolean {
  return cni === 'overlay' || cni === 'kubenet';
}

/** The scenario's pools under `cni`, with the per-model maxPods default and the surge default applied. */
export function planPools(s: Scenario, cni: CniName): PlanPool[] {
  return s.cluster.pools.map((p, i) => {
    const nodes = p.autoscale === undefined ? p.count : Math.max(p.count, p.autoscale.maxCount);
    return {
      name: p.name,
      count: p.count,
      nodes,
      surge: surgeNodes(p.maxSurge ?? s.assumptions.maxSurgeDefault, nodes),
      maxPods: p.maxPods ?? defaultMaxPods(cni, s.assumptions.podSubnetDefaultMaxPods),
      maxPodsPath: p.maxPods === undefined ? `(default maxPods for ${cni})` : `cluster.pools[${i}].maxPods`,
      nodeSubnet: p.nodeSubnet ?? s.network.nodeSubnet,
      nodeSubnetPath: p.nodeSubnet === undefined ? 'network.nodeSubnet' : `cluster.pools[${i}].nodeSubnet`,
      podSubnet: usesPodSubnet(cni) ? (p.podSubnet ?? s.network.podSubnet) : null,
      podSubnetPath: p.podSubnet === undefined ? 'network.podSubnet' : `cluster.pools[${i}].podSubnet`,
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
