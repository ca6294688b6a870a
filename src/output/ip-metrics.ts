import type { ClusterModel } from '../model/cluster/cluster-model.ts';
import type { UpgradeController } from '../model/cluster/upgrade.ts';
import type { ColumnSpec } from './column.ts';
import type { CellValue } from './csv-format.ts';
import { EpisodeTracker, type ExhaustionEpisode } from './exhaustion-episodes.ts';

/** One exhaustion: something that needed an address, a block or a node and could not get it. */
export interface ExhaustionRecord {
  readonly timeNs: number;
  readonly cause: string;
  readonly detail: string;
}

/** Refused attempts kept for `--attempts`; later ones are counted but not stored, so memory stays bounded. */
const MAX_RECORDS = 100_000;

export const IP_SUMMARY_COLUMNS: readonly ColumnSpec[] = [
  { name: 'nodes_peak', unit: 'nodes', description: 'Most VMs in the cluster at once, surge nodes included.' },
  { name: 'pods_peak', unit: 'pods', description: 'Most pods Running at once.' },
  { name: 'vnet_ips_allocated_peak', unit: 'addresses', description: 'Most VNet IPs reserved for the cluster at once: node IPs, pod IPs and /28 blocks held by nodes, internal LB frontends.' },
  { name: 'vnet_ips_used_peak', unit: 'addresses', description: 'Most VNet IPs bound to a node or a running pod at once.' },
  { name: 'pod_cidr_blocks_peak', unit: '/24 blocks', description: 'Most /24 blocks taken from the pod CIDR at once (Overlay, kubenet; 0 otherwise).' },
  { name: 'ip_efficiency', unit: 'ratio 0..1', description: 'VNet IPs used ÷ VNet IPs allocated, summed over the time-series samples.' },
  { name: 'first_exhaustion_s', unit: 's', description: 'Simulated time of the first exhaustion; empty if nothing ran out.' },
  { name: 'exhaustion_cause', unit: 'text', description: 'Cause of the first exhaustion: node-subnet-full, pod-subnet-full, pod-cidr-full, pod-cidr-ipv6-full, kubenet-route-limit, overlay-pod-limit, cluster-node-limit, pool-node-limit.' },
  { name: 'pods_failed_ip', unit: 'pods', description: 'Pods bound to a node that never got an address because their subnet, pod subnet or pod CIDR had none left ("Failed to allocate address"): deleted while failing, or still failing at the end. Each pod counted once, by its final outcome.' },
  { name: 'pods_waited_ip', unit: 'pods', description: 'Pods that waited for an address and got one in the end, or waited only for their own node\'s addresses (a stopped pod\'s IP still being released, a Pod Subnet batch in flight while the subnet had room). Each pod counted once.' },
  { name: 'nodes_failed_join', unit: 'nodes', description: 'Node creations (scale-up, surge, manual scale) refused for lack of addresses or by a node limit.' },
  { name: 'upgrades_blocked', unit: 'pools', description: 'Pool upgrades that failed because a surge node could not be created.' },
];

export const IP_TIMESERIES_COLUMNS: readonly ColumnSpec[] = [
  { name: 'nodes', unit: 'nodes', description: 'VMs in the cluster (all states, surge included).' },
  { name: 'pods_running', unit: 'pods', description: 'Pods Running.' },
  { name: 'pods_pending', unit: 'pods', description: 'Pods not Running: unschedulable, waiting for an IP, or starting.' },
  { name: 'vnet_ips_allocated', unit: 'addresses', description: 'VNet IPs reserved for the cluster.' },
  { name: 'vnet_ips_used', unit: 'addresses', description: 'VNet IPs bound to a node or a running pod.' },
];

/**
 * IPv6 columns, present only when a run is dual-stack (`network.ipFamilies: [IPv4, IPv6]`), right after the
 * IPv4 IP columns, so an IPv4-only scenario's CSVs are unchanged. Their cells are empty in rows without IPv6:
 * the IPv4-only cases of a sweep that varies the IP families.
 */
export const IPV6_SUMMARY_COLUMNS: readonly ColumnSpec[] = [
  { name: 'ipv6_pod_cidr_blocks_peak', unit: 'blocks', description: 'Most per-node blocks (/80 by default) taken from the IPv6 pod CIDR at once.' },
  { name: 'ipv6_node_ips_peak', unit: 'addresses', description: 'Most node IPv6 addresses (one per node, from its /64 subnet) at once.' },
  { name: 'ipv6_pod_ips_peak', unit: 'addresses', description: 'Most pods holding an IPv6 address at once (each pod has one of each family).' },
];

export const IPV6_TIMESERIES_COLUMNS: readonly ColumnSpec[] = [
  { name: 'ipv6_pod_cidr_blocks', unit: 'blocks', description: 'Per-node blocks taken from the IPv6 pod CIDR.' },
  { name: 'ipv6_node_ips', unit: 'addresses', description: 'Node IPv6 addresses.' },
  { name: 'ipv6_pod_ips', unit: 'addresses', description: 'Pods holding an IPv6 address.' },
];

/**
 * Subscribes to the cluster's trace events and keeps what the IP columns report. It never reads model
 * internals beyond the ClusterModel's public counters.
 */
export class IpMetrics {
  private firstNs = -1;
  private firstCause = '';
  private nodesFailedJoin = 0;
  private upgradesBlocked = 0;
  private usedSum = 0;
  private allocatedSum = 0;
  readonly records: ExhaustionRecord[] = [];
  private dropped = 0;
  private readonly tracker = new EpisodeTracker();
  /** Per pool index: the cause its pod refusals last had, and their episode key. */
  private readonly podKeyCause: string[] = [];
  private readonly podKey: number[] = [];

  constructor(private readonly cluster: ClusterModel, upgrades: UpgradeController) {
    cluster.events.subscribe((e) => {
      if (e.kind === 'node-join-failed') {
        this.nodesFailedJoin++;
        const pool = this.poolName(e.poolIndex);
        this.tracker.refuse(e.timeNs, 'node', e.cause, pool);
        if (this.keepsRecord(e.timeNs, e.cause)) this.keep(e.timeNs, e.cause, pool, e.detail);
      }
    });
    // One refusal per restart under an exhausted subnet, millions in a week: the episode key is kept per pool, and
    // the detail string is built only while records are kept.
    cluster.podIpFailures.subscribe((e) => {
      const poolIndex = cluster.poolIndex(e.nodeId);
      this.tracker.refuseKey(e.timeNs, this.podRefusalKey(poolIndex, e.cause), e.pods);
      if (this.keepsRecord(e.timeNs, e.cause)) this.keep(e.timeNs, e.cause, this.poolName(poolIndex), `node ${e.nodeId}: ${e.pods} pod${e.pods === 1 ? '' : 's'} could not get an IP`);
    });
    upgrades.onEvent((e) => {
      if (e.kind === 'upgrade-blocked') {
        this.upgradesBlocked++;
        const pool = this.poolName(e.poolIndex);
        this.tracker.refuse(e.timeNs, 'upgrade', 'upgrade-blocked', pool);
        if (this.keepsRecord(e.timeNs, 'upgrade-blocked')) this.keep(e.timeNs, 'upgrade-blocked', pool, 'surge node could not be created');
      }
    });
  }

  /** Values of IP_TIMESERIES_COLUMNS now; also accumulates the efficiency sums. */
  sample(): CellValue[] {
    const allocated = this.cluster.ipam.vnetIpsAllocated();
    const used = this.cluster.ipam.vnetIpsUsed();
    this.tracker.tick();
    this.allocatedSum += allocated;
    this.usedSum += used;
    return [this.cluster.vmCount(), this.cluster.runningPodCount(), this.cluster.podsPending(), allocated, used];
  }

  /** Values of IPV6_TIMESERIES_COLUMNS now; empty cells for a model without IPv6. */
  sampleIpv6(): CellValue[] {
    const u = this.cluster.ipam.ipv6Usage();
    return u === null ? [null, null, null] : [u.blocks, u.nodeIps, u.podIps];
  }

  /** Values of IPV6_SUMMARY_COLUMNS; empty cells for a model without IPv6. */
  summaryIpv6(): CellValue[] {
    const u = this.cluster.ipam.ipv6Usage();
    return u === null ? [null, null, null] : [u.blocksPeak, u.nodeIpsPeak, u.podIpsPeak];
  }

  /** Values of IP_SUMMARY_COLUMNS. */
  summary(): CellValue[] {
    const p = this.cluster.peaks;
    return [
      p.nodes,
      p.podsRunning,
      p.vnetIpsAllocated,
      p.vnetIpsUsed,
      p.podCidrBlocks,
      this.allocatedSum === 0 ? null : this.usedSum / this.allocatedSum,
      this.firstNs < 0 ? null : this.firstNs / 1e9,
      this.firstNs < 0 ? null : this.firstCause,
      this.cluster.podsFailedIp(),
      this.cluster.podsWaitedIp(),
      this.nodesFailedJoin,
      this.upgradesBlocked,
    ];
  }

  /** Exhaustion events beyond the stored ones. */
  get droppedRecords(): number {
    return this.dropped;
  }

  /** Refused attempts grouped into episodes (see exhaustion-episodes.ts): every attempt, none dropped. */
  episodes(): ExhaustionEpisode[] {
    return this.tracker.episodes();
  }

  private poolName(poolIndex: number): string {
    return this.cluster.config.pools[poolIndex]?.name ?? String(poolIndex);
  }

  /** The episode key of pod refusals in the pool for the cause: interned once per (pool, cause) change. */
  private podRefusalKey(poolIndex: number, cause: string): number {
    if (this.podKeyCause[poolIndex] !== cause) {
      this.podKeyCause[poolIndex] = cause;
      this.podKey[poolIndex] = this.tracker.keyOf('pod', cause, this.poolName(poolIndex));
    }
    return this.podKey[poolIndex] as number;
  }

  /** Notes the first exhaustion; returns whether this refusal is to be kept as a record (see `keep`). */
  private keepsRecord(timeNs: number, cause: string): boolean {
    if (this.firstNs < 0) {
      this.firstNs = timeNs;
      this.firstCause = cause;
    }
    if (this.records.length < MAX_RECORDS) return true;
    this.dropped++;
    return false;
  }

  private keep(timeNs: number, cause: string, pool: string, detail: string): void {
    this.records.push({ timeNs, cause, detail: `pool ${pool}: ${detail}` });
  }
}
