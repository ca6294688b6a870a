import type { Simulation } from '../../sim/simulation.ts';
import type { CniName } from './cni.ts';
import type { ExhaustionCause, IpamHost, IpamModel, IpamNodeSpec, IpamSubnets, IpamTiming, Ipv6Usage, NodeJoinResult } from './ipam-model.ts';
import { NodeTable } from './node-table.ts';
import { SubnetPool } from './subnet-pool.ts';

export const JOIN_OK: NodeJoinResult = { kind: 'ok' };

/**
 * What every IPAM model shares: subnet pools, per-node counters, the internal load balancer frontends, and the
 * pod IP lifecycle (a pod takes one of its node's addresses; a stopped pod's address returns to the node after
 * the release delay). Models differ in what a node reserves to join and where pod addresses come from.
 */
export abstract class IpamBase implements IpamModel {
  abstract readonly cni: CniName;
  protected readonly nodes = new NodeTable();
  protected readonly pools: SubnetPool[];
  protected readonly sim: Simulation;
  protected readonly timing: IpamTiming;
  protected readonly host: IpamHost;
  /** Node primary IPs held in node subnets. */
  protected nodeIps = 0;
  /** Addresses held for pods (reserved, in blocks, or in batches): counted as allocated VNet IPs by flat models. */
  protected podIpsHeld = 0;
  /** Pods bound to an address (pods with IPs). */
  protected podIpsBound = 0;
  private readonly ilbFrontends: number;
  private readonly hReleased: number;

  constructor(sim: Simulation, subnets: IpamSubnets, timing: IpamTiming, host: IpamHost) {
    this.sim = sim;
    this.timing = timing;
    this.host = host;
    this.pools = subnets.subnets.map((c, i) => new SubnetPool(c, subnets.usedByOthersBySubnet?.[i] ?? 0));
    let ilb = 0;
    subnets.internalLbFrontendsBySubnet.forEach((n, i) => {
      // "if you deploy an internal Azure Load Balancer, its front-end IPs are allocated from the cluster subnet"
      // (concepts-network-ip-address-planning). Validation has checked they fit.
      ilb += this.pools[i]?.takeUpTo(n) ?? 0;
    });
    this.ilbFrontends = ilb;
    this.hReleased = sim.register(`ipam-ip-released`, (_s, node, epoch) => this.onReleased(node, epoch));
  }

  /** Reserves what the node needs; on failure nothing stays reserved. */
  protected abstract join(node: number, spec: IpamNodeSpec): NodeJoinResult;
  /** Gives back everything the node holds. */
  protected abstract leave(node: number): void;
  /** Whether pod addresses count as VNet IPs (flat models) or come from the pod CIDR (Overlay, kubenet). */
  protected abstract readonly podsUseVnetIps: boolean;

  /** Why a pod on the node gets no address now (the node's addresses are all bound or being released). */
  protected noIpCause(_node: number): ExhaustionCause {
    return 'node-ip-limit';
  }
  /**
   * The node's bound count changed (Pod Subnet dynamic resizes its allotment). Returns whether it changed what
   * the node or its subnet holds: if not, a second call with nothing changed in between would do the same nothing.
   */
  protected usageChanged(_node: number): boolean {
    return false;
  }

  addNode(node: number, spec: IpamNodeSpec): NodeJoinResult {
    const t = this.nodes;
    t.reset(node);
    t.maxPods[node] = spec.maxPods;
    t.subnet[node] = spec.nodeSubnetId;
    t.podSubnet[node] = spec.podSubnetId;
    const r = this.join(node, spec);
    if (r.kind === 'fail') t.live[node] = 0;
    return r;
  }

  removeNode(node: number): void {
    const t = this.nodes;
    if (t.live[node] !== 1) return;
    this.podIpsBound -= t.get(t.used, node);
    t.used[node] = 0;
    t.releasing[node] = 0;
    this.leave(node);
    t.live[node] = 0;
  }

  assignPodIp(node: number): 'ok' | ExhaustionCause {
    return this.assignPodIps(node, 1) === 1 ? 'ok' : this.noIpCause(node);
  }

  assignPodIps(node: number, count: number): number {
    const t = this.nodes;
    let got = 0;
    // One address at a time, resizing after each, as the CNS pool monitor sees pods arrive: a Pod Subnet
    // dynamic node asks for its next batch when the pod that leaves fewer than 8 free takes its address. The
    // counters are read afresh each time: usageChanged may change the node's capacity. (An id beyond the table
    // reads undefined, and the comparison is false: no address, as for a node with none.)
    let changed = true;
    while (got < count && (t.used[node] as number) + (t.releasing[node] as number) < (t.capacity[node] as number)) {
      t.used[node] = (t.used[node] as number) + 1;
      this.podIpsBound++;
      got++;
      changed = this.usageChanged(node);
    }
    // Refused pods make the node resize once more, unless the resize after its last address changed nothing.
    if (got < count && changed) this.usageChanged(node);
    return got;
  }

  waitCause(node: number): ExhaustionCause {
    return this.noIpCause(node);
  }

  releasePodIp(node: number): void {
    const t = this.nodes;
    if (t.live[node] !== 1) return;
    t.add(t.used, node, -1);
    t.add(t.releasing, node, 1);
    this.podIpsBound--;
    this.sim.schedule(this.timing.podIpReleaseDelayNs, this.hReleased, node, t.get(t.epoch, node));
  }

  private onReleased(node: number, epoch: number): void {
    const t = this.nodes;
    if (t.live[node] !== 1 || t.epoch[node] !== epoch) return;
    t.add(t.releasing, node, -1);
    this.usageChanged(node);
    this.host.podIpsAvailable(node);
  }

  vnetIpsAllocated(): number {
    return this.nodeIps + this.ilbFrontends + (this.podsUseVnetIps ? this.podIpsHeld : 0);
  }

  vnetIpsUsed(): number {
    return this.nodeIps + this.ilbFrontends + (this.podsUseVnetIps ? this.podIpsBound : 0);
  }

  podCidrBlocksAllocated(): number {
    return 0;
  }

  nodePodCidrBase(_node: number): number {
    return -1;
  }

  ipv6Usage(): Ipv6Usage | null {
    return null;
  }

  /** Takes the node's primary IP from its node subnet. */
  protected takeNodeIp(node: number, extra: number): NodeJoinResult {
    const pool = this.pools[this.nodes.get(this.nodes.subnet, node)];
    if (pool === undefined) throw new Error(`node ${node}: unknown node subnet`);
    if (!pool.take(1 + extra)) return { kind: 'fail', cause: 'node-subnet-full', detail: pool.shortfall(1 + extra) };
    this.nodeIps++;
    return JOIN_OK;
  }

  protected giveNodeIp(node: number, extra: number): void {
    this.pools[this.nodes.get(this.nodes.subnet, node)]?.give(1 + extra);
    this.nodeIps--;
  }
}
