/**
 * AKS limits and networking-model constants shared by the closed-form planner and the simulator. Every value
 * comes from ../shared/reference/azure-networking.md with the source beside it; where the sources disagree the
 * scenario's `assumptions` section carries the choice instead.
 */

const PLANNING = 'https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning';
const QUOTAS = 'https://learn.microsoft.com/en-us/azure/aks/quotas-skus-regions';

// maxPods range 10..250 for every model. concepts-network-ip-address-planning
export const MAX_PODS_MIN = 10;
export const MAX_PODS_MAX = 250;
export const MAX_PODS_RULE = `maxPods is 10 to 250 per node (${PLANNING})`;
// maxPods 10 is allowed only if each pool has room for >= 30 pods. concepts-network-ip-address-planning
export const MIN_PODS_PER_POOL = 30;

// Per-model maxPods defaults. concepts-network-ip-address-planning; Pod Subnet is a CONFLICT (110 vs 250) and
// comes from assumptions.podSubnetDefaultMaxPods.
export const DEFAULT_MAX_PODS_OVERLAY = 250; // https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-overlay
export const DEFAULT_MAX_PODS_KUBENET = 110; // https://learn.microsoft.com/en-us/azure/aks/configure-kubenet
export const DEFAULT_MAX_PODS_NODE_SUBNET = 30; // https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni

// Cluster limits. https://learn.microsoft.com/en-us/azure/aks/quotas-skus-regions ; free-standard-pricing-tiers
export const MAX_NODES_PER_CLUSTER = { free: 1000, standard: 5000, premium: 5000 } as const;
export const MAX_NODES_PER_POOL = 1000;
export const MAX_POOLS_PER_CLUSTER = 100;
export const CLUSTER_LIMITS_SOURCE = QUOTAS;

// kubenet: "Azure supports a maximum of 400 routes in a UDR, so you can't have an AKS cluster larger than 400
// nodes" (200 for dual-stack). https://learn.microsoft.com/en-us/azure/aks/configure-kubenet
export const KUBENET_MAX_ROUTES = 400;
export const KUBENET_RULE = 'at most 400 routes per route table, one per node (https://learn.microsoft.com/en-us/azure/aks/configure-kubenet)';

// Overlay and kubenet: a fixed /24 per node from the pod CIDR. concepts-network-azure-cni-overlay
export const NODE_POD_CIDR_PREFIX = 24;
export const NODE_POD_CIDR_SIZE = 256;

// Pod Subnet dynamic: batches of 16, request when fewer than 8 free; target = 16 × ceil(0.5 + used/16),
// clamped at min(maxPods, 250); batch and buffer drop to 1 when the subnet is exhausted.
// https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-dynamic-ip-allocation ;
// https://github.com/Azure/azure-container-networking/blob/master/cns/ipampool/v2/monitor.go
export const DYNAMIC_BATCH_SIZE = 16;
export const DYNAMIC_MIN_FREE_FRACTION = 0.5;
export const DYNAMIC_MAX_IPS = 250;

// Pod Subnet static block: /28 blocks (16 IPs), ceil((maxPods + 1)/16) per node, 1 IP per node reserved.
// https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-static-block-allocation
export const STATIC_BLOCK_SIZE = 16;
export const STATIC_BLOCK_PREFIX = 28;
export const STATIC_BLOCK_MAX_SUBNET_PREFIX = 12;

/** Static-block /28 blocks a node takes: ceil((maxPods + 1) / 16). */
export function staticBlocksPerNode(maxPods: number): number {
  return Math.ceil((maxPods + 1) / STATIC_BLOCK_SIZE);
}

/** Dynamic Pod Subnet target allotment for `used` IPs: 16 × ceil(0.5 + used/16), clamped at min(maxPods, 250). */
export function dynamicTargetIps(used: number, maxPods: number, batch = DYNAMIC_BATCH_SIZE): number {
  const target = batch * Math.ceil(DYNAMIC_MIN_FREE_FRACTION + used / batch);
  return Math.min(target, maxPods, DYNAMIC_MAX_IPS);
}

// "Private IP addresses per virtual network | 65,536"; a static /28 block counts as one ("The block, rather than
// a single IP, counts against the Azure Vnet Private IP limit of 65K"). VNet limits include (azure-virtual-network-
// limits.md), https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/azure-subscription-service-limits ;
// https://learn.microsoft.com/en-us/dotnet/api/microsoft.azure.management.containerservice.models.podipallocationmode
export const VNET_MAX_PRIVATE_IPS = 65_536;
export const VNET_PRIVATE_IPS_RULE =
  'at most 65,536 private IPs per virtual network, a static /28 block counting as one (https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/azure-subscription-service-limits)';

// Dual-stack kubenet: "200 nodes for dual-stack kubenet" (configure-kubenet; reference §0 fact 8, §1.7). Each node
// needs one route per family in the 400-route table, hence 2 routes per node and 400 / 2 = 200 nodes.
// https://learn.microsoft.com/en-us/azure/aks/configure-kubenet ; https://learn.microsoft.com/en-us/azure/aks/configure-dual-stack
export const KUBENET_DUAL_STACK_MAX_NODES = 200;
export const KUBENET_ROUTES_PER_NODE_DUAL_STACK = 2;
export const KUBENET_DUAL_STACK_RULE =
  'a dual-stack kubenet cluster has at most 200 nodes: each node takes a route per family in a table of at most 400 (https://learn.microsoft.com/en-us/azure/aks/configure-kubenet)';
