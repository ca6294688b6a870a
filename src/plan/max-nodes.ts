/**
 * The most nodes a cluster holds, found with the planner's own verdict, so that the answer and the verdict
 * cannot disagree: for one pool, `maxNodesThatFit` is N where `cnisim plan --nodes N` fits and `--nodes N+1`
 * does not (surge included, as the verdict counts it). With several pools, every pool grows by one node in turn
 * (round robin, from zero) and a pool stops at the first node it cannot take.
 *
 * Each search keeps the invariant "lo fits, hi does not" (0 nodes is taken to fit, and a pool of 1,001 nodes
 * never does: 1,000 per pool), so it ends on an adjacent pair even where the verdict is not monotone in N.
 */
import { MAX_NODES_PER_POOL } from '../model/azure/limits.ts';
import type { LimitingFactor, PlanError } from './subnet-tally.ts';

/** The plan's errors with each pool at the given node count (a fixed pool: no autoscaler). */
export type FitCheck = (counts: readonly number[]) => readonly PlanError[];

export interface MaxNodes {
  /** Nodes each pool holds when the growth stops (surge not included). */
  readonly perPool: readonly number[];
  readonly total: number;
  /** What stopped the last pool still growing: the first error of the first count that does not fit. */
  readonly limitingFactor: LimitingFactor;
}

export function searchMaxNodes(poolCount: number, check: FitCheck): MaxNodes {
  const counts = new Array<number>(poolCount).fill(0);
  let active = counts.map((_c, i) => i);
  let limitingFactor: LimitingFactor = 'none';
  const grown = (k: number) => counts.map((c, i) => (active.includes(i) ? c + k : c));
  while (active.length > 0) {
    // Rounds every active pool takes together: the largest k with counts + k fitting.
    let lo = 0;
    let hi = MAX_NODES_PER_POOL + 1 - Math.max(...active.map((i) => counts[i] ?? 0));
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (check(grown(mid)).length === 0) lo = mid;
      else hi = mid;
    }
    for (const i of active) counts[i] = (counts[i] ?? 0) + lo;
    // One more round, pool by pool: the pools that cannot take their next node stop.
    const stillActive: number[] = [];
    for (const i of active) {
      const next = counts.map((c, j) => (j === i ? c + 1 : c));
      const errors = check(next);
      if (errors.length === 0) {
        counts[i] = (counts[i] ?? 0) + 1;
        stillActive.push(i);
      } else {
        limitingFactor = errors[0]?.factor ?? 'none';
      }
    }
    active = stillActive;
  }
  return { perPool: counts, total: counts.reduce((a, b) => a + b, 0), limitingFactor };
}
