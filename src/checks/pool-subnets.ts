import { defaultMaxPods } from '../model/ipam/index.ts';
import type { CniName } from '../model/ipam/cni.ts';
import { MANAGED_NODE_SUBNET, MANAGED_POD_SUBNET, MANAGED_VNET } from '../net/managed-vnet.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';

/** What a pool draws on under one networking model, with the field paths messages name. */
export interface PoolAddressing {
  /** Nodes the pool can have: the autoscaler's maxCount if autoscaled, else count (as AKS's RP counts). */
  readonly nodes: number;
  readonly maxPods: number;
  readonly maxPodsPath: string;
  /** null when the user gave other subnets but none for this pool (validation refuses that). */
  readonly nodeSubnet: string | null;
  readonly nodeSubnetPath: string;
  /** Pod subnet CIDR text for the Pod Subnet models; null for the others, or when none was given for the pool. */
  readonly podSubnet: string | null;
  readonly podSubnetPath: string;
}

export function usesPodSubnet(cni: CniName): boolean {
  return cni === 'pod-subnet-dynamic' || cni === 'pod-subnet-static';
}

export function usesPodCidr(cni: CniName): boolean {
  return cni === 'overlay' || cni === 'kubenet';
}

/** Whether the scenario names any VNet subnet (network or pool level): then the managed VNet is not assumed. */
export function bringsOwnSubnets(s: Scenario): boolean {
  const n = s.network;
  return n.nodeSubnet !== undefined || n.podSubnet !== undefined || s.cluster.pools.some((p) => p.nodeSubnet !== undefined || p.podSubnet !== undefined);
}

/** The VNet address space: as given; else the managed VNet when no subnet is given; else unknown (null). */
export function scenarioVnet(s: Scenario): string | null {
  return s.network.vnet ?? (bringsOwnSubnets(s) ? null : MANAGED_VNET);
}

/** Each pool's subnets and maxPods under `cni`: pool fields over the network defaults, the per-model maxPods default. */
export function poolAddressing(s: Scenario, cni: CniName): PoolAddressing[] {
  const own = bringsOwnSubnets(s);
  const nodeDefault = s.network.nodeSubnet ?? (own ? null : MANAGED_NODE_SUBNET);
  const podDefault = s.network.podSubnet ?? (own ? null : MANAGED_POD_SUBNET);
  return s.cluster.pools.map((p, i) => ({
    nodes: p.autoscale === undefined ? p.count : Math.max(p.count, p.autoscale.maxCount),
    maxPods: p.maxPods ?? defaultMaxPods(cni, s.assumptions.podSubnetDefaultMaxPods),
    maxPodsPath: p.maxPods === undefined ? `(default maxPods for ${cni})` : `cluster.pools[${i}].maxPods`,
    nodeSubnet: p.nodeSubnet ?? nodeDefault,
    nodeSubnetPath: p.nodeSubnet === undefined ? 'network.nodeSubnet' : `cluster.pools[${i}].nodeSubnet`,
    podSubnet: usesPodSubnet(cni) ? (p.podSubnet ?? podDefault) : null,
    podSubnetPath: p.podSubnet === undefined ? 'network.podSubnet' : `cluster.pools[${i}].podSubnet`,
  }));
}
