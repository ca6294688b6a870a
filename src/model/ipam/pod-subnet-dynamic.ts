import { DYNAMIC_BATCH_SIZE, DYNAMIC_MIN_FREE_FRACTION, dynamicTargetIps } from '../azure/limits.ts';
import type { ExhaustionCause, IpamNodeSpec, IpamSubnets, IpamTiming, IpamHost, NodeJoinResult } from './ipam-model.ts';
import { IpamBase } from './ipam-base.ts';
import type { Simulation } from '../../sim/simulation.ts';

// Maximum free fraction: a node gives addresses back when more than 1.5 batches are free.
// https://github.com/Azure/azure-container-networking/blob/master/docs/feature/ipammath/1-ipam-math.md
const MAX_FREE_FRACTION = 1.5;
/** Packs (epoch, count) into one event argument; a batch never exceeds 250 addresses. */
const COUNT_RADIX = 1024;

/**
 * Azure CNI Pod Subnet, dynamic IP allocation: the node's IP comes from the node subnet; pod addresses come
 * from the pod subnet in batches. A node holds a target of 16 × ceil(0.5 + used/16) addresses, clamped at
 * min(maxPods, 250): it asks for 16 at start and another 16 whenever fewer than 8 are free, and gives back
 * down to the target when more than 24 are free. When the subnet cannot supply a full batch, batch and buffer
 * drop to 1. Requested addresses arrive after the batch allocation delay (the NodeNetworkConfig round trip).
 * https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-dynamic-ip-allocation ;
 * https://github.com/Azure/azure-container-networking/blob/master/cns/ipampool/v2/monitor.go
 */
export class PodSubnetDynamicIpam extends IpamBase {
  readonly cni = 'pod-subnet-dynamic' as const;
  protected readonly podsUseVnetIps = true;
  private readonly hArrived: number;
  /** Nodes that asked for more than their subnet had, retried in id order when addresses come back. */
  private starved = new Uint8Array(64);
  /** No node below this id is starved: where the retry scan starts. */
  private starvedLow = 0;

  constructor(sim: Simulation, subnets: IpamSubnets, timing: IpamTiming, host: IpamHost) {
    super(sim, subnets, timing, host);
    this.hArrived = sim.register('ipam-batch-arrived', (_s, node, packed) => this.onArrived(node, packed));
  }

  protected join(node: number, spec: IpamNodeSpec): NodeJoinResult {
    if (this.pools[spec.podSubnetId] === undefined) throw new Error(`node ${node}: unknown pod subnet`);
    const r = this.takeNodeIp(node, 0);
    if (r.kind === 'fail') return r;
    this.resize(node);
    return r;
  }

  protected leave(node: number): void {
    const t = this.nodes;
    const held = t.get(t.held, node);
    this.pools[t.get(t.podSubnet, node)]?.give(held);
    this.podIpsHeld -= held;
    t.held[node] = 0;
    t.capacity[node] = 0;
    t.inFlight[node] = 0;
    if (node < this.starved.length) this.starved[node] = 0;
    this.giveNodeIp(node, 0);
    if (held > 0) this.retryStarved(t.get(t.podSubnet, node));
  }

  protected override noIpCause(node: number): ExhaustionCause {
    const t = this.nodes;
    if (t.get(t.used, node) + t.get(t.releasing, node) >= t.get(t.maxPods, node)) return 'node-ip-limit';
    const pool = this.pools[t.get(t.podSubnet, node)];
    if (t.get(t.inFlight, node) === 0 && (pool === undefined || pool.free === 0)) return 'pod-subnet-full';
    return 'ip-batch-pending';
  }

  protected override usageChanged(node: number): boolean {
    return this.resize(node);
  }

  /**
   * Requests up to the target, or gives back down to it when too many are free; returns whether it did either.
   * Called after every address a node binds or releases: it reads the node's counters straight from the typed
   * arrays (a live node's id is within them) and builds nothing.
   */
  private resize(node: number): boolean {
    const t = this.nodes;
    if (t.live[node] !== 1) return false;
    const podSubnet = t.podSubnet[node] as number;
    const pool = this.pools[podSubnet];
    if (pool === undefined) return false;
    const batch = pool.free < DYNAMIC_BATCH_SIZE ? 1 : DYNAMIC_BATCH_SIZE;
    const inUse = (t.used[node] as number) + (t.releasing[node] as number);
    const target = dynamicTargetIps(inUse, t.maxPods[node] as number, batch);
    const held = t.held[node] as number;
    if (target > held) {
      const got = pool.takeUpTo(target - held);
      this.markStarved(node, got < target - held);
      if (got === 0) return false;
      t.held[node] = held + got;
      t.add(t.inFlight, node, got);
      this.podIpsHeld += got;
      this.sim.schedule(this.timing.batchAllocationDelayNs, this.hArrived, node, (t.epoch[node] as number) * COUNT_RADIX + got);
      return true;
    }
    // Give back only arrived, unbound addresses, and only past the maximum free level.
    const free = (t.capacity[node] as number) - inUse;
    const maxFree = Math.max(1, Math.floor(MAX_FREE_FRACTION * batch));
    if (free > maxFree && target < held) {
      const excess = Math.min(free, held - target);
      t.held[node] = held - excess;
      t.add(t.capacity, node, -excess);
      this.podIpsHeld -= excess;
      pool.give(excess);
      this.retryStarved(podSubnet);
      return true;
    }
    return false;
  }

  private onArrived(node: number, packed: number): void {
    const t = this.nodes;
    const epoch = Math.floor(packed / COUNT_RADIX);
    const got = packed - epoch * COUNT_RADIX;
    if (t.live[node] !== 1 || t.epoch[node] !== epoch) return;
    t.add(t.inFlight, node, -got);
    t.add(t.capacity, node, got);
    this.host.podIpsAvailable(node);
  }

  private markStarved(node: number, starved: boolean): void {
    if (node >= this.starved.length) {
      const bigger = new Uint8Array(Math.max(node + 1, this.starved.length * 2));
      bigger.set(this.starved);
      this.starved = bigger;
    }
    this.starved[node] = starved ? 1 : 0;
    if (starved && node < this.starvedLow) this.starvedLow = node;
  }

  /** Addresses came back to a pod subnet: let starved nodes on it ask again, lowest id first. */
  private retryStarved(podSubnet: number): void {
    const t = this.nodes;
    const pool = this.pools[podSubnet];
    if (pool === undefined) return;
    // Stops once the subnet is empty again: a starved node asked now would get nothing, and it asks again on its
    // own next change. Without the stop, every address given back cost a pass over every node.
    while (this.starvedLow < this.starved.length && this.starved[this.starvedLow] === 0) this.starvedLow++;
    for (let n = this.starvedLow; n < this.starved.length && pool.free > 0; n++) {
      if (this.starved[n] === 1 && t.live[n] === 1 && t.podSubnet[n] === podSubnet) this.resize(n);
    }
  }
}

/** The minimum free level, exported for tests: 0.5 × 16 = 8. */
export const DYNAMIC_MIN_FREE = DYNAMIC_MIN_FREE_FRACTION * DYNAMIC_BATCH_SIZE;
