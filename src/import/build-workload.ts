import { DYNAMIC_BATCH_SIZE } from '../model/azure/limits.ts';
import type { ScenarioDraft } from './draft.ts';
import type { ImportFacts, PoolFacts } from './facts.ts';
import { nodePool } from './merge-pools.ts';

/**
 * Pod Subnet dynamic: the NNCs say how many pod IPs each node requested now. A node asks for a target of
 * 16 × ceil(0.5 + used/16) (configure-azure-cni-dynamic-ip-allocation; ACN ipampool/v2/monitor.go), so a request
 * of 16k is what a node running 16k − 8 pods asks for, the most pods that give that request. One deployment per
 * pool, with that many replicas summed over its nodes (at most maxPods each), makes the scenario start from the
 * live allocation: the planner and simulator then request what the cluster requests.
 */
export function podsForRequest(requested: number, maxPods: number | undefined): number {
  if (requested <= 0) return 0;
  const pods = Math.ceil(requested / DYNAMIC_BATCH_SIZE) * DYNAMIC_BATCH_SIZE - DYNAMIC_BATCH_SIZE / 2;
  return maxPods === undefined ? pods : Math.min(pods, maxPods);
}

export function writeNncWorkload(d: ScenarioDraft, facts: ImportFacts, pools: readonly PoolFacts[]): void {
  let index = 0;
  for (const p of pools) {
    const nncs = facts.nncs.filter((n) => n.requested !== undefined && nodePool(facts, n.node) === p.name.value);
    const first = nncs[0]?.requested;
    if (first === undefined) continue;
    const requested = nncs.reduce((s, n) => s + (n.requested?.value ?? 0), 0);
    const allocated = nncs.reduce((s, n) => s + (n.allocated?.value ?? 0), 0);
    const replicas = nncs.reduce((s, n) => s + podsForRequest(n.requested?.value ?? 0, p.maxPods?.value ?? n.maxIpCount?.value), 0);
    const at = ['workload', 'deployments', index++];
    d.set([...at, 'name'], `live-${p.name.value}`);
    d.set([...at, 'pool'], p.name.value, p.name);
    d.set(
      [...at, 'replicas'],
      replicas,
      `${nncs.length} NNCs of pool ${p.name.value} in ${first.file} $.items[*].spec.requestedIPCount: ${requested} requested, ${allocated} allocated (status.assignedIPCount); replicas = Σ (16 × ceil(requested/16) − 8), at most maxPods per node`,
    );
  }
}
