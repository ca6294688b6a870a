/**
 * The most nodes an address plan and the AKS limits hold, by filling: one node at a time to each pool in turn
 * (round robin, so pools grow together), until no pool can take another. A resource is anything with a finite
 * capacity a node draws on (a subnet's addresses, the pod CIDR's /24s, the kubenet route table, node limits);
 * each pool says how much of each its nodes take. Exact for one pool; for several it is the round-robin growth.
 */
export interface FillResource {
  /** Reported as the plan's limitingFactor when this resource stops the fill. */
  readonly factor: string;
  readonly capacity: number;
}

export interface FillPool {
  /** Per-node draw on each resource, as (resource index, amount) pairs. */
  readonly costs: ReadonlyArray<readonly [number, number]>;
}

export interface FillResult {
  /** Nodes each pool holds when the fill stops. */
  readonly perPool: readonly number[];
  readonly total: number;
  /** The resource that stopped the last pool still growing; 'none' when there are no pools. */
  readonly limitingFactor: string;
}

export function fillNodes(resources: readonly FillResource[], pools: readonly FillPool[]): FillResult {
  const used = new Float64Array(resources.length);
  const perPool = pools.map(() => 0);
  const blockedBy: Array<string | null> = pools.map(() => null);
  let active = pools.length;
  let last = 'none';
  let total = 0;
  while (active > 0) {
    for (let p = 0; p < pools.length; p++) {
      if (blockedBy[p] !== null) continue;
      const costs = (pools[p] as FillPool).costs;
      const full = costs.find(([r, amount]) => (used[r] ?? 0) + amount > (resources[r]?.capacity ?? 0));
      if (full !== undefined) {
        last = resources[full[0]]?.factor ?? 'unknown';
        blockedBy[p] = last;
        active -= 1;
        continue;
      }
      for (const [r, amount] of costs) used[r] = (used[r] ?? 0) + amount;
      perPool[p] = (perPool[p] ?? 0) + 1;
      total += 1;
    }
  }
  return { perPool, total, limitingFactor: last };
}
