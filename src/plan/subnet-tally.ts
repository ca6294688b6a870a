import { STATIC_BLOCK_SIZE } from '../model/azure/limits.ts';
import type { CniName } from '../model/ipam/cni.ts';
import type { Cidr } from '../net/cidr.ts';

const PLANNING = 'https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning';

export interface PlanError {
  readonly code: string;
  readonly message: string;
  /** What ran out, as reported in `limitingFactor` when this error stops the node count growing. */
  readonly factor: LimitingFactor;
}

/** What can stop a cluster growing; `limitingFactor` in the plan's JSON. */
export type LimitingFactor =
  | 'node-subnet'
  | 'pod-subnet'
  | 'pod-cidr'
  | 'pod-cidr-ipv6'
  | 'kubenet-route-limit'
  | 'cluster-node-limit'
  | 'pool-node-limit'
  | 'vnet-private-ip-limit'
  | 'snat-ports'
  | 'overlay-pods-per-cluster'
  | 'none';

/** What the planned pools take from one subnet (addresses), built up pool by pool. */
export interface SubnetTally {
  readonly text: string;
  readonly path: string;
  readonly role: 'node' | 'pod';
  readonly cidr: Cidr;
  usable: number;
  /** Addresses other tenants (private endpoints, other VMs, gateways) use: `network.usedByOthers`. */
  readonly usedByOthers: number;
  /** Without surge: what the RP pre-allocates (node subnet) or the steady-state need. */
  base: number;
  surge: number;
  ilb: number;
  nodes: number;
  surgeNodes: number;
  readonly pools: number[];
}

/** Addresses the cluster can take from the subnet: usable less what other tenants use. */
export function availableIps(t: SubnetTally): number {
  return t.usable - t.usedByOthers;
}

/** The subnet's capacity failures, in Azure's wording where Azure has one. */
export function subnetErrors(cni: CniName, t: SubnetTally, errors: PlanError[]): void {
  const required = t.base + t.surge + t.ilb;
  const available = availableIps(t);
  const others = t.usedByOthers === 0 ? '' : `, after ${t.usedByOthers} used by other resources in the subnet`;
  if (t.role === 'node') {
    if (t.base > available) {
      // Azure's wording for a node subnet the RP cannot pre-allocate, https://github.com/Azure/AKS/issues/456
      errors.push({ code: 'InsufficientSubnetSize', message: `Pre-allocated IPs ${t.base} exceeds IPs available in Subnet ${available}`, factor: 'node-subnet' });
    } else if (required > available) {
      errors.push({
        code: 'SubnetFullDuringUpgrade',
        factor: 'node-subnet',
        message: `Subnet ${t.text} (${t.path}) needs ${required} IPs (${t.base} for ${t.nodes} nodes, ${t.surge} for ${t.surgeNodes} upgrade surge nodes, ${t.ilb} internal load balancer frontends) but has ${available} available${others} (${PLANNING})`,
      });
    }
    return;
  }
  if (required <= available) return;
  if (cni === 'pod-subnet-static') {
    errors.push({
      code: 'PodSubnetBlocksExhausted',
      factor: 'pod-subnet',
      message: `Pod subnet ${t.text} (${t.path}) has ${Math.floor(available / STATIC_BLOCK_SIZE)} aligned /28 blocks clear of the 5 reserved addresses${others} but ${t.nodes} nodes + ${t.surgeNodes} upgrade surge nodes need ${required / STATIC_BLOCK_SIZE} (ceil((maxPods + 1)/16) each, https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-static-block-allocation)`,
    });
  } else {
    errors.push({
      code: 'PodSubnetExhausted',
      factor: 'pod-subnet',
      message: `Pod subnet ${t.text} (${t.path}) needs ${required} IPs (${t.base} for ${t.nodes} nodes in batches of 16, ${t.surge} for ${t.surgeNodes} upgrade surge nodes) but has ${available} available${others}: pods stay Pending with "Failed to allocate address" (https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-dynamic-ip-allocation)`,
    });
  }
}
