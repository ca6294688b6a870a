import type { Simulation } from '../../sim/simulation.ts';
import { AfterDrain, NodeState, type ClusterModel, type PoolConfig } from './cluster-model.ts';

export interface AutoscalerConfig {
  readonly scanIntervalNs: number;
  readonly scaleDownUnneededNs: number;
  readonly scaleDownUtilization: number;
  readonly scaleUpBackoffNs: number;
  readonly drainNs: number;
}

/** Empty nodes the upstream autoscaler removes in one pass ("max-empty-bulk-delete", default 10). */
const MAX_EMPTY_REMOVALS_PER_SCAN = 10;

/**
 * The cluster autoscaler, reduced to what moves IP addresses: every scan it adds nodes to autoscaled pools for
 * pods no node has room for (counting capacity already being provisioned), and removes nodes that stayed
 * under the utilisation threshold for the unneeded time when their pods fit elsewhere in the pool.
 * Pools are tried in scenario order (a priority expander), so runs are deterministic. It does not split a
 * scale-up to fit the free subnet IPs (https://github.com/Azure/AKS/issues/2531): a failed join backs the pool off.
 */
export class Autoscaler {
  private readonly backoffUntilNs: Float64Array;
  private unneededSinceNs = new Float64Array(64).fill(-1);
  private readonly handler: number;

  constructor(
    private readonly sim: Simulation,
    private readonly cluster: ClusterModel,
    private readonly config: AutoscalerConfig,
    private readonly currentGeneration: () => number,
  ) {
    this.backoffUntilNs = new Float64Array(cluster.config.pools.length);
    this.handler = sim.register('autoscaler-scan', () => this.scan());
    cluster.events.subscribe((e) => {
      if (e.kind === 'node-created') this.unneeded(e.nodeId, -1);
    });
  }

  start(): void {
    if (this.cluster.config.pools.some((p) => p.autoscale !== null)) this.sim.schedule(this.config.scanIntervalNs, this.handler);
  }

  private scan(): void {
    this.scaleUp();
    this.scaleDown();
    this.sim.schedule(this.config.scanIntervalNs, this.handler);
  }

  private scaleUp(): void {
    const { pools, deployments, daemonsetPodsPerNode } = this.cluster.config;
    // Free pod slots on nodes still provisioning, per pool: pending pods will land there without new nodes.
    const incoming = new Float64Array(pools.length);
    const limit = this.cluster.nodeIdLimit();
    for (let n = 0; n < limit; n++) {
      if (this.cluster.nodeState(n) === NodeState.Provisioning) {
        const p = this.cluster.poolIndex(n);
        incoming[p] = (incoming[p] as number) + (pools[p] as PoolConfig).maxPods - daemonsetPodsPerNode;
      }
    }
    const now = this.sim.now;
    deployments.forEach((d, g) => {
      let pending = this.cluster.unscheduled[g] as number;
      for (const p of d.poolIndices) {
        const take = Math.min(pending, incoming[p] as number);
        incoming[p] = (incoming[p] as number) - take;
        pending -= take;
      }
      for (const p of d.poolIndices) {
        if (pending <= 0) break;
        const pool = pools[p] as PoolConfig;
        if (pool.autoscale === null || now < (this.backoffUntilNs[p] as number)) continue;
        const perNode = Math.max(1, pool.maxPods - daemonsetPodsPerNode);
        const room = pool.autoscale.maxCount - this.cluster.poolVmCount(p);
        const want = Math.min(room, Math.ceil(pending / perNode));
        for (let i = 0; i < want; i++) {
          if (this.cluster.createNode(p, false, this.currentGeneration()) < 0) {
            this.backoffUntilNs[p] = now + this.config.scaleUpBackoffNs;
            break;
          }
          pending -= perNode;
        }
      }
    });
  }

  private scaleDown(): void {
    const { pools, daemonsetPodsPerNode } = this.cluster.config;
    for (let g = 0; g < this.cluster.config.deployments.length; g++) if ((this.cluster.unscheduled[g] as number) > 0) return;
    const now = this.sim.now;
    const limit = this.cluster.nodeIdLimit();
    pools.forEach((pool, p) => {
      if (pool.autoscale === null) return;
      let removable = this.cluster.poolVmCount(p) - pool.autoscale.minCount;
      if (removable <= 0) return;
      const perNode = Math.max(1, pool.maxPods - daemonsetPodsPerNode);
      let freeSlots = 0;
      for (let n = 0; n < limit; n++) {
        if (this.isCandidate(n, p)) freeSlots += perNode - this.cluster.workloadPodsOn(n);
      }
      let emptyRemoved = 0;
      let busyRemoved = 0;
      for (let n = 0; n < limit && removable > 0; n++) {
        if (!this.isCandidate(n, p)) {
          this.unneeded(n, -1);
          continue;
        }
        const podsOn = this.cluster.workloadPodsOn(n);
        if (podsOn / perNode >= this.config.scaleDownUtilization) {
          this.unneeded(n, -1);
          continue;
        }
        const since = this.unneededSinceNs[n] as number;
        if (since < 0) {
          this.unneeded(n, now);
          continue;
        }
        if (now - since < this.config.scaleDownUnneededNs) continue;
        const otherFree = freeSlots - (perNode - podsOn);
        if (podsOn > otherFree) continue;
        if (podsOn === 0 ? emptyRemoved >= MAX_EMPTY_REMOVALS_PER_SCAN : busyRemoved >= 1) continue;
        this.cluster.drainNode(n, this.config.drainNs, AfterDrain.Delete);
        this.unneeded(n, -1);
        freeSlots = otherFree - podsOn;
        removable--;
        if (podsOn === 0) emptyRemoved++;
        else busyRemoved++;
      }
    });
  }

  private isCandidate(node: number, pool: number): boolean {
    return (
      this.cluster.nodeState(node) === NodeState.Ready &&
      this.cluster.poolIndex(node) === pool &&
      !this.cluster.isSurge(node) &&
      !this.cluster.isCordoned(node)
    );
  }

  private unneeded(node: number, sinceNs: number): void {
    if (node >= this.unneededSinceNs.length) {
      const bigger = new Float64Array(Math.max(node + 1, this.unneededSinceNs.length * 2)).fill(-1);
      bigger.set(this.unneededSinceNs);
      this.unneededSinceNs = bigger;
    }
    this.unneededSinceNs[node] = sinceNs;
  }
}
