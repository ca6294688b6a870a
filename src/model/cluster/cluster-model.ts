import type { Cidr } from '../../net/cidr.ts';
import type { RngStream } from '../../sim/rng.ts';
import type { Simulation } from '../../sim/simulation.ts';
import { TraceBus } from '../../sim/trace.ts';
import type { IpamHost, IpamModel } from '../ipam/ipam-model.ts';
import { AfterDrain, ClusterNodes, NodeState } from './cluster-nodes.ts';
import type { ClusterEvent, ClusterView, PodEvent, PodIpFailedEvent } from './cluster-view.ts';
import { PodIpLedger } from './pod-ip-ledger.ts';
import { PodPlacement } from './pod-placement.ts';

export { AfterDrain, NodeState } from './cluster-nodes.ts';

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
const DAEMONSET_START_NS = 5_000_000_000;

/** Peaks over the run, as the summary reports them. */
export interface ClusterPeaks {
  readonly nodes: number;
  readonly podsRunning: number;
  readonly vnetIpsAllocated: number;
  readonly vnetIpsUsed: number;
  readonly podCidrBlocks: number;
}

/**
 * One cluster under one IPAM model: the hub the controllers (autoscaler, upgrades, manual scaling, workload)
 * drive and the traffic, SNAT and metrics layers observe. It ties three parts together, each readable alone:
 * - ClusterNodes: node ids, lifecycle states, pools, generations (knows nothing of pods);
 * - PodPlacement: pods as counts per (deployment, node), the least-loaded scheduler, starts and deletions;
 * - PodIpLedger: the IPAM's view, pods waiting for an address, how each is classified, the address peaks.
 * Arrows point one way: the model uses placement, placement uses the ledger, both read the nodes.
 *
 * It publishes lifecycle events on `events`; it prints and writes nothing.
 */
export class ClusterModel implements ClusterView, IpamHost {
  readonly events = new TraceBus<ClusterEvent>();
  readonly podEvents = new TraceBus<PodEvent>();
  /** Pods refused an address (see PodIpLedger), on their own bus: see PodIpFailedEvent. */
  readonly podIpFailures = new TraceBus<PodIpFailedEvent>();
  readonly ipam: IpamModel;
  readonly config: ClusterConfig;

  private readonly sim: Simulation;
  private readonly nodes: ClusterNodes;
  private readonly ips: PodIpLedger;
  private readonly pods: PodPlacement;
  private readonly hReady: number;
  private readonly hDrained: number;

  constructor(sim: Simulation, config: ClusterConfig, makeIpam: (host: IpamHost) => IpamModel) {
    this.sim = sim;
    this.config = config;
    const groups = config.deployments.length + 1;
    this.nodes = new ClusterNodes(config.pools.length);
    this.ipam = makeIpam(this);
    this.ips = new PodIpLedger(sim, this.ipam, this.podIpFailures, groups);
    this.pods = new PodPlacement(
      sim,
      {
        maxPodsOf: config.pools.map((p) => p.maxPods),
        poolsOf: config.deployments.map((d) => d.poolIndices),
        startNsOf: [...config.deployments.map((d) => d.podStartNs), DAEMONSET_START_NS],
        daemonsetPodsPerNode: config.daemonsetPodsPerNode,
      },
      this.nodes,
      this.ips,
      this.podEvents,
    );
    this.hReady = sim.register('node-ready', (_s, node, epoch) => this.onNodeReady(node, epoch));
    this.hDrained = sim.register('node-drained', (_s, node, epoch) => this.onDrained(node, epoch));
    this.ips.observe();
  }

  // ---- ClusterView -------------------------------------------------------------------------------------

  vmCount(): number {
    return this.nodes.vmCount;
  }
  readyNodeCount(): number {
    return this.nodes.readyNodeCount;
  }
  readyNodeId(i: number): number {
    return this.nodes.readyNodeId(i);
  }
  nodeIpv4(node: number): number {
    const subnet = this.config.nodeSubnets[this.config.pools[this.nodes.pool(node)]?.nodeSubnetId ?? 0] as Cidr;
    return (subnet.base + 4 + node) >>> 0;
  }
  nodePodCidrBase(node: number): number {
    return this.ipam.nodePodCidrBase(node);
  }
  runningPods(node: number): number {
    return this.pods.runningPods(node);
  }
  poolIndex(node: number): number {
    return this.nodes.pool(node);
  }
  runningPodCount(): number {
    return this.pods.runningPodCount();
  }

  // ---- State the controllers and metrics read ----------------------------------------------------------

  /** Unscheduled pods per deployment group (no node has room): the autoscaler's signal. */
  get unscheduled(): Int32Array {
    return this.pods.unscheduled;
  }
  get peaks(): ClusterPeaks {
    const ip = this.ips.peaks;
    return { nodes: this.nodes.peakVms, podsRunning: this.pods.peakRunning, vnetIpsAllocated: ip.vnetIpsAllocated, vnetIpsUsed: ip.vnetIpsUsed, podCidrBlocks: ip.podCidrBlocks };
  }
  nodeIdLimit(): number {
    return this.nodes.limit;
  }
  nodeState(node: number): NodeState {
    return this.nodes.state(node);
  }
  isSurge(node: number): boolean {
    return this.nodes.isSurge(node);
  }
  isCordoned(node: number): boolean {
    return this.nodes.isCordoned(node);
  }
  nodeGeneration(node: number): number {
    return this.nodes.generation(node);
  }
  /** Pods bound to the node, not counting its DaemonSet pods. */
  workloadPodsOn(node: number): number {
    return this.pods.workloadPodsOn(node);
  }
  /** Non-surge VMs of the pool in any state. */
  poolVmCount(pool: number): number {
    return this.nodes.poolVmCount(pool);
  }
  poolSurgeCount(pool: number): number {
    return this.nodes.poolSurgeCount(pool);
  }
  desiredReplicas(group: number): number {
    return this.pods.desiredReplicas(group);
  }
  /** Pods that are not running: unscheduled, waiting for an IP, or starting. */
  podsPending(): number {
    return this.pods.podsPending();
  }
  podsWaitingForIp(): number {
    return this.ips.podsWaiting;
  }
  /** Pods that waited for an address and got one, or waited only for their own node's (see PodIpLedger). */
  podsWaitedIp(): number {
    return this.ips.podsWaitedIp;
  }
  /** Pods that never got an address because their subnet or pod CIDR had none left (see PodIpLedger). */
  podsFailedIp(): number {
    return this.ips.podsFailedIp;
  }

  // ---- Node lifecycle ----------------------------------------------------------------------------------

  /**
   * Creates a VM in the pool. It takes its addresses now (as Azure allocates the NIC's IPs when the VM is
   * created) and becomes Ready after the provisioning delay. Returns the node id, or -1 if it could not join;
   * the reason is published as a `node-join-failed` event.
   */
  createNode(poolIdx: number, isSurge: boolean, generation: number): number {
    const vms = this.nodes.vmCount;
    if (vms >= this.config.maxClusterNodes) {
      this.joinFailed(poolIdx, 'cluster-node-limit', `cluster already has ${vms} nodes, the limit is ${this.config.maxClusterNodes}`);
      return -1;
    }
    const inPool = this.nodes.poolVmCount(poolIdx) + this.nodes.poolSurgeCount(poolIdx);
    if (inPool >= MAX_NODES_PER_POOL) {
      this.joinFailed(poolIdx, 'pool-node-limit', `pool already has ${inPool} nodes, the limit is ${MAX_NODES_PER_POOL}`);
      return -1;
    }
    const poolCfg = this.config.pools[poolIdx] as PoolConfig;
    const node = this.nodes.acquire();
    this.pods.ensureCapacity(this.nodes.limit);
    this.ips.ensureCapacity(this.nodes.limit);
    const result = this.ipam.addNode(node, {
      poolIndex: poolIdx,
      maxPods: poolCfg.maxPods,
      nodeSubnetId: poolCfg.nodeSubnetId,
      podSubnetId: poolCfg.podSubnetId,
    });
    if (result.kind === 'fail') {
      this.nodes.abandon(node);
      this.joinFailed(poolIdx, result.cause, result.detail);
      return -1;
    }
    this.nodes.addVm(node, poolIdx, isSurge, generation);
    this.ips.observe();
    if (this.events.active) this.events.emit({ kind: 'node-created', timeNs: this.sim.now, nodeId: node, poolIndex: poolIdx, surge: isSurge });
    this.sim.schedule(this.config.provisioningDelayNs, this.hReady, node, this.nodes.epoch(node));
    return node;
  }

  /** Cordons the node and evicts its workload pods (they are rescheduled); after `drainNs` it is deleted or reimaged. */
  drainNode(node: number, drainNs: number, then: AfterDrain): void {
    this.cordon(node);
    this.pods.evictWorkload(node);
    this.nodes.startDrain(node, then);
    this.sim.schedule(drainNs, this.hDrained, node, this.nodes.epoch(node));
    this.pods.schedulePending();
  }

  /** Removes the node from the scheduler's candidates. */
  cordon(node: number): void {
    this.nodes.cordon(node);
    this.pods.cordon(node);
  }

  /** Marks a reimaged node as running the given upgrade generation (called by the upgrade controller). */
  setGeneration(node: number, generation: number): void {
    this.nodes.setGeneration(node, generation);
  }

  private onDrained(node: number, epoch: number): void {
    if (this.nodes.epoch(node) !== epoch || this.nodes.state(node) !== NodeState.Draining) return;
    this.pods.removeDaemonsets(node);
    this.nodes.bumpEpoch(node);
    if (this.nodes.afterDrain(node) === AfterDrain.Delete) {
      this.ipam.removeNode(node);
      this.nodes.removeVm(node);
      this.ips.observe();
      this.events.emit({ kind: 'node-removed', timeNs: this.sim.now, nodeId: node });
    } else {
      // Reimaged in place with the new node image: the VM and its addresses stay.
      this.nodes.setReimaging(node);
      this.sim.schedule(this.config.provisioningDelayNs, this.hReady, node, this.nodes.epoch(node));
    }
  }

  private onNodeReady(node: number, epoch: number): void {
    if (this.nodes.epoch(node) !== epoch) return;
    const st = this.nodes.state(node);
    if (st !== NodeState.Provisioning && st !== NodeState.Reimaging) return;
    this.nodes.becomeReady(node);
    this.pods.nodeReady(node);
    // Published before pending pods are placed, so an upgrade step the node completes acts first.
    this.events.emit({ kind: 'node-ready', timeNs: this.sim.now, nodeId: node });
    this.pods.schedulePending();
  }

  // ---- Workload ----------------------------------------------------------------------------------------

  /** Sets a deployment's replica count: new pods are scheduled, surplus pods deleted (unscheduled ones first). */
  setReplicas(group: number, replicas: number): void {
    this.pods.setReplicas(group, replicas);
  }

  /** Replaces one running pod of the deployment; false if it has none running (see PodPlacement.restartPod). */
  restartPod(group: number, rng: RngStream): boolean {
    return this.pods.restartPod(group, rng);
  }

  /** Binds as many unscheduled pods as fit, each on the least-loaded eligible node. */
  schedulePending(): void {
    this.pods.schedulePending();
  }

  // ---- IpamHost ----------------------------------------------------------------------------------------

  podIpsAvailable(node: number): void {
    this.ips.observe();
    // Nothing to do on a node with no pod waiting (every release under a model with room to spare).
    if (this.nodes.state(node) === NodeState.Free || this.ips.podsWaitingOn(node) === 0) return;
    this.pods.podIpsAvailable(node);
  }

  private joinFailed(poolIdx: number, cause: string, detail: string): void {
    this.events.emit({ kind: 'node-join-failed', timeNs: this.sim.now, poolIndex: poolIdx, cause, detail });
  }
}
