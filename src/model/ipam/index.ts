import type { Simulation } from '../../sim/simulation.ts';
import { DEFAULT_MAX_PODS_KUBENET, DEFAULT_MAX_PODS_NODE_SUBNET, DEFAULT_MAX_PODS_OVERLAY } from '../azure/limits.ts';
import type { CniName } from './cni.ts';
import type { IpamHost, IpamModel, IpamSubnets, IpamTiming } from './ipam-model.ts';
import { NodeSubnetIpam } from './node-subnet.ts';
import { PodCidrIpam } from './pod-cidr.ts';
import { PodSubnetDynamicIpam } from './pod-subnet-dynamic.ts';
import { StaticBlockIpam } from './static-block.ts';

export { CNI_NAMES, type CniName } from './cni.ts';
export type * from './ipam-model.ts';

/** The stateful IPAM model of a networking model, for one simulation. */
export function createIpam(cni: CniName, sim: Simulation, subnets: IpamSubnets, timing: IpamTiming, host: IpamHost): IpamModel {
  switch (cni) {
    case 'overlay':
    case 'kubenet':
      return new PodCidrIpam(cni, sim, subnets, timing, host);
    case 'node-subnet':
      return new NodeSubnetIpam(sim, subnets, timing, host);
    case 'pod-subnet-dynamic':
      return new PodSubnetDynamicIpam(sim, subnets, timing, host);
    case 'pod-subnet-static':
      return new StaticBlockIpam(sim, subnets, timing, host);
  }
}

/**
 * maxPods when a pool sets none (concepts-network-ip-address-planning): Overlay 250, kubenet 110, Node Subnet
 * 30; Pod Subnet is a CONFLICT (110 vs 250) passed in from `assumptions.podSubnetDefaultMaxPods`.
 */
export function defaultMaxPods(cni: CniName, podSubnetDefault: number): number {
  switch (cni) {
    case 'overlay':
      return DEFAULT_MAX_PODS_OVERLAY;
    case 'kubenet':
      return DEFAULT_MAX_PODS_KUBENET;
    case 'node-subnet':
      return DEFAULT_MAX_PODS_NODE_SUBNET;
    case 'pod-subnet-dynamic':
    case 'pod-subnet-static':
      return podSubnetDefault;
  }
}
