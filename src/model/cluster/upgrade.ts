import type { Simulation } from '../../sim/simulation.ts';
import { AfterDrain, NodeState, type ClusterModel } from './cluster-model.ts';
import { surgeNodes } from './surge.ts';

export interface UpgradeSpec {
  readonly atNs: number;
  /** Pool indices, upgraded one after another. */
  readonly pools: readonly number[];
  readonly drainNs: number;
}

export type UpgradeEvent =
  | { readonly kind: 'upgrade-pool-started'; readonly timeNs: number; readonly poolIndex: number; readonly surge: number }
  | { readonly kind: 'upgrade-pool-done'; readonly timeNs: number; readonly poolIndex: number }
  | { readonly kind: 'upgrade-blocked'; readonly timeNs: number; readonly poolIndex: number };

/**
 * Rolling node-image upgrades the AKS way (upgrade-aks-node-pools-rolling): for each pool, add `surge` new
 * nodes; then, `surge` at a time, cordon and drain old nodes and reimage them; finally drain and delete the
 * surge nodes. The surge nodes take addresses for the whole upgrade, which is what exhausts subnets.
 * If a surge node cannot be created, the pool's upgrade fails (as the AKS operation does) and the
 * controller moves on.
 */
export class UpgradeController {
  private generationValue = 0;
  private readonly queue: number[] = [];
  private activePool = -1;
  private surgeTarget = 0;
  private readonly surgeIds: number[] = [];
  /** Nodes the current step waits on: surge nodes to become Ready, or reimaged nodes to come back. */
  private readonly waitingFor = new Set<number>();
  private readonly hStart: number;
  private drainNs = 0;
  private readonly listeners: Array<(e: UpgradeEvent) => void> = [];

  constructor(
    private readonly sim: Simulation,
    private readonly cluster: ClusterModel,
    private readonly specs: readonly UpgradeSpec[],
    private readonly maxSurgeOf: (poolIndex: number) => number | string,
  ) {
    this.hStart = sim.register('upgrade-start', (_s, i) => this.begin(i));
    cluster.events.subscribe((e) => {
      if (e.kind === 'node-ready') this.onNodeReady(e.nodeId);
      else if (e.kind === 'node-removed') this.onNodeRemoved(e.nodeId);
    });
  }

  /** The node-image generation new nodes get. */
  get generation(): number {
    return this.generationValue;
  }

  onEvent(fn: (e: UpgradeEvent) => void): void {
    this.listeners.push(fn);
  }

  start(): void {
    this.specs.forEach((spec, i) => this.sim.scheduleAt(spec.atNs, this.hStart, i));
  }

  private begin(specIndex: number): void {
    const spec = this.specs[specIndex];
    if (spec === undefined) return;
    this.generationValue++;
    this.drainNs = spec.drainNs;
    this.queue.push(...spec.pools);
    if (this.activePool < 0) this.nextPool();
  }

  private nextPool(): void {
    const pool = this.queue.shift();
    if (pool === undefined) {
      this.activePool = -1;
      return;
    }
    this.activePool = pool;
    const old = this.outdatedNodes(pool, false).length;
    this.surgeTarget = surgeNodes(this.maxSurgeOf(pool), old);
    this.emit({ kind: 'upgrade-pool-started', timeNs: this.sim.now, poolIndex: pool, surge: this.surgeTarget });
    if (this.surgeTarget === 0) {
      this.finishPool();
      return;
    }
    for (let i = 0; i < this.surgeTarget; i++) {
      const node = this.cluster.createNode(pool, true, this.generationValue);
      if (node < 0) {
        this.emit({ kind: 'upgrade-blocked', timeNs: this.sim.now, poolIndex: pool });
        this.waitingFor.clear();
        this.removeSurge();
        return;
      }
      this.surgeIds.push(node);
      this.waitingFor.add(node);
    }
  }

  private onNodeReady(node: number): void {
    if (!this.waitingFor.delete(node)) return;
    if (!this.cluster.isSurge(node)) this.cluster.setGeneration(node, this.generationValue);
    if (this.waitingFor.size === 0) this.nextBatch();
  }

  private nextBatch(): void {
    const batch = this.outdatedNodes(this.activePool, true).slice(0, this.surgeTarget);
    if (batch.length === 0) {
      this.removeSurge();
      return;
    }
    for (const node of batch) {
      this.waitingFor.add(node);
      this.cluster.drainNode(node, this.drainNs, AfterDrain.Reimage);
    }
  }

  private removeSurge(): void {
    if (this.surgeIds.length === 0) {
      this.finishPool();
      return;
    }
    for (const node of this.surgeIds) {
      if (this.cluster.nodeState(node) === NodeState.Ready) this.cluster.drainNode(node, this.drainNs, AfterDrain.Delete);
      else this.cluster.drainNode(node, 0, AfterDrain.Delete);
    }
  }

  private onNodeRemoved(node: number): void {
    const i = this.surgeIds.indexOf(node);
    if (i < 0) return;
    this.surgeIds.splice(i, 1);
    if (this.surgeIds.length === 0) this.finishPool();
  }

  private finishPool(): void {
    this.emit({ kind: 'upgrade-pool-done', timeNs: this.sim.now, poolIndex: this.activePool });
    this.nextPool();
  }

  /** Non-surge nodes of the pool still on an older generation (Ready ones only when `readyOnly`). */
  private outdatedNodes(pool: number, readyOnly: boolean): number[] {
    const out: number[] = [];
    const limit = this.cluster.nodeIdLimit();
    for (let n = 0; n < limit; n++) {
      const st = this.cluster.nodeState(n);
      if (st === NodeState.Free || this.cluster.poolIndex(n) !== pool || this.cluster.isSurge(n)) continue;
      if (this.cluster.nodeGeneration(n) >= this.generationValue) continue;
      if (readyOnly && (st !== NodeState.Ready || this.cluster.isCordoned(n))) continue;
      out.push(n);
    }
    return out;
  }

  private emit(e: UpgradeEvent): void {
    for (const fn of this.listeners) fn(e);
  }
}
