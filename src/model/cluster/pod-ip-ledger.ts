import type { Simulation } from '../../sim/simulation.ts';
import type { TraceBus } from '../../sim/trace.ts';
import { isTransientCause, type IpamModel } from '../ipam/ipam-model.ts';
import { growInt32 } from '../typed-grow.ts';
import type { PodIpFailedEvent } from './cluster-view.ts';
import { bump } from './bump.ts';

/** Addresses at their most, over the run. */
export interface IpPeaks {
  vnetIpsAllocated: number;
  vnetIpsUsed: number;
  podCidrBlocks: number;
}

/**
 * The IPAM's view of the cluster: pods bound to a node that wait for an address, how each such pod is
 * classified, and the address peaks.
 *
 * Pods are counts per (deployment, node), so a node's waiting pods are tried as one group whenever its
 * addresses change (a batch arrives, an address is released), never one event per pod.
 *
 * Each pod that waits is counted once, by its final outcome. It is a failure (`podsFailedIp`) if it never got
 * an address (deleted while waiting, or still waiting at the end) and the last answer its node's IPAM gave was
 * not transient: the subnet, pod subnet or pod CIDR had no address left for it ("Failed to allocate address").
 * Otherwise it is a wait (`podsWaitedIp`): it got its address in the end, or only its node's own batch in
 * flight or addresses still being released held it up. A node's waiting pods are re-classified whenever its
 * IPAM is asked again, so a pod that first saw "batch pending" and then a full subnet counts as failed, and a
 * failed pod that later gets an address returned by another node counts as a wait.
 *
 * The `pod-ip-failed` event marks the moment pods are first found without an address (the first one is the
 * summary's first exhaustion); the counts are the final classification.
 */
export class PodIpLedger {
  /** Pods waiting for an address, per deployment group and node. */
  private waiting: Int32Array[];
  /** Waiting pods on each node, all groups, and how many of them are already counted as failed (oldest first). */
  private waitingOn = new Int32Array(64);
  private failedOn = new Int32Array(64);
  private waitingTotal = 0;
  private entered = 0;
  private failed = 0;
  readonly peaks: IpPeaks = { vnetIpsAllocated: 0, vnetIpsUsed: 0, podCidrBlocks: 0 };

  constructor(
    private readonly sim: Simulation,
    private readonly ipam: IpamModel,
    private readonly events: TraceBus<PodIpFailedEvent>,
    groups: number,
  ) {
    this.waiting = Array.from({ length: groups }, () => new Int32Array(64));
  }

  /** Pods waiting for an address now. */
  get podsWaiting(): number {
    return this.waitingTotal;
  }
  /** Pods that waited for an address and got one, or waited only for their node's own addresses. */
  get podsWaitedIp(): number {
    return this.entered - this.failed;
  }
  /** Pods that never got an address because their subnet or pod CIDR had none left for them. */
  get podsFailedIp(): number {
    return this.failed;
  }

  waitingOf(group: number, node: number): number {
    return (this.waiting[group] as Int32Array)[node] as number;
  }
  /** Pods of every group waiting on the node. */
  podsWaitingOn(node: number): number {
    return this.waitingOn[node] as number;
  }

  /** `count` pods of the group were just bound to the node: those that get an address now are returned, the rest wait. */
  bind(group: number, node: number, count: number): number {
    const got = this.ipam.assignPodIps(node, count);
    if (got > 0) this.observe();
    const wait = count - got;
    if (wait > 0) {
      bump(this.waiting[group] as Int32Array, node, wait);
      bump(this.waitingOn, node, wait);
      this.waitingTotal += wait;
      this.entered += wait;
      this.classify(node);
    }
    return got;
  }

  /** Gives as many of the group's waiting pods on the node an address as its IPAM can now; returns how many. */
  take(group: number, node: number): number {
    const want = this.waitingOf(group, node);
    if (want === 0) return 0;
    const got = this.ipam.assignPodIps(node, want);
    if (got > 0) {
      // Those counted as failed are the oldest and take the addresses first: in the end they got one, and they
      // are no longer among the node's failed waiting pods.
      const rescued = Math.min(got, this.failedOn[node] as number);
      this.failed -= rescued;
      bump(this.failedOn, node, -rescued);
      this.leave(group, node, got);
      this.observe();
    }
    return got;
  }

  /** Removes up to `count` waiting pods of the group from the node (deleted or evicted); returns how many. */
  remove(group: number, node: number, count: number): number {
    const n = Math.min(count, this.waitingOf(group, node));
    if (n > 0) this.leave(group, node, n);
    return n;
  }

  /** A pod with an address stopped: the address returns to the node after the release delay. */
  release(node: number): void {
    this.ipam.releasePodIp(node);
  }

  /**
   * Asks the node's IPAM why its pods still wait. If the subnet or pod CIDR has run out, the pods not yet counted
   * as failed are moved to the failures, published once as a group.
   */
  classify(node: number): void {
    const waiting = this.waitingOn[node] as number;
    const fresh = waiting - (this.failedOn[node] as number);
    if (fresh <= 0) return;
    const cause = this.ipam.waitCause(node);
    if (isTransientCause(cause)) return;
    this.failedOn[node] = waiting;
    this.failed += fresh;
    this.events.emit({ kind: 'pod-ip-failed', timeNs: this.sim.now, nodeId: node, cause, pods: fresh });
  }

  /** Updates the IP peaks; the IPAM models keep O(1) counters, so this is cheap enough to call on every change. */
  observe(): void {
    const p = this.peaks;
    const allocated = this.ipam.vnetIpsAllocated();
    const used = this.ipam.vnetIpsUsed();
    const blocks = this.ipam.podCidrBlocksAllocated();
    if (allocated > p.vnetIpsAllocated) p.vnetIpsAllocated = allocated;
    if (used > p.vnetIpsUsed) p.vnetIpsUsed = used;
    if (blocks > p.podCidrBlocks) p.podCidrBlocks = blocks;
  }

  ensureCapacity(nodes: number): void {
    if (nodes <= this.waitingOn.length) return;
    const size = Math.max(nodes, this.waitingOn.length * 2);
    this.waiting = this.waiting.map((a) => growInt32(a, size));
    this.waitingOn = growInt32(this.waitingOn, size);
    this.failedOn = growInt32(this.failedOn, size);
  }

  /**
   * Pods leave the wait. Those given an address leave oldest first (`take` has already moved the failed ones among
   * them out of failedOn); those removed (deleted, evicted) leave newest first, as a ReplicaSet scaling down
   * deletes its newest pending pods first, so the pods counted as failed stay counted until none other is left.
   */
  private leave(group: number, node: number, n: number): void {
    bump(this.waiting[group] as Int32Array, node, -n);
    bump(this.waitingOn, node, -n);
    this.waitingTotal -= n;
    const left = this.waitingOn[node] as number;
    if ((this.failedOn[node] as number) > left) this.failedOn[node] = left;
  }
}
