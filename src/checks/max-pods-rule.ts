import type { InputProblem } from '../error/input-error.ts';
import { MAX_PODS_MAX, MAX_PODS_MIN, MAX_PODS_RULE, MIN_PODS_PER_POOL } from '../model/azure/limits.ts';

export interface PoolPodsField {
  /** Field path or flag of the pool's maxPods. */
  readonly path: string;
  readonly maxPods: number;
  /** Nodes the pool can have (maxCount if autoscaled, else count). */
  readonly nodes: number;
}

const POOL_MIN_RULE = `maxPods below 30 is allowed only if the pool has room for at least ${MIN_PODS_PER_POOL} pods, e.g. maxPods 10 needs 3 nodes (https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning)`;

/** maxPods 10..250 per node, and a low maxPods only where the pool still holds 30 pods. */
export function checkMaxPods(pools: readonly PoolPodsField[]): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const p of pools) {
    if (!Number.isInteger(p.maxPods) || p.maxPods < MAX_PODS_MIN || p.maxPods > MAX_PODS_MAX) {
      problems.push({ code: 'max-pods', path: p.path, value: String(p.maxPods), allowed: `an integer from ${MAX_PODS_MIN} to ${MAX_PODS_MAX}`, rule: MAX_PODS_RULE });
    } else if (p.maxPods < MIN_PODS_PER_POOL && p.maxPods * p.nodes < MIN_PODS_PER_POOL) {
      problems.push({
        code: 'max-pods-pool-too-small',
        path: p.path,
        value: String(p.maxPods),
        allowed: `maxPods × nodes ≥ ${MIN_PODS_PER_POOL}: the pool has ${p.nodes} nodes, so maxPods ≥ ${MIN_PODS_PER_POOL}, or at least ${Math.ceil(MIN_PODS_PER_POOL / p.maxPods)} nodes at maxPods ${p.maxPods}`,
        rule: POOL_MIN_RULE,
      });
    }
  }
  return problems;
}
