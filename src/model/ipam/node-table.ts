import { growInt32, growUint8 } from '../typed-grow.ts';

/**
 * Per-node counters of an IPAM model, in typed arrays indexed by node id and grown by doubling, so the hot path
 * (a pod starting or stopping) allocates nothing. `epoch` changes when a node id is reused, so a delayed event
 * (an IP release, a batch arrival) for an earlier node with the same id is recognised and ignored.
 */
export class NodeTable {
  /** Addresses the node may hand to pods now. */
  capacity: Int32Array;
  /** Addresses bound to pods. */
  used: Int32Array;
  /** Addresses of stopped pods not yet released back to the node. */
  releasing: Int32Array;
  /** Addresses requested but not yet arrived (Pod Subnet dynamic). */
  inFlight: Int32Array;
  /** Addresses or blocks the node holds in its subnet (what it gives back on removal). */
  held: Int32Array;
  maxPods: Int32Array;
  subnet: Int32Array;
  podSubnet: Int32Array;
  /** /24 index in the pod CIDR, or -1. */
  block: Int32Array;
  epoch: Int32Array;
  live: Uint8Array;

  constructor(initial = 64) {
    this.capacity = new Int32Array(initial);
    this.used = new Int32Array(initial);
    this.releasing = new Int32Array(initial);
    this.inFlight = new Int32Array(initial);
    this.held = new Int32Array(initial);
    this.maxPods = new Int32Array(initial);
    this.subnet = new Int32Array(initial);
    this.podSubnet = new Int32Array(initial);
    this.block = new Int32Array(initial).fill(-1);
    this.epoch = new Int32Array(initial);
    this.live = new Uint8Array(initial);
  }

  /** Makes room for node id `id`. */
  ensure(id: number): void {
    if (id < this.live.length) return;
    let n = this.live.length;
    while (n <= id) n *= 2;
    this.capacity = growInt32(this.capacity, n);
    this.used = growInt32(this.used, n);
    this.releasing = growInt32(this.releasing, n);
    this.inFlight = growInt32(this.inFlight, n);
    this.held = growInt32(this.held, n);
    this.maxPods = growInt32(this.maxPods, n);
    this.subnet = growInt32(this.subnet, n);
    this.podSubnet = growInt32(this.podSubnet, n);
    this.block = growInt32(this.block, n, -1);
    this.epoch = growInt32(this.epoch, n);
    this.live = growUint8(this.live, n);
  }

  /** Resets the node's counters for a new holder of the id. */
  reset(id: number): void {
    this.ensure(id);
    this.capacity[id] = 0;
    this.used[id] = 0;
    this.releasing[id] = 0;
    this.inFlight[id] = 0;
    this.held[id] = 0;
    this.block[id] = -1;
    this.epoch[id] = (this.epoch[id] ?? 0) + 1;
    this.live[id] = 1;
  }

  get(a: Int32Array, id: number): number {
    return a[id] ?? 0;
  }

  add(a: Int32Array, id: number, d: number): void {
    a[id] = (a[id] ?? 0) + d;
  }
}
