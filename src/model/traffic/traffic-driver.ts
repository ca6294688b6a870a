import type { Simulation } from '../../sim/simulation.ts';
import type { ClusterEvent, ClusterView, PodEvent } from '../cluster/cluster-view.ts';
import { ArrivalProcess } from './arrival-process.ts';
import { CLOSE_FIN } from './close-type.ts';
import { ConnectionDraws } from './connection-draws.ts';
import { IdlePool } from './idle-pool.ts';
import type { TrafficWorkload } from './traffic-spec.ts';

/** Where connections that leave through the outbound go (the SNAT engine of one design). */
export interface EgressSink {
  /** Opens a flow; busyNs -1 = the caller ends it later with `end`. False when no port was free. */
  open(node: number, key: number, busyNs: number, closeCode: number): boolean;
  end(node: number, key: number, closeCode: number): void;
  removeNode(node: number): void;
  setBackendPoolSize(vms: number): void;
}

/** Called for every request, before anything decides its fate: the traffic itself, for hashing and tests. */
export type RequestHook = (timeNs: number, workload: number, node: number, dest: number, durationNs: number, closeCode: number) => void;

export interface TrafficDriverOptions {
  readonly seed: number;
  readonly replicate: number;
  readonly workloads: readonly TrafficWorkload[];
  /** Per workload, per destination: the SNAT key, or -1 when the destination is not SNATed (see no-snat.ts). */
  readonly destKeys: ReadonlyArray<readonly number[]>;
  /** DaemonSet pods per node, not counted as traffic sources (the cluster view counts every running pod). */
  readonly daemonsetPodsPerNode: number;
  readonly hook?: RequestHook;
}

/**
 * Turns the cluster's running pods into connections: one aggregated Poisson arrival stream per workload, a
 * destination, duration and close type per request, and connection pooling. Requests are the same whatever
 * the outbound design; only what happens to them (a port, a failure, a pooled connection) differs.
 */
export class TrafficDriver {
  /** New connections opened (pooled requests excluded). */
  attempts = 0;
  /** Attempts that did not go through the outbound SNAT. */
  notSnated = 0;
  /** Requests carried by an idle pooled connection. */
  requestsPooled = 0;
  /** Requests offered (pooled or not). */
  requests = 0;

  private readonly sim: Simulation;
  private readonly view: ClusterView;
  private readonly sink: EgressSink;
  private readonly opts: TrafficDriverOptions;
  private readonly arrivals: ArrivalProcess[];
  private readonly draws: ConnectionDraws[];
  private readonly pool = new IdlePool();
  /** Offset of each workload's destinations in a node's pool keys, or -1 without pooling. */
  private readonly poolOffset: Int32Array;
  private readonly poolStride: number;
  /** For each pool slot of a node: its workload and destination index. */
  private readonly slotWorkload: Int32Array;
  private readonly slotDest: Int32Array;
  private readonly destKeyFlat: Int32Array;
  private readonly destOffset: Int32Array;
  private epoch = new Int32Array(64);
  private readonly hRequestEnd: number;
  private readonly hExpire: number;
  private unsubscribe: (() => void) | null = null;

  constructor(sim: Simulation, view: ClusterView, sink: EgressSink, opts: TrafficDriverOptions) {
    this.sim = sim;
    this.view = view;
    this.sink = sink;
    this.opts = opts;
    const ws = opts.workloads;
    this.poolOffset = new Int32Array(ws.length).fill(-1);
    this.destOffset = new Int32Array(ws.length);
    let stride = 0;
    let flat = 0;
    ws.forEach((w, i) => {
      this.destOffset[i] = flat;
      flat += w.destinations.length;
      if (w.keepAliveNs !== null) {
        this.poolOffset[i] = stride;
        stride += w.destinations.length;
      }
    });
    this.poolStride = stride;
    this.slotWorkload = new Int32Array(stride);
    this.slotDest = new Int32Array(stride);
    ws.forEach((w, i) => {
      const off = this.poolOffset[i] as number;
      if (off < 0) return;
      for (let d = 0; d < w.destinations.length; d++) {
        this.slotWorkload[off + d] = i;
        this.slotDest[off + d] = d;
      }
    });
    this.destKeyFlat = Int32Array.from(opts.destKeys.flat());
    this.draws = ws.map((w) => new ConnectionDraws(opts.seed, opts.replicate, w));
    this.arrivals = ws.map((w, i) => new ArrivalProcess(sim, opts.seed, opts.replicate, w, (node) => this.request(i, node)));
    this.hRequestEnd = sim.register('traffic-request-end', (_s, key, ep) => this.onRequestEnd(key, ep));
    this.hExpire = sim.register('traffic-pool-expire', (_s, key, stamp) => this.onExpire(key, stamp));
  }

  /** Subscribes to the cluster and starts the arrival streams; call before the cluster starts. */
  start(): void {
    const offCluster = this.view.events.subscribe((e) => this.onCluster(e));
    const offPods = this.view.podEvents.subscribe((e: PodEvent) => this.refreshNode(e.nodeId));
    this.unsubscribe = () => {
      offCluster();
      offPods();
    };
    for (const a of this.arrivals) a.start();
  }

  stop(): void {
    this.unsubscribe?.();
  }

  private onCluster(e: ClusterEvent): void {
    switch (e.kind) {
      case 'node-created':
        this.sink.setBackendPoolSize(this.view.vmCount());
        return;
      case 'node-removed':
        this.dropNode(e.nodeId);
        this.sink.setBackendPoolSize(this.view.vmCount());
        return;
      default:
        return;
    }
  }

  private refreshNode(node: number): void {
    const pods = Math.max(0, this.view.runningPods(node) - this.opts.daemonsetPodsPerNode);
    const pool = this.view.poolIndex(node);
    this.opts.workloads.forEach((w, i) => {
      const selected = w.poolIndex < 0 || w.poolIndex === pool;
      (this.arrivals[i] as ArrivalProcess).setPods(node, selected ? pods : 0);
    });
  }

  private dropNode(node: number): void {
    for (const a of this.arrivals) a.setPods(node, 0);
    for (let k = 0; k < this.poolStride; k++) this.pool.clear(node * this.poolStride + k);
    if (node >= this.epoch.length) this.growEpoch(node + 1);
    this.epoch[node] = (this.epoch[node] as number) + 1;
    this.sink.removeNode(node);
  }

  private request(w: number, node: number): void {
    const draw = this.draws[w] as ConnectionDraws;
    draw.draw();
    this.requests++;
    this.opts.hook?.(this.sim.now, w, node, draw.dest, draw.durationNs, draw.closeCode);
    const key = this.destKeyFlat[(this.destOffset[w] as number) + draw.dest] as number;
    const poolOffset = this.poolOffset[w] as number;
    if (poolOffset < 0) {
      this.attempts++;
      if (key < 0) this.notSnated++;
      else this.sink.open(node, key, draw.durationNs, draw.closeCode);
      return;
    }
    const poolKey = node * this.poolStride + poolOffset + draw.dest;
    if (this.pool.takeNewest(poolKey)) {
      this.requestsPooled++;
    } else {
      this.attempts++;
      if (key < 0) this.notSnated++;
      else if (!this.sink.open(node, key, -1, CLOSE_FIN)) return;
    }
    if (node >= this.epoch.length) this.growEpoch(node + 1);
    this.sim.schedule(draw.durationNs, this.hRequestEnd, poolKey, this.epoch[node] as number);
  }

  /** A pooled request finished: its connection idles until reused or until keep-alive closes it. */
  private onRequestEnd(poolKey: number, ep: number): void {
    const node = Math.floor(poolKey / this.poolStride);
    if (this.epoch[node] !== ep) return;
    this.pool.push(poolKey, this.sim.now);
    const keepAliveNs = this.keepAliveOf(poolKey - node * this.poolStride);
    this.sim.schedule(keepAliveNs, this.hExpire, poolKey, this.sim.now);
  }

  private onExpire(poolKey: number, stampNs: number): void {
    if (!this.pool.expire(poolKey, stampNs)) return;
    const node = Math.floor(poolKey / this.poolStride);
    const slot = poolKey - node * this.poolStride;
    const workload = this.slotWorkload[slot] as number;
    const key = this.destKeyFlat[(this.destOffset[workload] as number) + (this.slotDest[slot] as number)] as number;
    if (key >= 0) this.sink.end(node, key, CLOSE_FIN);
  }

  private keepAliveOf(slot: number): number {
    return this.opts.workloads[this.slotWorkload[slot] as number]?.keepAliveNs ?? 0;
  }

  private growEpoch(n: number): void {
    const e = new Int32Array(Math.max(n, this.epoch.length * 2));
    e.set(this.epoch);
    this.epoch = e;
  }
}
