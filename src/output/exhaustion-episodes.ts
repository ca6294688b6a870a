import type { ColumnSpec } from './column.ts';

/**
 * One exhaustion episode: a run of refused attempts of one kind (node, pod, upgrade) and one cause in one node pool, in one simulation. The run
 * continues while every time-series interval (sampleIntervalS) since the previous refusal has seen one; a whole
 * interval without a refusal of that cause in that pool ends it, and the next refusal opens a new episode. Tying
 * the gap to the sample interval keeps episodes on the same time grid as the time-series CSV, with no parameter
 * of its own.
 */
/** What was refused: a node (creation or join), a pod's IP, or a pool upgrade (its surge node). */
export type RefusedRequest = 'node' | 'pod' | 'upgrade';

export interface ExhaustionEpisode {
  readonly refused: RefusedRequest;
  readonly cause: string;
  /** The node pool whose node, pod or surge node was refused; empty when the pool is unknown. */
  readonly pool: string;
  readonly firstNs: number;
  readonly lastNs: number;
  readonly attempts: number;
}

/** Columns of the events CSV (`cnisim run --events`), after cni, the variant and replicate. */
export const EPISODE_COLUMNS: readonly ColumnSpec[] = [
  { name: 'refused', unit: 'text', description: 'What was refused: node (counted in nodes_failed_join), pod (an address for a pod; see pods_failed_ip) or upgrade (upgrades_blocked).' },
  { name: 'cause', unit: 'text', description: 'What ran out: node-subnet-full, pod-subnet-full, pod-cidr-full, kubenet-route-limit, cluster-node-limit, pool-node-limit, or upgrade-blocked (a surge node could not be created).' },
  { name: 'pool', unit: 'text', description: 'Node pool whose request was refused; with the cause it names the range: the pool\'s node or pod subnet, or the cluster\'s pod CIDR.' },
  { name: 'first_s', unit: 's', description: 'Simulated time of the first refused attempt of the episode.' },
  { name: 'last_s', unit: 's', description: 'Simulated time of its last refused attempt.' },
  { name: 'attempts', unit: 'attempts', description: 'Refused requests in the episode: nodes, upgrades, or pods (a group of pods found without an address at once counts each pod, once). Summed, node attempts equal nodes_failed_join and upgrade attempts upgrades_blocked; pod attempts are at least pods_failed_ip, and exceed it by the pods that got an address later (counted in pods_waited_ip).' },
];

interface OpenEpisode {
  readonly refused: RefusedRequest;
  readonly cause: string;
  readonly pool: string;
  /** Whether an episode of this (refused, cause, pool) is open; the other fields hold it. */
  isOpen: boolean;
  firstNs: number;
  lastNs: number;
  attempts: number;
  /** Index of the sample interval of the last refusal. */
  lastInterval: number;
}

/**
 * Groups refused attempts into episodes as they happen. Memory grows with the number of episodes, not of
 * attempts: a week of constant refusals is one row per cause and pool.
 *
 * Each (refused, cause, pool) is interned once to a small integer (`keyOf`), and a refusal by key (`refuseKey`)
 * is an array access: a week of exhaustion under Pod Subnet is millions of refusals, so a caller that refuses the
 * same few triples keeps their keys and builds nothing per refusal.
 */
export class EpisodeTracker {
  private interval = 0;
  private readonly keys = new Map<RefusedRequest, Map<string, Map<string, number>>>();
  /** Per key: its triple and open episode. */
  private readonly slots: OpenEpisode[] = [];
  private readonly closed: ExhaustionEpisode[] = [];

  /** Called once per time-series sample: the interval clock that decides when an episode has ended. */
  tick(): void {
    this.interval++;
  }

  /** The key of (refused, cause, pool), interned on first use. */
  keyOf(refused: RefusedRequest, cause: string, pool: string): number {
    let byCause = this.keys.get(refused);
    if (byCause === undefined) {
      byCause = new Map();
      this.keys.set(refused, byCause);
    }
    let byPool = byCause.get(cause);
    if (byPool === undefined) {
      byPool = new Map();
      byCause.set(cause, byPool);
    }
    let key = byPool.get(pool);
    if (key === undefined) {
      key = this.slots.length;
      byPool.set(pool, key);
      this.slots.push({ refused, cause, pool, isOpen: false, firstNs: 0, lastNs: 0, attempts: 0, lastInterval: 0 });
    }
    return key;
  }

  /** One refusal of `count` requests at once (a group of pods refused together counts each pod). */
  refuse(timeNs: number, refused: RefusedRequest, cause: string, pool: string, count = 1): void {
    this.refuseKey(timeNs, this.keyOf(refused, cause, pool), count);
  }

  /** `refuse` by a key from `keyOf`. */
  refuseKey(timeNs: number, key: number, count = 1): void {
    const e = this.slots[key] as OpenEpisode;
    if (e.isOpen && this.interval - e.lastInterval <= 1) {
      e.lastNs = timeNs;
      e.lastInterval = this.interval;
      e.attempts += count;
      return;
    }
    if (e.isOpen) this.closed.push(freeze(e));
    e.isOpen = true;
    e.firstNs = timeNs;
    e.lastNs = timeNs;
    e.attempts = count;
    e.lastInterval = this.interval;
  }

  /** Every episode so far, open ones included, in order of first refusal (then refused kind, cause, pool). */
  episodes(): ExhaustionEpisode[] {
    const all = [...this.closed];
    for (const e of this.slots) if (e.isOpen) all.push(freeze(e));
    return all.sort((a, b) => a.firstNs - b.firstNs || cmp(a.refused, b.refused) || cmp(a.cause, b.cause) || cmp(a.pool, b.pool));
  }
}

function freeze(e: OpenEpisode): ExhaustionEpisode {
  return { refused: e.refused, cause: e.cause, pool: e.pool, firstNs: e.firstNs, lastNs: e.lastNs, attempts: e.attempts };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
