import type { Cidr } from '../../net/cidr.ts';
import type { RngStream } from '../../sim/rng.ts';
import type { Simulation } from '../../sim/simulation.ts';
import { TraceBus } from '../../sim/trace.ts';
import type { IpamHost, IpamModel } from '../ipam/ipam-model.ts';
import type { ClusterEvent, ClusterView } from './cluster-view.ts';
import { IdPool } from './id-pool.ts';
import { LoadIndex } from './load-index.ts';
import { PodCounts, bump } from './pod-counts.ts';
import { growInt32, growUint8 } from '../typed-grow.ts';

export interface PoolConfig {
  readonly name: string;
  readonly maxPods: number;
  readonly nodeSubnetId: number;
  readonly podSubnetId: number;
  readonly autoscale: { readonly minCount: number; readonly maxCount: number } | null;
}

export interface DeploymentConfig {
  readonly name: string;
  /** Pools whose nodes may run the pods (a nodeSelector), in preference order. */
  readonly poolIndices: readonly number[];
  readonly podStartNs: number;
}

export interface ClusterConfig {
  readonly pools: readonly PoolConfig[];
  readonly deployments: readonly DeploymentConfig[];
  readonly daemonsetPodsPerNode: number;
  readonly provisioningDelayNs: number;
  /** 5,000 (Standard/Premium) or 1,000 (Free): https://learn.microsoft.com/en-us/azure/aks/free-standard-pricing-tiers */
  readonly maxClusterNodes: number;
  /** Node subnets by id, for synthesising node IPs (first usable address is .4: the VNet FAQ reserves .0–.3). */
  readonly nodeSubnets: readonly Cidr[];
  readonly podCidr: Cidr;
}

// AKS quotas: "Maximum nodes per node pool | 1000", https://learn.microsoft.com/en-us/azure/aks/quotas-skus-regions
export const MAX_NODES_PER_POOL = 1000;
// AKS caps maxPods at 250 (concepts-network-ip-address-planning); used to size the scheduler's buckets.
const MAX_PODS_LIMIT = 250;
const DAEMONSET_START_NS = 5_000_000_000;

export const enum NodeState {
  Free = 0,
  Provisioning = 1,
  Ready = 2,
  Draining = 3,
  Reimaging = 4,
}

/** What a drain leads to once its pods are gone. */
export const enum AfterDrain {
  Delete = 0,
  Reimage = 1,
}

/**
 * Nodes, pods and the scheduler of one cluster under one IPAM model.
 *
 * Pods are counts per (deployment, node) and state: unscheduled (no node has room: the autoscaler's signal),
 * waiting for an IP (bound to a node whose IPAM has no free address: "Failed to allocate address"), starting,
 * running. DaemonSet pods are the last group and follow their node. The scheduler spreads pods to the
 * least-loaded node, as Kubernetes' default LeastAllocated scoring does.
 *
 * The model publishes lifecycle events on `events` and keeps the peak counters the summary needs; it prints
 * and writes nothing. Autoscaler, upgrades and workload drive it through its public methods.
 */
export class ClusterModel implements ClusterView, IpamHost {
  readonly events = new TraceBus<ClusterEvent>();
  readonly ipam: IpamModel;
  readonly config: ClusterConfig;

  private readonly sim: Simulation;
  private readonly ids = new IdPool();
  private readonly groups: number;
  private readonly dsGroup: number;
  private readonly pods: PodCounts;
  private readonly index: LoadIndex;
  private nodeCapacity = 64;
  private state = new Uint8Array(64);
  private pool = new Int32Array(64);
  private surge = new Uint8Array(64);
  private cordoned = new Uint8Array(64);
  private epoch = new Int32Array(64);
  private bound = new Int32Array(64);
  private runningOnNode = new Int32Array(64);
  private afterDrain = new Uint8Array(64);
  /** Upgrade generation the node runs; the upgrade controller compares it with the target. */
  private generation = new Int32Array(64);

  readonly unscheduled: Int32Array;
  private readonly desired: Int32Array;
  private readonly churnCursor: Int32Array;
  /** Pods of each group bound to a node (waiting for an IP, starting or running), and running. */
  private readonly groupBound: Int32Array;
  private readonly groupRunningCount: Int32Array;
  private vms = 0;
  private readonly poolVms: Int32Array;
  private readonly poolSurgeVms: Int32Array;
  private readyCount = 0;
  private waitingTotal = 0;
  private startingTotal = 0;
  private runningTotal = 0;
  private readyIds = new Int32Array(64);
  private readyIdsDirty = true;

  private readonly hReady: number;
  private readonly hStarted: number;
  private readonly hDrained: number;

  /** Peaks over the run, updated as state changes. */
  readonly peaks = { nodes: 0, podsRunning: 0, vnetIpsAllocated: 0, vnetIpsUsed: 0, podCidrBlocks: 0 };

  constructor(sim: Simulation, config: ClusterConfig, makeIpam: (host: IpamHost) => IpamModel) {
    this.sim = sim;
    this.config = config;
    this.groups = config.deployments.length + 1;
    this.dsGroup = config.deployments.length;
    this.pods = new PodCounts(this.groups, 64);
    this.index = new LoadIndex(config.pools.length, MAX_PODS_LIMIT, 64);
    this.unscheduled = new Int32Array(this.groups);
    this.desired = new Int32Array(this.groups);
    this.churnCursor = new Int32Array(this.groups);
    this.groupBound = new Int32Array(this.groups);
    this.groupRunningCount = new Int32Array(this.groups);
    this.poolVms = new Int32Array(config.pools.length);
    this.poolSurgeVms = new Int32Array(config.pools.length);
    this.ipam = makeIpam(this);
    this.hReady = sim.register('node-ready', (_s, node, epoch) => this.onNodeReady(node, epoch));
    this.hStarted = sim.register('pod-started', (_s, node, code) => this.onPodStarted(node, code));
    this.hDrained = sim.register('node-drained', (_s, node, epoch) => this.onDrained(node, epoch));
    this.observeIpam();
  }

  // ---- ClusterView -------------------------------------------------------------------------------------

  vmCount(): number {
    return this.vms;
  }
  readyNodeCount(): number {
    return this.readyCount;
  }
  readyNodeId(i: number): number {
    if (this.readyIdsDirty) this.rebuildReadyIds();
    return this.readyIds[i] as number;
  }
  nodeIpv4(node: number): number {
    const subnet = this.config.nodeSubnets[this.config.pools[this.pool[node] as number]?.nodeSubnetId ?? 0] as Cidr;
    return (subnet.base + 4 + node) >>> 0;
  }
  nodePodCidrBase(node: number): number {
    return this.ipam.nodePodCidrBase(node);
  }
  runningPods(node: number): number {
    return this.runningOnNode[node] as number;
  }
  poolIndex(node: number): number {
    return this.pool[node] as number;
  }
  runningPodCount(): number {
    return this.runningTotal;
  }

  // ---- State the controllers read ---------------------------------------------------------------------

  nodeIdLimit(): number {
    return this.ids.limit;
  }
  nodeState(node: number): NodeState {
    return this.state[node] as NodeState;
  }
  isSurge(node: number): boolean {
    return this.surge[node] === 1;
  }
  isCordoned(node: number): boolean {
    return this.cordoned[node] === 1;
  }
  nodeGeneration(node: number): number {
    return this.generation[node] as number;
  }
  /** Pods bound to the node, not counting its DaemonSet pods. */
  workloadPodsOn(node: number): number {
    return (this.bound[node] as number) - this.daemonsetPodsOn(node);
  }
  /** Non-surge VMs of the pool in any state. */
  poolVmCount(pool: number): number {
    return this.poolVms[pool] as number;
  }
  poolSurgeCount(pool: number): number {
    return this.poolSurgeVms[pool] as number;
  }
  desiredReplicas(group: number): number {
    return this.desired[group] as number;
  }
  /** Pods that are not running: unscheduled, waiting for an IP, or starting. */
  podsPending(): number {
    let unscheduled = 0;
    for (let g = 0; g < this.dsGroup; g++) unscheduled += this.unscheduled[g] as number;
    return unscheduled + this.waitingTotal + this.startingTotal;
  }
  podsWaitingForIp(): number {
    return this.waitingTotal;
  }

  // ---- Node lifecycle ----------------------------------------------------------------------------------

  /**
   * Creates a VM in the pool. It takes its addresses now (as Azure allocates the NIC's IPs when the VM is
   * created) and becomes Ready after the provisioning delay. Returns the node id, or -1 if it could not join;
   * the reason is published as a `node-join-failed` event.
   */
  createNode(poolIdx: number, isSurge: boolean, generation: number): number {
    const now = this.sim.now;
    if (this.vms >= this.config.maxClusterNodes) {
      this.joinFailed(poolIdx, 'cluster-node-limit', `cluster already has ${this.vms} nodes, the limit is ${this.config.maxClusterNodes}`);
      return -1;
    }
    const inPool = (this.poolVms[poolIdx] as number) + (this.poolSurgeVms[poolIdx] as number);
    if (inPool >= MAX_NODES_PER_POOL) {
      this.joinFailed(poolIdx, 'pool-node-limit', `pool already has ${inPool} nodes, the limit is ${MAX_NODES_PER_POOL}`);
      return -1;
    }
    const poolCfg = this.config.pools[poolIdx] as PoolConfig;
    const node = this.ids.acquire();
    this.ensureCapacity(this.ids.limit);
    const result = this.ipam.addNode(node, {
      poolIndex: poolIdx,
      maxPods: poolCfg.maxPods,
      nodeSubnetId: poolCfg.nodeSubnetId,
      podSubnetId: poolCfg.podSubnetId,
    });
    if (result.kind === 'fail') {
      this.ids.release(node);
      this.joinFailed(poolIdx, result.cause, result.detail);
      return -1;
    }
    this.setState(node, NodeState.Provisioning);
    this.pool[node] = poolIdx;
    this.surge[node] = isSurge ? 1 : 0;
    this.cordoned[node] = 0;
    this.bound[node] = 0;
    this.runningOnNode[node] = 0;
    this.generation[node] = generation;
    this.vms++;
    if (isSurge) bump(this.poolSurgeVms, poolIdx, 1);
    else bump(this.poolVms, poolIdx, 1);
    if (this.vms > this.peaks.nodes) this.peaks.nodes = this.vms;
    this.observeIpam();
    if (this.events.active) this.events.emit({ kind: 'node-created', timeNs: now, nodeId: node, poolIndex: poolIdx, surge: isSurge });
    this.sim.schedule(this.config.provisioningDelayNs, this.hReady, node, this.epoch[node] as number);
    return node;
  }

  /** Cordons the node and evicts its workload pods (they are rescheduled); after `drainNs` it is deleted or reimaged. */
  drainNode(node: number, drainNs: number, then: AfterDrain): void {
    this.cordon(node);
    this.evictWorkload(node);
    this.setState(node, NodeState.Draining);
    this.afterDrain[node] = then;
    this.sim.schedule(drainNs, this.hDrained, node, this.epoch[node] as number);
    this.schedulePending();
  }

  /** Removes the node from the scheduler's candidates. */
  cordon(node: number): void {
    this.cordoned[node] = 1;
    this.index.remove(node);
  }

  private onDrained(node: number, epoch: number): void {
    if (this.epoch[node] !== epoch || this.state[node] !== NodeState.Draining) return;
    this.removeGroupPods(this.dsGroup, node);
    this.bumpEpoch(node);
    if (this.afterDrain[node] === AfterDrain.Delete) {
      this.ipam.removeNode(node);
      this.setState(node, NodeState.Free);
      this.vms--;
      if (this.surge[node] === 1) bump(this.poolSurgeVms, this.pool[node] as number, -1);
      else bump(this.poolVms, this.pool[node] as number, -1);
      this.ids.release(node);
      this.observeIpam();
      this.events.emit({ kind: 'node-removed', timeNs: this.sim.now, nodeId: node });
    } else {
      // Reimaged in place with the new node image: the VM and its addresses stay.
      this.setState(node, NodeState.Reimaging);
      this.sim.schedule(this.config.provisioningDelayNs, this.hReady, node, this.epoch[node] as number);
    }
  }

  /** Marks a reimaged node as running the given upgrade generation (called by the upgrade controller). */
  setGeneration(node: number, generation: number): void {
    this.generation[node] = generation;
  }

  private onNodeReady(node: number, epoch: number): void {
    if (this.epoch[node] !== epoch) return;
    const st = this.state[node];
    if (st !== NodeState.Provisioning && st !== NodeState.Reimaging) return;
    this.setState(node, NodeState.Ready);
    this.cordoned[node] = 0;
    for (let i = 0; i < this.config.daemonsetPodsPerNode; i++) this.bindPod(this.dsGroup, node);
    this.index.insert(node, this.pool[node] as number, this.bound[node] as number);
    this.events.emit({ kind: 'node-ready', timeNs: this.sim.now, nodeId: node });
    this.schedulePending();
  }

  // ---- Workload ----------------------------------------------------------------------------------------

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
    const limit = this.ids.limit;
    for (let pass = 0; pass < 2 && surplus > 0; pass++) {
      let cursor = this.churnCursor[group] as number;
      let sinceRemoval = 0;
      while (surplus > 0 && sinceRemoval < limit) {
        if (cursor >= limit) cursor = 0;
        const removed = this.state[cursor] !== NodeState.Free && (pass === 0 ? this.removeNotReadyPod(group, cursor) : this.removeOnePod(group, cursor));
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
    const total = this.groupRunningCount[group] as number;
    const limit = this.ids.limit;
    if (total === 0) return false;
    const running = this.pods.running[group] as Int32Array;
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
      const pools = (this.config.deployments[g] as DeploymentConfig).poolIndices;
      while (waiting > 0) {
        let best = -1;
        let bestLoad = Infinity;
        for (const p of pools) {
          const node = this.index.least(p, (this.config.pools[p] as PoolConfig).maxPods);
          if (node >= 0) {
            const load = this.index.loadOf(node);
            if (load < bestLoad) {
              best = node;
              bestLoad = load;
            }
          }
        }
        if (best < 0) break;
        this.bindPod(g, best);
        waiting--;
      }
      this.unscheduled[g] = waiting;
    }
  }

  // ---- IpamHost ----------------------------------------------------------------------------------------

  podIpsAvailable(node: number): void {
    this.observeIpam();
    if (this.state[node] === NodeState.Free) return;
    for (let g = 0; g < this.groups; g++) {
      const waiting = this.pods.waitingIp[g] as Int32Array;
      while ((waiting[node] as number) > 0) {
        if (this.ipam.assignPodIp(node) !== 'ok') return;
        bump(waiting, node, -1);
        this.waitingTotal--;
        this.startPod(g, node);
      }
    }
    this.observeIpam();
  }

  // ---- Internals ---------------------------------------------------------------------------------------

  private bindPod(group: number, node: number): void {
    bump(this.bound, node, 1);
    bump(this.groupBound, group, 1);
    if (this.index.contains(node)) this.index.update(node, this.bound[node] as number);
    const result = this.ipam.assignPodIp(node);
    if (result === 'ok') {
      this.startPod(group, node);
      this.observeIpam();
    } else {
      bump(this.pods.waitingIp[group] as Int32Array, node, 1);
      this.waitingTotal++;
      this.events.emit({ kind: 'pod-ip-failed', timeNs: this.sim.now, nodeId: node, cause: result });
    }
  }

  private startPod(group: number, node: number): void {
    bump(this.pods.starting[group] as Int32Array, node, 1);
    this.startingTotal++;
    const startNs = group === this.dsGroup ? DAEMONSET_START_NS : (this.config.deployments[group] as DeploymentConfig).podStartNs;
    this.sim.schedule(startNs, this.hStarted, node, (this.epoch[node] as number) * this.groups + group);
  }

  private onPodStarted(node: number, code: number): void {
    const group = code % this.groups;
    const epoch = (code - group) / this.groups;
    if (this.epoch[node] !== epoch) return;
    const starting = this.pods.starting[group] as Int32Array;
    // A pod deleted while starting leaves its start event behind; the count guards against it.
    if ((starting[node] as number) === 0) return;
    bump(starting, node, -1);
    this.startingTotal--;
    bump(this.pods.running[group] as Int32Array, node, 1);
    bump(this.groupRunningCount, group, 1);
    bump(this.runningOnNode, node, 1);
    this.runningTotal++;
    if (this.runningTotal > this.peaks.podsRunning) this.peaks.podsRunning = this.runningTotal;
    if (this.events.active) this.events.emit({ kind: 'pod-running', timeNs: this.sim.now, nodeId: node });
  }

  private removeRunning(group: number, node: number): void {
    bump(this.pods.running[group] as Int32Array, node, -1);
    bump(this.groupRunningCount, group, -1);
    bump(this.runningOnNode, node, -1);
    this.runningTotal--;
    this.unbind(group, node, true);
    if (this.events.active) this.events.emit({ kind: 'pod-stopped', timeNs: this.sim.now, nodeId: node });
  }

  private removeNotReadyPod(group: number, node: number): boolean {
    const waiting = this.pods.waitingIp[group] as Int32Array;
    if ((waiting[node] as number) > 0) {
      bump(waiting, node, -1);
      this.waitingTotal--;
      this.unbind(group, node, false);
      return true;
    }
    const starting = this.pods.starting[group] as Int32Array;
    if ((starting[node] as number) > 0) {
      bump(starting, node, -1);
      this.startingTotal--;
      this.unbind(group, node, true);
      return true;
    }
    return false;
  }

  private removeOnePod(group: number, node: number): boolean {
    if (this.removeNotReadyPod(group, node)) return true;
    if (((this.pods.running[group] as Int32Array)[node] as number) > 0) {
      this.removeRunning(group, node);
      return true;
    }
    return false;
  }

  private unbind(group: number, node: number, hadIp: boolean): void {
    bump(this.bound, node, -1);
    bump(this.groupBound, group, -1);
    if (this.index.contains(node)) this.index.update(node, this.bound[node] as number);
    if (hadIp) this.ipam.releasePodIp(node);
  }

  /** Removes every pod of a group from the node (for DaemonSets, or as part of an eviction). Returns how many. */
  private removeGroupPods(group: number, node: number): number {
    let n = 0;
    while (this.removeOnePod(group, node)) n++;
    return n;
  }

  private evictWorkload(node: number): void {
    for (let g = 0; g < this.dsGroup; g++) {
      const n = this.removeGroupPods(g, node);
      bump(this.unscheduled, g, n);
    }
  }

  private bumpEpoch(node: number): void {
    bump(this.epoch, node, 1);
  }

  /** Moves a node to a new state, keeping the Ready count and the ready-id list in step. */
  private setState(node: number, next: NodeState): void {
    const was = this.state[node];
    if (was === NodeState.Ready && next !== NodeState.Ready) this.readyCount--;
    if (was !== NodeState.Ready && next === NodeState.Ready) this.readyCount++;
    this.state[node] = next;
    this.readyIdsDirty = true;
  }

  private rebuildReadyIds(): void {
    if (this.readyIds.length < this.readyCount) this.readyIds = new Int32Array(this.nodeCapacity);
    let k = 0;
    const limit = this.ids.limit;
    for (let n = 0; n < limit; n++) {
      if (this.state[n] === NodeState.Ready) this.readyIds[k++] = n;
    }
    this.readyIdsDirty = false;
  }

  private daemonsetPodsOn(node: number): number {
    const g = this.dsGroup;
    return (
      (((this.pods.waitingIp[g] as Int32Array)[node] as number) +
        ((this.pods.starting[g] as Int32Array)[node] as number) +
        ((this.pods.running[g] as Int32Array)[node] as number))
    );
  }

  private joinFailed(poolIdx: number, cause: string, detail: string): void {
    this.events.emit({ kind: 'node-join-failed', timeNs: this.sim.now, poolIndex: poolIdx, cause, detail });
  }

  /** Updates the IP peaks; the IPAM models keep O(1) counters, so this is cheap enough to call on every change. */
  observeIpam(): void {
    const allocated = this.ipam.vnetIpsAllocated();
    const used = this.ipam.vnetIpsUsed();
    const blocks = this.ipam.podCidrBlocksAllocated();
    const p = this.peaks;
    if (allocated > p.vnetIpsAllocated) p.vnetIpsAllocated = allocated;
    if (used > p.vnetIpsUsed) p.vnetIpsUsed = used;
    if (blocks > p.podCidrBlocks) p.podCidrBlocks = blocks;
  }

  private ensureCapacity(nodes: number): void {
    if (nodes <= this.nodeCapacity) return;
    const size = Math.max(nodes, this.nodeCapacity * 2);
    this.state = growUint8(this.state, size);
    this.surge = growUint8(this.surge, size);
    this.cordoned = growUint8(this.cordoned, size);
    this.afterDrain = growUint8(this.afterDrain, size);
    this.pool = growInt32(this.pool, size);
    this.epoch = growInt32(this.epoch, size);
    this.bound = growInt32(this.bound, size);
    this.runningOnNode = growInt32(this.runningOnNode, size);
    this.generation = growInt32(this.generation, size);
    this.pods.ensureCapacity(size);
    this.index.ensureCapacity(size);
    this.nodeCapacity = size;
  }
}
