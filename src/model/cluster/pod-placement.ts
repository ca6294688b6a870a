import type { RngStream } from '../../sim/rng.ts';
import type { Simulation } from '../../sim/simulation.ts';
import type { TraceBus } from '../../sim/trace.ts';
import { growInt32 } from '../typed-grow.ts';
import { NodeState, type ClusterNodes } from './cluster-nodes.ts';
import type { PodEvent } from './cluster-view.ts';
import { LoadIndex } from './load-index.ts';
import { bump } from './bump.ts';
import type { PodIpLedger } from './pod-ip-ledger.ts';

/** What the placement needs to know of the cluster's configuration. */
export interface PlacementConfig {
  /** Per pool: pods per node. */
  readonly maxPodsOf: readonly number[];
  /** Per deployment: pools whose nodes may run its pods (a nodeSelector), in preference order. */
  readonly poolsOf: readonly (readonly number[])[];
  /** Per group (deployments, then DaemonSets): container start time. */
  readonly startNsOf: readonly number[];
  readonly daemonsetPodsPerNode: number;
}

// AKS caps maxPods at 250 (concepts-network-ip-address-planning); used to size the scheduler's buckets.
export const MAX_PODS_LIMIT = 250;
/** Packs (epoch, group, count) into one event argument (a node never starts 1,024 pods at once); see onStarted. */
const COUNT_RADIX = 1024;

/**
 * Pods and the scheduler. Pods are counts per (deployment, node) and state: unscheduled (no node has room:
 * the autoscaler's signal), waiting for an IP (kept by the PodIpLedger), starting, running. DaemonSet pods are
 * the last group and follow their node. The scheduler spreads pods to the least-loaded node, as Kubernetes'
 * default LeastAllocated scoring does.
 *
 * Pods bound to the same node in the same instant start as one group: one start event per (node, group),
 * not one per pod.
 */
export class PodPlacement {
  readonly unscheduled: Int32Array;
  readonly index: LoadIndex;
  private readonly groups: number;
  private readonly dsGroup: number;
  private starting: Int32Array[];
  private running: Int32Array[];
  private bound = new Int32Array(64);
  private runningOn = new Int32Array(64);
  private readonly desired: Int32Array;
  private readonly churnCursor: Int32Array;
  /** Pods of each group bound to a node (waiting for an IP, starting or running), and running. */
  private readonly groupBound: Int32Array;
  private readonly groupRunning: Int32Array;
  private startingTotal = 0;
  private runningTotal = 0;
  /** Nodes given pods in the current scheduling pass, and how many started, flushed as one start per node. */
  private batchCount = new Int32Array(64);
  private batchNodes = new Int32Array(64);
  private batchLength = 0;
  private readonly hStarted: number;
  peakRunning = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly config: PlacementConfig,
    private readonly nodes: ClusterNodes,
    private readonly ips: PodIpLedger,
    private readonly events: TraceBus<PodEvent>,
  ) {
    this.groups = config.poolsOf.length + 1;
    this.dsGroup = config.poolsOf.length;
    this.index = new LoadIndex(config.maxPodsOf, MAX_PODS_LIMIT, 64);
    this.starting = Array.from({ length: this.groups }, () => new Int32Array(64));
    this.running = Array.from({ length: this.groups }, () => new Int32Array(64));
    this.unscheduled = new Int32Array(this.groups);
    this.desired = new Int32Array(this.groups);
    this.churnCursor = new Int32Array(this.groups);
    this.groupBound = new Int32Array(this.groups);
    this.groupRunning = new Int32Array(this.groups);
    this.hStarted = sim.register('pod-started', (_s, node, code) => this.onStarted(node, code));
  }

  runningPods(node: number): number {
    return this.runningOn[node] as number;
  }
  runningPodCount(): number {
    return this.runningTotal;
  }
  desiredReplicas(group: number): number {
    return this.desired[group] as number;
  }
  /** Pods that are not running: unscheduled, waiting for an IP, or starting. */
  podsPending(): number {
    let unscheduled = 0;
    for (let g = 0; g < this.dsGroup; g++) unscheduled += this.unscheduled[g] as number;
    return unscheduled + this.ips.podsWaiting + this.startingTotal;
  }
  /** Pods bound to the node, not counting its DaemonSet pods. */
  workloadPodsOn(node: number): number {
    return (this.bound[node] as number) - this.podsOf(this.dsGroup, node);
  }

  /** A node became Ready: its DaemonSet pods bind and it becomes a candidate (the caller then schedules). */
  nodeReady(node: number): void {
    const ds = this.config.daemonsetPodsPerNode;
    if (ds > 0) {
      this.addBound(this.dsGroup, node, ds);
      this.startPods(this.dsGroup, node, this.ips.bind(this.dsGroup, node, ds));
    }
    this.index.insert(node, this.nodes.pool(node), this.bound[node] as number);
  }

  /** Removes the node from the scheduler's candidates. */
  cordon(node: number): void {
    this.index.remove(node);
  }

  /** Evicts the node's workload pods; they go back to the unscheduled queue (the caller reschedules). */
  evictWorkload(node: number): void {
    for (let g = 0; g < this.dsGroup; g++) bump(this.unscheduled, g, this.removeAll(g, node));
  }

  /** Removes the node's DaemonSet pods (its drain finished). */
  removeDaemonsets(node: number): void {
    this.removeAll(this.dsGroup, node);
  }

  /** New addresses on the node: its waiting pods take them, group by group, and start. */
  podIpsAvailable(node: number): void {
    for (let g = 0; g < this.groups; g++) {
      if (this.ips.waitingOf(g, node) === 0) continue;
      const got = this.ips.take(g, node);
      this.startPods(g, node, got);
      if (this.ips.waitingOf(g, node) > 0) break;
    }
    this.ips.classify(node);
  }

  /** Sets a deployment's replica count: new pods are scheduled, surplus pods deleted (unscheduled ones first). */
  setReplicas(group: number, replicas: number): void {
    this.desired[group] = replicas;
    const have = (this.unscheduled[group] as number) + (this.groupBound[group] as number);
    if (replicas > have) {
      bump(this.unscheduled, group, replicas - have);
      this.schedulePending();
      return;
    }
    let surplus = have - replicas;
    const fromQueue = Math.min(surplus, this.unscheduled[group] as number);
    bump(this.unscheduled, group, -fromQueue);
    surplus -= fromQueue;
    // ReplicaSet scale-down deletes not-ready pods before ready ones, and spreads deletions over nodes: a cursor
    // walks node ids round-robin, one pod per node per visit, until a full lap removes nothing.
    const limit = this.nodes.limit;
    for (let pass = 0; pass < 2 && surplus > 0; pass++) {
      let cursor = this.churnCursor[group] as number;
      let sinceRemoval = 0;
      while (surplus > 0 && sinceRemoval < limit) {
        if (cursor >= limit) cursor = 0;
        const removed = this.nodes.state(cursor) !== NodeState.Free && (pass === 0 ? this.removeNotReady(group, cursor) : this.removeOne(group, cursor));
        if (removed) {
          surplus--;
          sinceRemoval = 0;
        } else {
          sinceRemoval++;
        }
        cursor++;
      }
      this.churnCursor[group] = cursor;
    }
  }

  /**
   * Replaces one running pod of the deployment (a restart, eviction or rollout step). The victim's node is drawn
   * in proportion to its running pods of that deployment: by rejection sampling over node ids when the pods are
   * spread widely, by a weighted walk when they are few. Returns false if the deployment has no running pod.
   */
  restartPod(group: number, rng: RngStream): boolean {
    const total = this.groupRunning[group] as number;
    const limit = this.nodes.limit;
    if (total === 0) return false;
    const running = this.running[group] as Int32Array;
    let victim = -1;
    if (total * 8 >= limit) {
      while (victim < 0) {
        const node = rng.int(limit);
        if (rng.uniform() * MAX_PODS_LIMIT < (running[node] as number)) victim = node;
      }
    } else {
      let k = rng.int(total);
      for (let node = 0; node < limit; node++) {
        k -= running[node] as number;
        if (k < 0) {
          victim = node;
          break;
        }
      }
    }
    this.removeRunning(group, victim);
    bump(this.unscheduled, group, 1);
    this.schedulePending();
    return true;
  }

  /** Binds as many unscheduled pods as fit, each on the least-loaded eligible node. */
  schedulePending(): void {
    for (let g = 0; g < this.dsGroup; g++) {
      let waiting = this.unscheduled[g] as number;
      if (waiting === 0) continue;
      const pools = this.config.poolsOf[g] as readonly number[];
      while (waiting > 0 && this.index.nodesWithRoom > 0) {
        let best = -1;
        let bestLoad = MAX_PODS_LIMIT + 1;
        for (const p of pools) {
          const node = this.index.least(p);
          if (node >= 0) {
            const load = this.index.loadOf(node);
            if (load < bestLoad) {
              best = node;
              bestLoad = load;
            }
          }
        }
        if (best < 0) break;
        this.addBound(g, best, 1);
        if (this.ips.bind(g, best, 1) === 1) this.batchStart(best);
        waiting--;
      }
      this.unscheduled[g] = waiting;
      this.flushStarts(g);
    }
  }

  ensureCapacity(nodes: number): void {
    if (nodes <= this.bound.length) return;
    const size = Math.max(nodes, this.bound.length * 2);
    this.starting = this.starting.map((a) => growInt32(a, size));
    this.running = this.running.map((a) => growInt32(a, size));
    this.bound = growInt32(this.bound, size);
    this.runningOn = growInt32(this.runningOn, size);
    this.batchCount = growInt32(this.batchCount, size);
    this.batchNodes = growInt32(this.batchNodes, size);
    this.index.ensureCapacity(size);
  }

  private addBound(group: number, node: number, n: number): void {
    bump(this.bound, node, n);
    bump(this.groupBound, group, n);
    this.index.update(node, this.bound[node] as number);
  }

  private batchStart(node: number): void {
    if ((this.batchCount[node] as number) === 0) this.batchNodes[this.batchLength++] = node;
    bump(this.batchCount, node, 1);
  }

  /** Starts the pods the scheduling pass gave an address, one group per node, in the order nodes were first given one. */
  private flushStarts(group: number): void {
    for (let i = 0; i < this.batchLength; i++) {
      const node = this.batchNodes[i] as number;
      this.startPods(group, node, this.batchCount[node] as number);
      this.batchCount[node] = 0;
    }
    this.batchLength = 0;
  }

  private startPods(group: number, node: number, n: number): void {
    if (n <= 0) return;
    bump(this.starting[group] as Int32Array, node, n);
    this.startingTotal += n;
    const code = (this.nodes.epoch(node) * this.groups + group) * COUNT_RADIX + n;
    this.sim.schedule(this.config.startNsOf[group] as number, this.hStarted, node, code);
  }

  private onStarted(node: number, code: number): void {
    // Floored division, exact for these integers: event arguments are doubles, and % on doubles is a library call.
    const rest = Math.floor(code / COUNT_RADIX);
    const n0 = code - rest * COUNT_RADIX;
    const epoch = Math.floor(rest / this.groups);
    const group = rest - epoch * this.groups;
    if (this.nodes.epoch(node) !== epoch) return;
    const starting = this.starting[group] as Int32Array;
    // Pods deleted while starting leave their start event behind; the count guards against them.
    const n = Math.min(n0, starting[node] as number);
    if (n === 0) return;
    bump(starting, node, -n);
    this.startingTotal -= n;
    bump(this.running[group] as Int32Array, node, n);
    bump(this.groupRunning, group, n);
    this.runningTotal += n;
    if (this.runningTotal > this.peakRunning) this.peakRunning = this.runningTotal;
    if (!this.events.active) {
      bump(this.runningOn, node, n);
      return;
    }
    // Observers (the traffic model) see the node's running count rise one pod at a time, as they did when each
    // pod had its own start event, so their random draws and answers do not depend on the grouping.
    for (let i = 0; i < n; i++) {
      bump(this.runningOn, node, 1);
      this.events.emit({ kind: 'pod-running', timeNs: this.sim.now, nodeId: node });
    }
  }

  private removeRunning(group: number, node: number): void {
    bump(this.running[group] as Int32Array, node, -1);
    bump(this.groupRunning, group, -1);
    bump(this.runningOn, node, -1);
    this.runningTotal--;
    this.unbind(group, node, true);
    if (this.events.active) this.events.emit({ kind: 'pod-stopped', timeNs: this.sim.now, nodeId: node });
  }

  private removeNotReady(group: number, node: number): boolean {
    if (this.ips.remove(group, node, 1) === 1) {
      this.unbind(group, node, false);
      return true;
    }
    const starting = this.starting[group] as Int32Array;
    if ((starting[node] as number) > 0) {
      bump(starting, node, -1);
      this.startingTotal--;
      this.unbind(group, node, true);
      return true;
    }
    return false;
  }

  private removeOne(group: number, node: number): boolean {
    if (this.removeNotReady(group, node)) return true;
    if (((this.running[group] as Int32Array)[node] as number) > 0) {
      this.removeRunning(group, node);
      return true;
    }
    return false;
  }

  private unbind(group: number, node: number, hadIp: boolean): void {
    this.addBound(group, node, -1);
    if (hadIp) this.ips.release(node);
  }

  /** Removes every pod of a group from the node; returns how many. */
  private removeAll(group: number, node: number): number {
    let n = 0;
    while (this.removeOne(group, node)) n++;
    return n;
  }

  private podsOf(group: number, node: number): number {
    return this.ips.waitingOf(group, node) + ((this.starting[group] as Int32Array)[node] as number) + ((this.running[group] as Int32Array)[node] as number);
  }
}
