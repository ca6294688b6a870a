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
  refused: RefusedRequest;
  cause: string;
  pool: string;
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
 * Open episodes are found by (refused, cause, pool) through nested maps keyed by the strings themselves: a
 * refusal costs three lookups of strings whose hashes are cached, and builds no key (a week of exhaustion under
 * Pod Subnet is millions of refusals).
 */
export class EpisodeTracker {
  private interval = 0;
  private readonly open = new Map<RefusedRequest, Map<string, Map<string, OpenEpisode>>>();
  private readonly closed: ExhaustionEpisode[] = [];

  /** Called once per time-series sample: the interval clock that decides when an episode has ended. */
  tick(): void {
    this.interval++;
  }

  /** One refusal of `count` requests at once (a group of pods refused together counts each pod). */
  refuse(timeNs: number, refused: RefusedRequest, cause: string, pool: string, count = 1): void {
    const byPool = this.poolsOf(refused, cause);
    const e = byPool.get(pool);
    if (e !== undefined && this.interval - e.lastInterval <= 1) {
      e.lastNs = timeNs;
      e.lastInterval = this.interval;
      e.attempts += count;
      return;
    }
    if (e !== undefined) this.closed.push(freeze(e));
    byPool.set(pool, { refused, cause, pool, firstNs: timeNs, lastNs: timeNs, attempts: count, lastInterval: this.interval });
  }

  /** Every episode so far, open ones included, in order of first refusal (then refused kind, cause, pool). */
  episodes(): ExhaustionEpisode[] {
    const all = [...this.closed];
    for (const byCause of this.open.values()) for (const byPool of byCause.values()) for (const e of byPool.values()) all.push(freeze(e));
    return all.sort((a, b) => a.firstNs - b.firstNs || cmp(a.refused, b.refused) || cmp(a.cause, b.cause) || cmp(a.pool, b.pool));
  }

  private poolsOf(refused: RefusedRequest, cause: string): Map<string, OpenEpisode> {
    let byCause = this.open.get(refused);
    if (byCause === undefined) {
      byCause = new Map();
      this.open.set(refused, byCause);
    }
    let byPool = byCause.get(cause);
    if (byPool === undefined) {
      byPool = new Map();
      byCause.set(cause, byPool);
    }
    return byPool;
  }
}

function freeze(e: OpenEpisode): ExhaustionEpisode {
  return { refused: e.refused, cause: e.cause, pool: e.pool, firstNs: e.firstNs, lastNs: e.lastNs, attempts: e.attempts };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
