import type { Simulation } from '../../sim/simulation.ts';
import { CLOSE_CODES, CLOSE_IDLE, CLOSE_UDP } from '../traffic/close-type.ts';
import { HoldDownQueue } from './hold-down-queue.ts';
import { defaultPortsPerNode, defaultTableRow } from './lb-default-table.ts';
import type { ResolvedDesign } from './outbound-design.ts';
import { RunningMax } from './running-max.ts';

export const PROTO_TCP = 0;
export const PROTO_UDP = 1;

/**
 * SNAT port accounting for one outbound design.
 *
 * A port is bound to a destination key (TCP: IP:port; UDP: IP or IP:port by type) from the moment a flow opens
 * until its hold-down ends, and the same port may serve other destinations meanwhile. So what limits new flows
 * is the number of ports already bound toward the *same* key: per node for the Load Balancer (each node owns
 * `portsPerNode`), per gateway for the shared inventories (NAT gateway, firewall). Counting bindings per
 * (node, key) gives that in O(1); the ports a node holds are the max over keys (per protocol, TCP and UDP being
 * separate inventories), kept by RunningMax in O(1) per change (a rescan of the node's keys only when its last
 * busiest destination goes down).
 *
 * State lives in typed arrays indexed by node id × key; opening and closing a flow allocates nothing.
 * Events: `end` (a flow stops using its port; it enters hold-down or is released), and one pending `hold`
 * event per close code for the head of that code's hold-down queue (releases are FIFO per code).
 * Stale events of a removed node are recognised by a per-node epoch.
 */
export class SnatEngine {
  readonly design: ResolvedDesign;
  private readonly sim: Simulation;
  private readonly keys: number;
  private readonly keyProto: Uint8Array;
  private readonly hEnd: number;
  private readonly hHold: number;
  private readonly holdQueues: HoldDownQueue[];

  private cap = 0;
  private occ = new Int32Array(0);
  private nodeActive = new Int32Array(0);
  /** Open flows per (node, key): the part of `occ` not in hold-down. */
  private activeByKey = new Int32Array(0);
  private nodeHeld = new Int32Array(0);
  private nodePorts = new Int32Array(0);
  /** Max bindings over keys, per (node, protocol) group = node * 2 + protocol. */
  private readonly nodeMax = new RunningMax(0);
  /** Max bindings over keys at the gateway, per protocol. */
  private readonly gateMax = new RunningMax(2);
  private epoch = new Int32Array(0);
  private readonly gateOcc: Int32Array;
  private readonly gateActive: Int32Array;

  /** Per-node allocation now (Load Balancer); +∞ for shared inventories. */
  portsPerNode: number;
  private tableRow = -1;
  active = 0;
  held = 0;
  /** Ports held by all nodes: Σ node ports (LB), or the gateway's ports in use (shared). */
  portsInUseTotal = 0;

  attempts = 0;
  failures = 0;
  firstFailureNs = -1;
  nodePortsPeak = 0;
  totalPortsPeak = 0;
  heldPeak = 0;
  minPortsPerNode = Number.POSITIVE_INFINITY;
  tableRecomputes = 0;
  /** Peaks since the last `resetIntervalPeaks`. */
  ivNodePortsPeak = 0;
  ivTotalPortsPeak = 0;
  ivHeldPeak = 0;

  constructor(sim: Simulation, design: ResolvedDesign, keyProtocols: readonly number[]) {
    this.sim = sim;
    this.design = design;
    this.keys = keyProtocols.length;
    this.keyProto = Uint8Array.from(keyProtocols);
    this.gateOcc = new Int32Array(this.keys);
    this.gateActive = new Int32Array(this.keys);
    this.portsPerNode = design.inventory === 'perNode' ? (design.fixedPortsPerNode ?? defaultPortsPerNode(1)) : Number.POSITIVE_INFINITY;
    if (design.inventory === 'perNode') this.minPortsPerNode = this.portsPerNode;
    this.hEnd = sim.register(`snat-end/${design.name}`, (_s, slot, code) => this.onEnd(slot, code));
    this.hHold = sim.register(`snat-hold-down/${design.name}`, (_s, code) => this.onHoldDue(code));
    this.holdQueues = Array.from({ length: CLOSE_CODES }, () => new HoldDownQueue());
    this.ensure(64);
  }

  /** Load Balancer default table: the backend pool changed size; a new table row changes every node's share. */
  setBackendPoolSize(vms: number): void {
    if (this.design.inventory !== 'perNode' || this.design.fixedPortsPerNode !== null) return;
    const row = defaultTableRow(Math.max(1, vms));
    if (row === this.tableRow) return;
    if (this.tableRow >= 0) this.tableRecomputes++;
    this.tableRow = row;
    this.portsPerNode = defaultPortsPerNode(Math.max(1, vms));
    if (this.portsPerNode < this.minPortsPerNode) this.minPortsPerNode = this.portsPerNode;
  }

  /** Whether a new flow from `node` toward `key` would get a port now. */
  canOpen(node: number, key: number): boolean {
    if (this.design.inventory === 'perNode') {
      if (node >= this.cap) return this.portsPerNode > 0;
      return (this.occ[node * this.keys + key] as number) < this.portsPerNode;
    }
    return (
      (this.gateOcc[key] as number) < this.design.perDestinationLimit &&
      (this.gateActive[key] as number) < this.design.perDestinationActiveLimit &&
      this.active < this.design.maxActiveConnections
    );
  }

  /**
   * A new flow: binds a port or counts a failure. When `busyNs` ≥ 0 the flow ends by itself after `busyNs` of
   * traffic (plus the idle timeout for idle and UDP closes); with -1 the caller ends it with `end`.
   */
  open(node: number, key: number, busyNs: number, closeCode: number): boolean {
    this.attempts++;
    if (!this.canOpen(node, key)) {
      this.failures++;
      if (this.firstFailureNs < 0) this.firstFailureNs = this.sim.now;
      return false;
    }
    this.ensure(node + 1);
    const slot = node * this.keys + key;
    this.occ[slot] = (this.occ[slot] as number) + 1;
    this.gateOcc[key] = (this.gateOcc[key] as number) + 1;
    this.activeByKey[slot] = (this.activeByKey[slot] as number) + 1;
    this.gateActive[key] = (this.gateActive[key] as number) + 1;
    this.nodeActive[node] = (this.nodeActive[node] as number) + 1;
    this.active++;
    const proto = this.keyProto[key] as number;
    this.nodeMax.up(node * 2 + proto, this.occ[slot] as number);
    this.gateMax.up(proto, this.gateOcc[key] as number);
    this.refreshPorts(node);
    if (busyNs >= 0) {
      const boundNs = busyNs + this.idleTailNs(closeCode);
      this.sim.schedule(boundNs, this.hEnd, slot, (this.epoch[node] as number) * CLOSE_CODES + closeCode);
    }
    return true;
  }

  /** Ends a flow the caller opened with busyNs = -1 (a pooled connection closing). */
  end(node: number, key: number, closeCode: number): void {
    const slot = node * this.keys + key;
    this.sim.schedule(this.idleTailNs(closeCode), this.hEnd, slot, (this.epoch[node] as number) * CLOSE_CODES + closeCode);
  }

  /** A node left the backend pool: its flows and bindings are gone. */
  removeNode(node: number): void {
    if (node >= this.cap) return;
    const base = node * this.keys;
    this.nodeMax.set(node * 2 + PROTO_TCP, 0, 0);
    this.nodeMax.set(node * 2 + PROTO_UDP, 0, 0);
    for (let k = 0; k < this.keys; k++) {
      this.gateOcc[k] = (this.gateOcc[k] as number) - (this.occ[base + k] as number);
      this.gateActive[k] = (this.gateActive[k] as number) - (this.activeByKey[base + k] as number);
      this.occ[base + k] = 0;
      this.activeByKey[base + k] = 0;
    }
    this.active -= this.nodeActive[node] as number;
    this.held -= this.nodeHeld[node] as number;
    this.nodeActive[node] = 0;
    this.nodeHeld[node] = 0;
    this.epoch[node] = (this.epoch[node] as number) + 1;
    this.rescan(this.gateMax, PROTO_TCP, this.gateOcc, 0);
    this.rescan(this.gateMax, PROTO_UDP, this.gateOcc, 0);
    this.refreshPorts(node);
  }

  /** Ports the node holds now (in use, idle-timeout or hold-down). */
  nodePortsNow(node: number): number {
    return node < this.cap ? (this.nodePorts[node] as number) : 0;
  }

  /** Bindings toward a key, gateway-wide (sum over nodes). */
  bindingsToward(key: number): number {
    return this.gateOcc[key] as number;
  }

  resetIntervalPeaks(): void {
    let nodeMax = 0;
    for (let n = 0; n < this.cap; n++) nodeMax = Math.max(nodeMax, this.nodePorts[n] as number);
    this.ivNodePortsPeak = nodeMax;
    this.ivTotalPortsPeak = this.portsInUseTotal;
    this.ivHeldPeak = this.held;
  }

  private idleTailNs(code: number): number {
    if (code === CLOSE_IDLE) return this.design.tcpIdleTimeoutNs;
    if (code === CLOSE_UDP) return this.design.udpIdleTimeoutNs;
    return 0;
  }

  private onEnd(slot: number, tag: number): void {
    const node = Math.floor(slot / this.keys);
    // Event arguments are doubles, and % on doubles is a library call in V8; floored division is exact here.
    const ep = Math.floor(tag / CLOSE_CODES);
    const code = tag - ep * CLOSE_CODES;
    if (this.epoch[node] !== ep) return;
    const key = slot - node * this.keys;
    this.activeByKey[slot] = (this.activeByKey[slot] as number) - 1;
    this.gateActive[key] = (this.gateActive[key] as number) - 1;
    this.nodeActive[node] = (this.nodeActive[node] as number) - 1;
    this.active--;
    const hold = this.design.holdDownNs[code] as number;
    if (hold > 0) {
      this.nodeHeld[node] = (this.nodeHeld[node] as number) + 1;
      this.held++;
      if (this.held > this.heldPeak) this.heldPeak = this.held;
      if (this.held > this.ivHeldPeak) this.ivHeldPeak = this.held;
      const q = this.holdQueues[code] as HoldDownQueue;
      q.push(this.sim.now + hold, slot, ep);
      if (q.size === 1) this.sim.schedule(hold, this.hHold, code);
    } else {
      this.onRelease(slot, ep * 2);
    }
  }

  /** Releases every port of close code `code` whose hold-down is over, then waits for the next one. */
  private onHoldDue(code: number): void {
    const q = this.holdQueues[code] as HoldDownQueue;
    const now = this.sim.now;
    while (q.size > 0 && q.headReleaseNs() <= now) {
      const slot = q.headSlot();
      const ep = q.headEpoch();
      q.pop();
      this.onRelease(slot, ep * 2 + 1);
    }
    if (q.size > 0) this.sim.scheduleAt(q.headReleaseNs(), this.hHold, code);
  }

  private onRelease(slot: number, tag: number): void {
    const ep = Math.floor(tag / 2);
    const wasHeld = tag - ep * 2;
    const node = Math.floor(slot / this.keys);
    if (this.epoch[node] !== ep) return;
    const key = slot - node * this.keys;
    const proto = this.keyProto[key] as number;
    const before = this.occ[slot] as number;
    const gateBefore = this.gateOcc[key] as number;
    this.occ[slot] = before - 1;
    this.gateOcc[key] = gateBefore - 1;
    if (this.nodeMax.down(node * 2 + proto, before)) this.rescan(this.nodeMax, node * 2 + proto, this.occ, node * this.keys);
    if (this.gateMax.down(proto, gateBefore)) this.rescan(this.gateMax, proto, this.gateOcc, 0);
    if (wasHeld === 1) {
      this.nodeHeld[node] = (this.nodeHeld[node] as number) - 1;
      this.held--;
    }
    this.refreshPorts(node);
  }

  /** Recomputes group `g` of `m` (protocol g % 2) from the counters `counts[base .. base + keys)`. */
  private rescan(m: RunningMax, g: number, counts: Int32Array, base: number): void {
    const proto = g % 2;
    let max = 0;
    let atMax = 0;
    for (let k = 0; k < this.keys; k++) {
      if (this.keyProto[k] !== proto) continue;
      const v = counts[base + k] as number;
      if (v > max) {
        max = v;
        atMax = 1;
      } else if (v === max) {
        atMax++;
      }
    }
    m.set(g, max, atMax);
  }

  /** The node's ports (busiest destination per protocol) and the totals, with their peaks. */
  private refreshPorts(node: number): void {
    const ports = (this.nodeMax.max[node * 2] as number) + (this.nodeMax.max[node * 2 + 1] as number);
    const before = this.nodePorts[node] as number;
    this.nodePorts[node] = ports;
    if (this.design.inventory === 'perNode') this.portsInUseTotal += ports - before;
    else this.portsInUseTotal = (this.gateMax.max[PROTO_TCP] as number) + (this.gateMax.max[PROTO_UDP] as number);
    if (ports > this.nodePortsPeak) this.nodePortsPeak = ports;
    if (ports > this.ivNodePortsPeak) this.ivNodePortsPeak = ports;
    if (this.portsInUseTotal > this.totalPortsPeak) this.totalPortsPeak = this.portsInUseTotal;
    if (this.portsInUseTotal > this.ivTotalPortsPeak) this.ivTotalPortsPeak = this.portsInUseTotal;
  }

  private ensure(nodes: number): void {
    if (nodes <= this.cap) return;
    const cap = Math.max(nodes, this.cap * 2, 64);
    const grow = (a: Int32Array, n: number) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.occ = grow(this.occ, cap * this.keys);
    this.activeByKey = grow(this.activeByKey, cap * this.keys);
    this.nodeActive = grow(this.nodeActive, cap);
    this.nodeHeld = grow(this.nodeHeld, cap);
    this.nodePorts = grow(this.nodePorts, cap);
    this.epoch = grow(this.epoch, cap);
    this.nodeMax.grow(cap * 2);
    this.cap = cap;
  }
}
