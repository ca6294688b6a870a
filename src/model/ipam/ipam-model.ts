import type { Cidr } from '../../net/cidr.ts';
import type { Simulation } from '../../sim/simulation.ts';
import type { CniName } from './cni.ts';
import type { Ipv6PodCidrSpec, Ipv6Usage } from './ipv6-blocks.ts';

export type { Ipv6PodCidrSpec, Ipv6Usage } from './ipv6-blocks.ts';

/** Why something could not get an address: the causes the summary CSV reports in `exhaustion_cause`. */
export type ExhaustionCause =
  | 'node-subnet-full' // a node (or surge node) cannot get its VNet IP, or Node Subnet's up-front maxPods IPs
  | 'pod-subnet-full' // Pod Subnet (dynamic or static): no IPs / no /28 block left for a node or pod
  | 'pod-cidr-full' // Overlay / kubenet: no /24 left in the pod CIDR for a new node
  | 'pod-cidr-ipv6-full' // dual-stack Overlay / kubenet: no per-node block left in the IPv6 pod CIDR
  | 'kubenet-route-limit' // kubenet: 400 routes per route table (200 dual-stack)
  | 'overlay-pod-limit' // Overlay: the cluster already runs its most pods (assumptions.overlayMaxPodsPerCluster)
  | 'node-ip-limit' // a node has no free pod IP: every address it holds is in use or still being released
  | 'ip-batch-pending'; // Pod Subnet dynamic: the node's next batch of 16 has been requested but not yet arrived

/**
 * Whether the cause only makes a pod wait for its node's own addresses (the subnet or CIDR has not run out).
 * Two comparisons rather than a set: the ledger asks on every refused pod.
 */
export function isTransientCause(cause: ExhaustionCause): boolean {
  return cause === 'node-ip-limit' || cause === 'ip-batch-pending';
}

export type NodeJoinResult = { readonly kind: 'ok' } | { readonly kind: 'fail'; readonly cause: ExhaustionCause; readonly detail: string };

/** What the IPAM needs to know about a node being added. Subnet ids index `IpamSubnets.subnets`. */
export interface IpamNodeSpec {
  readonly poolIndex: number;
  readonly maxPods: number;
  readonly nodeSubnetId: number;
  /** Pod subnet id for the Pod Subnet models; -1 otherwise. */
  readonly podSubnetId: number;
}

/** The address spaces a cluster draws from. Pools sharing a subnet point at the same id. */
export interface IpamSubnets {
  readonly subnets: readonly Cidr[];
  /** Overlay and kubenet: the cluster pod CIDR the /24 per node blocks come from. */
  readonly podCidr: Cidr;
  /** Dual-stack Overlay and kubenet: the IPv6 pod CIDR and its per-node block; absent or null for IPv4 only. */
  readonly podCidrIpv6?: Ipv6PodCidrSpec | null;
  /** Internal load balancer frontend IPs taken from each node subnet id at start (usually only the first). */
  readonly internalLbFrontendsBySubnet: readonly number[];
  /** Addresses other resources (private endpoints, other VMs) hold in each subnet id; absent means none. */
  readonly usedByOthersBySubnet?: readonly number[];
  /** Overlay: pods the cluster runs at most (assumptions.overlayMaxPodsPerCluster, a CONFLICT); absent = no cap. */
  readonly overlayMaxPodsPerCluster?: number;
}

/** Timing of the IPAM control plane. */
export interface IpamTiming {
  /** Pod Subnet dynamic: time from a node's batch request until the IPs are usable (NNC round trip). */
  readonly batchAllocationDelayNs: number;
  /** Time from a pod's deletion until its IP returns to the node's free list. */
  readonly podIpReleaseDelayNs: number;
}

/** Callbacks from the IPAM into the cluster model. */
export interface IpamHost {
  /** New pod IPs became available on the node (a batch arrived, or an IP was released): retry pending pods. */
  podIpsAvailable(nodeId: number): void;
}

/**
 * A stateful IPAM model for one networking model. One instance per simulation; node ids are small integers
 * chosen by the cluster model (reused after removal). Implementations keep state in typed arrays indexed by
 * node id and schedule their own latency events on the simulation.
 */
export interface IpamModel {
  readonly cni: CniName;
  /** Reserves what the node needs to join (its VNet IP, up-front pod IPs or blocks, its /24). */
  addNode(nodeId: number, spec: IpamNodeSpec): NodeJoinResult;
  /** Releases everything the node holds. Its pods must already have been stopped. */
  removeNode(nodeId: number): void;
  /**
   * A pod scheduled on the node needs an IP. Returns 'ok' if one was assigned now; otherwise the cause, and the
   * cluster keeps the pod pending until `podIpsAvailable(nodeId)` is called.
   */
  assignPodIp(nodeId: number): 'ok' | ExhaustionCause;
  /**
   * `count` pods on the node need an address: assigns as many as the node has free now, as one group, and
   * returns how many. The others wait until `podIpsAvailable(nodeId)`; `waitCause` says why.
   */
  assignPodIps(nodeId: number, count: number): number;
  /** Why a pod on the node gets no address now. */
  waitCause(nodeId: number): ExhaustionCause;
  /** The pod stopped; its IP is released after the release delay. */
  releasePodIp(nodeId: number): void;
  /** VNet IPs reserved for the cluster now: node IPs, pod IPs and blocks held by nodes, ILB frontends. */
  vnetIpsAllocated(): number;
  /** VNet IPs actually bound to a node or a running pod now (pods in overlay/kubenet use no VNet IP). */
  vnetIpsUsed(): number;
  /** /24 blocks taken from the pod CIDR (Overlay, kubenet); 0 for the others. */
  podCidrBlocksAllocated(): number;
  /** First address of the node's /24 from the pod CIDR (Overlay, kubenet), or -1 (flat models). */
  nodePodCidrBase(nodeId: number): number;
  /** IPv6 blocks and addresses now and at their peaks (dual-stack Overlay, kubenet); null for IPv4 only. */
  ipv6Usage(): Ipv6Usage | null;
}

export type IpamFactory = (
  sim: Simulation,
  subnets: IpamSubnets,
  timing: IpamTiming,
  host: IpamHost,
) => IpamModel;
