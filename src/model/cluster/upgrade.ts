import type { Simulation } from '../../sim/simulation.ts';
import { AfterDrain, NodeState, type ClusterModel } from './cluster-model.ts';
import { surgeNodes, upgradeNodes, type UpgradeConcurrency, type UpgradeSetting } from './surge.ts';

export interface UpgradeSpec {
  readonly atNs: number;
  /** Pool indices to upgrade. */
  readonly pools: readonly number[];
  readonly drainNs: number;
  /** `all`: every pool starts at once (default); `sequential`: one pool after another, in the listed order. */
  readonly concurrency: UpgradeConcurrency;
}

/** A pool's upgrade settings (upgradeSettings in the AKS API). */
export interface PoolUpgradeSettings {
  readonly maxSurge: UpgradeSetting;
  readonly maxUnavailable: UpgradeSetting;
}

export type UpgradeEvent =
  | { readonly kind: 'upgrade-pool-started'; readonly timeNs: number; readonly poolIndex: number; readonly surge: number }
  | { readonly kind: 'upgrade-pool-done'; readonly timeNs: number; readonly poolIndex: number }
  | { readonly kind: 'upgrade-blocked'; readonly timeNs: number; readonly poolIndex: number };

/** One pool's upgrade in progress. */
interface PoolRun {
  readonly pool: number;
  /** Old nodes drained at a time: surge + unavailable, at most the nodes to upgrade. */
  readonly batch: number;
  readonly surgeIds: number[];
  /** Nodes the current step waits on: surge nodes to become Ready, or reimaged nodes to come back. */
  readonly waitingFor: Set<number>;
}

/** One upgrade operation: its pools, still to start, and those running. */
interface Wave {
  readonly queue: number[];
  readonly concurrency: UpgradeConcurrency;
  readonly drainNs: number;
}

/**
 * Rolling node-image upgrades the AKS way (upgrade-aks-node-pools-rolling). For each pool: add `maxSurge` new
 * nodes; then, `maxSurge + maxUnavailable` at a time, cordon and drain old nodes and reimage them in place;
 * finally drain and delete the surge nodes. With maxSurge 0 no node is added and up to maxUnavailable nodes
 * are out at once (the IP-constrained upgrade). That both settings add up is how AKS describes using them
 * together; the surge nodes take addresses for the whole upgrade, which is what exhausts subnets.
 *
 * The pools of one upgrade start together (`concurrency: all`, as `az aks upgrade` upgrades all pools with the
 * control plane; that they surge at the same instant is UNCONFIRMED) or one after another (`sequential`). A
 * later upgrade waits for the one before it. If a surge node cannot be created, that pool's upgrade fails (as
 * the AKS operation does); its surge nodes are removed and the others carry on.
 */
export class UpgradeController {
  private generationValue = 0;
  private readonly waves: Wave[] = [];
  private readonly running: PoolRun[] = [];
  private readonly hStart: number;
  private readonly listeners: Array<(e: UpgradeEvent) => void> = [];
  /** A pool that finishes while pools are being started must not re-enter `advance` (its loop re-checks). */
  private advancing = false;

  constructor(
    private readonly sim: Simulation,
    private readonly cluster: ClusterModel,
    private readonly specs: readonly UpgradeSpec[],
    private readonly settingsOf: (poolIndex: number) => PoolUpgradeSettings,
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
    this.waves.push({ queue: [...spec.pools], concurrency: spec.concurrency, drainNs: spec.drainNs });
    if (this.waves.length === 1) this.advance();
  }

  /** Starts what the current wave may start now; moves to the next wave when it is done. */
  private advance(): void {
    if (this.advancing) return;
    this.advancing = true;
    for (;;) {
      const wave = this.waves[0];
      if (wave === undefined) break;
      while (wave.queue.length > 0 && (wave.concurrency === 'all' || this.running.length === 0)) {
        this.startPool(wave, wave.queue.shift() as number);
      }
      if (wave.queue.length > 0 || this.running.length > 0) break;
      this.waves.shift();
    }
    this.advancing = false;
  }

  private startPool(wave: Wave, pool: number): void {
    const old = this.outdatedNodes(pool, false).length;
    const settings = this.settingsOf(pool);
    const surge = surgeNodes(settings.maxSurge, old);
    const batch = Math.min(old, surge + upgradeNodes(settings.maxUnavailable, old));
    this.emit({ kind: 'upgrade-pool-started', timeNs: this.sim.now, poolIndex: pool, surge });
    const run: PoolRun = { pool, batch, surgeIds: [], waitingFor: new Set() };
    if (batch === 0) {
      this.emit({ kind: 'upgrade-pool-done', timeNs: this.sim.now, poolIndex: pool });
      return;
    }
    this.running.push(run);
    for (let i = 0; i < surge; i++) {
      const node = this.cluster.createNode(pool, true, this.generationValue);
      if (node < 0) {
        this.emit({ kind: 'upgrade-blocked', timeNs: this.sim.now, poolIndex: pool });
        run.waitingFor.clear();
        this.removeSurge(run, wave.drainNs);
        return;
      }
      run.surgeIds.push(node);
      run.waitingFor.add(node);
    }
    if (surge === 0) this.nextBatch(run, wave.drainNs);
  }

  private onNodeReady(node: number): void {
    const run = this.running.find((r) => r.waitingFor.has(node));
    if (run === undefined) return;
    run.waitingFor.delete(node);
    if (!this.cluster.isSurge(node)) this.cluster.setGeneration(node, this.generationValue);
    if (run.waitingFor.size === 0) this.nextBatch(run, (this.waves[0] as Wave).drainNs);
  }

  private nextBatch(run: PoolRun, drainNs: number): void {
    const batch = this.outdatedNodes(run.pool, true).slice(0, run.batch);
    if (batch.length === 0) {
      this.removeSurge(run, drainNs);
      return;
    }
    for (const node of batch) {
      run.waitingFor.add(node);
      this.cluster.drainNode(node, drainNs, AfterDrain.Reimage);
    }
  }

  private removeSurge(run: PoolRun, drainNs: number): void {
    if (run.surgeIds.length === 0) {
      this.finishPool(run);
      return;
    }
    for (const node of [...run.surgeIds]) {
      if (this.cluster.nodeState(node) === NodeState.Ready) this.cluster.drainNode(node, drainNs, AfterDrain.Delete);
      else this.cluster.drainNode(node, 0, AfterDrain.Delete);
    }
  }

  private onNodeRemoved(node: number): void {
    for (const run of this.running) {
      const i = run.surgeIds.indexOf(node);
      if (i < 0) continue;
      run.surgeIds.splice(i, 1);
      if (run.surgeIds.length === 0) this.finishPool(run);
      return;
    }
  }

  private finishPool(run: PoolRun): void {
    const i = this.running.indexOf(run);
    if (i >= 0) this.running.splice(i, 1);
    this.emit({ kind: 'upgrade-pool-done', timeNs: this.sim.now, poolIndex: run.pool });
    this.advance();
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
