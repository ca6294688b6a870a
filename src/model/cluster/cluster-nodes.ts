import { growInt32, growUint8 } from '../typed-grow.ts';
import { IdPool } from './id-pool.ts';
import { bump } from './bump.ts';

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
 * The node side of the cluster: which node ids are in use, each node's lifecycle state, pool, surge flag,
 * cordon, upgrade generation and event epoch, and the VM counts per pool. It knows nothing of pods or
 * addresses; the pod placement and the cluster model read it.
 *
 * A node's epoch changes whenever it leaves a state for good (drained, removed), so events scheduled for its
 * earlier life are recognised and dropped.
 */
export class ClusterNodes {
  private readonly ids = new IdPool();
  private capacity = 64;
  private stateOf = new Uint8Array(64);
  private poolOf = new Int32Array(64);
  private surgeOf = new Uint8Array(64);
  private cordonedOf = new Uint8Array(64);
  private epochOf = new Int32Array(64);
  private afterDrainOf = new Uint8Array(64);
  /** Upgrade generation the node runs; the upgrade controller compares it with the target. */
  private generationOf = new Int32Array(64);
  private vms = 0;
  private readonly poolVms: Int32Array;
  private readonly poolSurgeVms: Int32Array;
  private readyCount = 0;
  private readyIds = new Int32Array(64);
  private readyIdsDirty = true;
  /** Most VMs at once, surge nodes included. */
  peakVms = 0;

  constructor(poolCount: number) {
    this.poolVms = new Int32Array(poolCount);
    this.poolSurgeVms = new Int32Array(poolCount);
  }

  /** One more than the largest node id ever issued. */
  get limit(): number {
    return this.ids.limit;
  }
  get vmCount(): number {
    return this.vms;
  }
  get readyNodeCount(): number {
    return this.readyCount;
  }
  readyNodeId(i: number): number {
    if (this.readyIdsDirty) this.rebuildReadyIds();
    return this.readyIds[i] as number;
  }
  state(node: number): NodeState {
    return this.stateOf[node] as NodeState;
  }
  pool(node: number): number {
    return this.poolOf[node] as number;
  }
  isSurge(node: number): boolean {
    return this.surgeOf[node] === 1;
  }
  isCordoned(node: number): boolean {
    return this.cordonedOf[node] === 1;
  }
  epoch(node: number): number {
    return this.epochOf[node] as number;
  }
  generation(node: number): number {
    return this.generationOf[node] as number;
  }
  afterDrain(node: number): AfterDrain {
    return this.afterDrainOf[node] as AfterDrain;
  }
  /** Non-surge VMs of the pool in any state. */
  poolVmCount(pool: number): number {
    return this.poolVms[pool] as number;
  }
  poolSurgeCount(pool: number): number {
    return this.poolSurgeVms[pool] as number;
  }

  /** Takes the lowest free id; the caller grows its own per-node arrays to `limit`. */
  acquire(): number {
    const node = this.ids.acquire();
    this.ensureCapacity(this.ids.limit);
    return node;
  }

  /** Gives back an id that never became a VM (its join failed). */
  abandon(node: number): void {
    this.ids.release(node);
  }

  /** Records a new VM: Provisioning, in the pool, on the given generation. */
  addVm(node: number, pool: number, surge: boolean, generation: number): void {
    this.setState(node, NodeState.Provisioning);
    this.poolOf[node] = pool;
    this.surgeOf[node] = surge ? 1 : 0;
    this.cordonedOf[node] = 0;
    this.generationOf[node] = generation;
    this.vms++;
    bump(surge ? this.poolSurgeVms : this.poolVms, pool, 1);
    if (this.vms > this.peakVms) this.peakVms = this.vms;
  }

  /** Deletes the VM and frees its id. */
  removeVm(node: number): void {
    this.setState(node, NodeState.Free);
    this.vms--;
    bump(this.surgeOf[node] === 1 ? this.poolSurgeVms : this.poolVms, this.poolOf[node] as number, -1);
    this.ids.release(node);
  }

  startDrain(node: number, then: AfterDrain): void {
    this.setState(node, NodeState.Draining);
    this.afterDrainOf[node] = then;
  }

  cordon(node: number): void {
    this.cordonedOf[node] = 1;
  }

  becomeReady(node: number): void {
    this.setState(node, NodeState.Ready);
    this.cordonedOf[node] = 0;
  }

  setReimaging(node: number): void {
    this.setState(node, NodeState.Reimaging);
  }

  setGeneration(node: number, generation: number): void {
    this.generationOf[node] = generation;
  }

  bumpEpoch(node: number): void {
    bump(this.epochOf, node, 1);
  }

  /** Moves a node to a new state, keeping the Ready count and the ready-id list in step. */
  private setState(node: number, next: NodeState): void {
    const was = this.stateOf[node];
    if (was === NodeState.Ready && next !== NodeState.Ready) this.readyCount--;
    if (was !== NodeState.Ready && next === NodeState.Ready) this.readyCount++;
    this.stateOf[node] = next;
    this.readyIdsDirty = true;
  }

  private rebuildReadyIds(): void {
    if (this.readyIds.length < this.readyCount) this.readyIds = new Int32Array(this.capacity);
    let k = 0;
    const limit = this.ids.limit;
    for (let n = 0; n < limit; n++) {
      if (this.stateOf[n] === NodeState.Ready) this.readyIds[k++] = n;
    }
    this.readyIdsDirty = false;
  }

  private ensureCapacity(nodes: number): void {
    if (nodes <= this.capacity) return;
    const size = Math.max(nodes, this.capacity * 2);
    this.stateOf = growUint8(this.stateOf, size);
    this.surgeOf = growUint8(this.surgeOf, size);
    this.cordonedOf = growUint8(this.cordonedOf, size);
    this.afterDrainOf = growUint8(this.afterDrainOf, size);
    this.poolOf = growInt32(this.poolOf, size);
    this.epochOf = growInt32(this.epochOf, size);
    this.generationOf = growInt32(this.generationOf, size);
    this.capacity = size;
  }
}
