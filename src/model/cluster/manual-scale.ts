import type { Simulation } from '../../sim/simulation.ts';
import { AfterDrain, NodeState, type ClusterModel } from './cluster-model.ts';

export interface ScaleEventSpec {
  readonly atNs: number;
  readonly pool: number;
  readonly count: number;
}

/**
 * Manual pool scaling (`az aks nodepool scale`): at the given time the pool's node count is set. Growing creates
 * nodes (each may fail to join, which is published like any failed join); shrinking drains and deletes the
 * emptiest nodes, highest id first among equals.
 */
export class ManualScaler {
  private readonly handler: number;

  constructor(
    private readonly sim: Simulation,
    private readonly cluster: ClusterModel,
    private readonly specs: readonly ScaleEventSpec[],
    private readonly drainNs: number,
    private readonly currentGeneration: () => number,
  ) {
    this.handler = sim.register('manual-scale', (_s, i) => this.apply(i));
  }

  start(): void {
    this.specs.forEach((spec, i) => this.sim.scheduleAt(spec.atNs, this.handler, i));
  }

  private apply(i: number): void {
    const spec = this.specs[i];
    if (spec === undefined) return;
    const current = this.cluster.poolVmCount(spec.pool);
    for (let k = current; k < spec.count; k++) {
      if (this.cluster.createNode(spec.pool, false, this.currentGeneration()) < 0) break;
    }
    if (spec.count >= current) return;
    const candidates: number[] = [];
    const limit = this.cluster.nodeIdLimit();
    for (let n = 0; n < limit; n++) {
      const st = this.cluster.nodeState(n);
      if (st !== NodeState.Free && st !== NodeState.Draining && this.cluster.poolIndex(n) === spec.pool && !this.cluster.isSurge(n)) candidates.push(n);
    }
    candidates.sort((a, b) => this.cluster.workloadPodsOn(a) - this.cluster.workloadPodsOn(b) || b - a);
    for (const n of candidates.slice(0, current - spec.count)) this.cluster.drainNode(n, this.drainNs, AfterDrain.Delete);
  }
}
