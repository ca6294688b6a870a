import { blocksAsNumber, blocksIn, formatCidr6, type Cidr6 } from '../../net/cidr6.ts';
import { IdPool } from '../cluster/id-pool.ts';
import { growInt32 } from '../typed-grow.ts';

/** The IPv6 pod CIDR of a dual-stack Overlay or kubenet cluster and the block each node takes from it. */
export interface Ipv6PodCidrSpec {
  readonly cidr: Cidr6;
  /** Prefix of a node's block: /80 in Azure's examples (configure-dual-stack), UNCONFIRMED as a rule. */
  readonly blockPrefix: number;
}

/** IPv6 address use now and at its peak, for the IPv6 columns. */
export interface Ipv6Usage {
  /** Per-node blocks taken from the IPv6 pod CIDR. */
  readonly blocks: number;
  /** Node IPv6 addresses, one per node from its IPv6 subnet (a /64). */
  readonly nodeIps: number;
  /** Pods holding an IPv6 address from their node's block. */
  readonly podIps: number;
  readonly blocksPeak: number;
  readonly nodeIpsPeak: number;
  readonly podIpsPeak: number;
}

/**
 * The IPv6 half of a dual-stack node: a block from the IPv6 pod CIDR (lowest free first, like the IPv4 /24s) and
 * an IPv6 address from the node's /64 subnet. A /64 holds 2^64 − 5 addresses and a /80 block 2^48, far beyond any
 * cluster's nodes or a node's 250 pods, so only the pod CIDR's block count can run out. Counters are O(1) and
 * the per-node array grows by doubling: nothing is allocated per pod.
 */
export class Ipv6Blocks implements Ipv6Usage {
  /** Blocks the IPv6 pod CIDR holds (a /64 holds 65,536 /80s). */
  readonly capacity: number;
  private readonly spec: Ipv6PodCidrSpec;
  private readonly ids = new IdPool();
  private nodeBlock = new Int32Array(64).fill(-1);
  blocks = 0;
  nodeIps = 0;
  podIps = 0;
  blocksPeak = 0;
  nodeIpsPeak = 0;
  podIpsPeak = 0;

  constructor(spec: Ipv6PodCidrSpec) {
    this.spec = spec;
    this.capacity = blocksAsNumber(blocksIn(spec.cidr, spec.blockPrefix));
  }

  hasFreeBlock(): boolean {
    return this.blocks < this.capacity;
  }

  /** Why a node cannot join: the pod CIDR's blocks are all taken. */
  shortfall(): string {
    return `IPv6 pod CIDR ${formatCidr6(this.spec.cidr)} has all its ${this.capacity} /${this.spec.blockPrefix} node blocks taken; IPv6 pod CIDR expansion is not supported`;
  }

  /** The node takes a block and its IPv6 address. Call only when `hasFreeBlock()`. */
  join(node: number): void {
    if (node >= this.nodeBlock.length) {
      let n = this.nodeBlock.length;
      while (n <= node) n *= 2;
      this.nodeBlock = growInt32(this.nodeBlock, n, -1);
    }
    this.nodeBlock[node] = this.ids.acquire();
    this.blocks++;
    this.nodeIps++;
    if (this.blocks > this.blocksPeak) this.blocksPeak = this.blocks;
    if (this.nodeIps > this.nodeIpsPeak) this.nodeIpsPeak = this.nodeIps;
  }

  leave(node: number): void {
    const block = this.nodeBlock[node] ?? -1;
    if (block < 0) return;
    this.ids.release(block);
    this.nodeBlock[node] = -1;
    this.blocks--;
    this.nodeIps--;
  }

  /** Index of the node's block in the IPv6 pod CIDR, or -1. */
  blockOf(node: number): number {
    return this.nodeBlock[node] ?? -1;
  }

  /** Every pod with an IPv4 address has an IPv6 one: the count follows the IPv4 pod count. */
  setPodIps(count: number): void {
    this.podIps = count;
    if (count > this.podIpsPeak) this.podIpsPeak = count;
  }
}
