import type { Cidr } from '../../net/cidr.ts';
import { formatCidr } from '../../net/cidr.ts';
import { KUBENET_MAX_ROUTES, KUBENET_ROUTES_PER_NODE_DUAL_STACK, NODE_POD_CIDR_PREFIX, NODE_POD_CIDR_SIZE } from '../azure/limits.ts';
import { IdPool } from '../cluster/id-pool.ts';
import type { ExhaustionCause, IpamNodeSpec, Ipv6Usage, NodeJoinResult } from './ipam-model.ts';
import { IpamBase } from './ipam-base.ts';
import { Ipv6Blocks } from './ipv6-blocks.ts';

/**
 * Pod addresses a node can hand out from its /24. Kubernetes' host-local IPAM skips the network address and
 * the gateway (.1) and never reaches maxPods ≤ 250, so the exact figure only matters while stopped pods' IPs
 * are being released. A modelling choice, not an Azure constant.
 */
const POD_IPS_PER_NODE_BLOCK = NODE_POD_CIDR_SIZE - 2;

/** How many /24s a pod CIDR holds: a /16 holds 256 (AKS issue 4367). */
export function nodeBlocksInPodCidr(podCidr: Cidr): number {
  return podCidr.prefix > NODE_POD_CIDR_PREFIX ? 0 : 2 ** (NODE_POD_CIDR_PREFIX - podCidr.prefix);
}

/**
 * Overlay and kubenet: a node takes one VNet IP, and a fixed /24 from the pod CIDR for its pods ("Each node is
 * assigned a /24 address space carved out from the same CIDR", concepts-network-azure-cni-overlay; kubenet
 * likewise, configure-kubenet). Pods take no VNet addresses. kubenet also needs one route per node in a route
 * table that holds at most 400 (configure-kubenet).
 *
 * Dual-stack (a `podCidrIpv6` given): a node also takes a block from the IPv6 pod CIDR and an IPv6 address, and
 * every pod an IPv6 address beside its IPv4 one (configure-dual-stack); a kubenet node takes a route per family.
 */
export class PodCidrIpam extends IpamBase {
  readonly cni: 'overlay' | 'kubenet';
  protected readonly podsUseVnetIps = false;
  private readonly podCidr: Cidr;
  private readonly blockCapacity: number;
  private readonly blockIds = new IdPool();
  private blocksTaken = 0;
  private routes = 0;
  private readonly ipv6: Ipv6Blocks | null;
  private readonly routesPerNode: number;
  /** Overlay's pods-per-cluster cap, and the nodes whose pods it refused (retried when a pod stops). */
  private readonly maxPodsPerCluster: number;
  private readonly capped: number[] = [];
  private retryScheduled = false;
  private readonly hCapRetry: number;

  constructor(cni: 'overlay' | 'kubenet', ...base: ConstructorParameters<typeof IpamBase>) {
    super(...base);
    this.cni = cni;
    this.podCidr = base[1].podCidr;
    this.blockCapacity = nodeBlocksInPodCidr(this.podCidr);
    const v6 = base[1].podCidrIpv6;
    this.ipv6 = v6 === undefined || v6 === null ? null : new Ipv6Blocks(v6);
    this.routesPerNode = this.ipv6 === null ? 1 : KUBENET_ROUTES_PER_NODE_DUAL_STACK;
    this.maxPodsPerCluster = cni === 'overlay' ? (base[1].overlayMaxPodsPerCluster ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
    this.hCapRetry = base[0].register('ipam-overlay-pod-cap', () => this.retryCapped());
  }

  // "200,000 pods per AKS cluster (with Azure CNI Overlay)" (best-practices-performance-scale-large) vs 250,000
  // (plan-pod-networking): a CONFLICT, so the cap is assumptions.overlayMaxPodsPerCluster.
  // The cluster model binds pods in batches (assignPodIps), and assignPodIp goes through it: the cap is applied here.
  override assignPodIps(node: number, count: number): number {
    const room = Math.max(0, this.maxPodsPerCluster - this.podIpsBound);
    if (count > room && !this.capped.includes(node)) this.capped.push(node);
    return room === 0 ? 0 : super.assignPodIps(node, Math.min(count, room));
  }

  protected override noIpCause(node: number): ExhaustionCause {
    return this.podIpsBound >= this.maxPodsPerCluster ? 'overlay-pod-limit' : super.noIpCause(node);
  }

  override releasePodIp(node: number): void {
    super.releasePodIp(node);
    // A pod stopped, so the cluster is under its cap again: retry the refused nodes once the caller is done.
    if (this.capped.length > 0 && !this.retryScheduled) {
      this.retryScheduled = true;
      this.sim.schedule(0, this.hCapRetry);
    }
  }

  private retryCapped(): void {
    this.retryScheduled = false;
    for (const node of this.capped.splice(0)) this.host.podIpsAvailable(node);
  }

  protected join(node: number, _spec: IpamNodeSpec): NodeJoinResult {
    if (this.cni === 'kubenet' && this.routes + this.routesPerNode > KUBENET_MAX_ROUTES) {
      const perNode = this.routesPerNode === 1 ? '' : ` (a dual-stack node needs ${this.routesPerNode}, one per family)`;
      return {
        kind: 'fail',
        cause: 'kubenet-route-limit',
        detail: `route table already has ${this.routes} routes${perNode}; Azure supports at most ${KUBENET_MAX_ROUTES} per UDR table`,
      };
    }
    if (this.blocksTaken >= this.blockCapacity) {
      const pre = (this.blocksTaken + 1) * NODE_POD_CIDR_SIZE;
      return {
        kind: 'fail',
        cause: 'pod-cidr-full',
        detail: `Pre-allocated IPs ${pre} exceeds IPs available ${this.blockCapacity * NODE_POD_CIDR_SIZE} in Subnet Cidr ${formatCidr(this.podCidr)}, Subnet Name networkProfile.podCIDR`,
      };
    }
    if (this.ipv6 !== null && !this.ipv6.hasFreeBlock()) return { kind: 'fail', cause: 'pod-cidr-ipv6-full', detail: this.ipv6.shortfall() };
    const r = this.takeNodeIp(node, 0);
    if (r.kind === 'fail') return r;
    this.ipv6?.join(node);
    const block = this.blockIds.acquire();
    this.nodes.block[node] = block;
    this.nodes.capacity[node] = POD_IPS_PER_NODE_BLOCK;
    this.blocksTaken++;
    if (this.cni === 'kubenet') this.routes += this.routesPerNode;
    return r;
  }

  protected leave(node: number): void {
    const block = this.nodes.get(this.nodes.block, node);
    if (block >= 0) this.blockIds.release(block);
    this.nodes.block[node] = -1;
    this.blocksTaken--;
    if (this.cni === 'kubenet') this.routes -= this.routesPerNode;
    this.ipv6?.leave(node);
    this.giveNodeIp(node, 0);
  }

  protected override usageChanged(_node: number): boolean {
    this.ipv6?.setPodIps(this.podIpsBound);
    return false;
  }

  override ipv6Usage(): Ipv6Usage | null {
    this.ipv6?.setPodIps(this.podIpsBound);
    return this.ipv6;
  }

  override podCidrBlocksAllocated(): number {
    return this.blocksTaken;
  }

  override nodePodCidrBase(node: number): number {
    const block = this.nodes.live[node] === 1 ? this.nodes.get(this.nodes.block, node) : -1;
    return block < 0 ? -1 : (this.podCidr.base + block * NODE_POD_CIDR_SIZE) >>> 0;
  }
}
