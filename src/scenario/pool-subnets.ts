import { defaultMaxPods } from '../model/ipam/index.ts';
import type { CniName } from '../model/ipam/cni.ts';
import type { Scenario } from './schema/scenario.ts';

/** What a pool draws on under one networking model, with the field paths messages name. */
export interface PoolAddressing {
  /** Nodes the pool can have: the autoscaler's maxCount if autoscaled, else count (as AKS's RP counts). */
  readonly nodes: number;
  readonly maxPods: number;
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

/** Each pool's subnets and maxPods under `cni`: pool fields over the network defaults, the per-model maxPods default. */
export function poolAddressing(s: Scenario, cni: CniName): PoolAddressing[] {
  return s.cluster.pools.map((p, i) => ({
    nodes: p.autoscale === undefined ? p.count : Math.max(p.count, p.autoscale.maxCount),
    maxPods: p.maxPods ?? defaultMaxPods(cni, s.assumptions.podSubnetDefaultMaxPods),
    maxPodsPath: p.maxPods === undefined ? `(default maxPods for ${cni})` : `cluster.pools[${i}].maxPods`,
    nodeSubnet: p.nodeSubnet ?? s.network.nodeSubnet,
    nodeSubnetPath: p.nodeSubnet === undefined ? 'network.nodeSubnet' : `cluster.pools[${i}].nodeSubnet`,
    podSubnet: usesPodSubnet(cni) ? (p.podSubnet ?? s.network.podSubnet) : null,
    podSubnetPath: p.podSubnet === undefined ? 'network.podSubnet' : `cluster.pools[${i}].podSubnet`,
  }));
}
