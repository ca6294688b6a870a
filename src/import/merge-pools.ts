import { InputError } from '../error/input-error.ts';
import type { ImportFacts, PoolFacts } from './facts.ts';
import { formatSource } from './provenance.ts';
import { poolFromNodeName } from './read-kubectl.ts';

/**
 * The cluster's pools: the agentPoolProfiles of `az aks show` (or Terraform's default_node_pool), refined by
 * `az aks nodepool list/show` (or azurerm_kubernetes_cluster_node_pool) field by field, by name. With neither,
 * the pools seen on the nodes (`kubectl get nodes`): one per `agentpool` label, counted.
 */
export function mergePools(facts: ImportFacts): PoolFacts[] {
  const pools: PoolFacts[] = (facts.clusters[0]?.pools ?? []).map((p) => ({ ...p }));
  for (const p of facts.pools) {
    const i = pools.findIndex((q) => q.name.value === p.name.value);
    if (i < 0) pools.push({ ...p });
    else pools[i] = { ...pools[i], ...p } as PoolFacts;
  }
  if (pools.length > 0) return pools;
  return poolsFromNodes(facts);
}

/** The pool a node belongs to: its `agentpool` label, else the pool in its AKS name. */
export function nodePool(facts: ImportFacts, nodeName: string): string | undefined {
  return facts.nodes.find((n) => n.name === nodeName)?.pool?.value ?? poolFromNodeName(nodeName);
}

function poolsFromNodes(facts: ImportFacts): PoolFacts[] {
  const byName = new Map<string, PoolFacts>();
  for (const n of facts.nodes) {
    if (n.pool === undefined) continue;
    const seen = byName.get(n.pool.value);
    const count = (seen?.count?.value ?? 0) + 1;
    const p: PoolFacts = {
      name: seen?.name ?? n.pool,
      count: { file: n.pool.file, path: `$.items[*] with agentpool=${n.pool.value}`, value: count },
    };
    const mode = seen?.mode ?? n.mode;
    if (mode !== undefined) p.mode = { ...mode, value: mode.value.charAt(0).toUpperCase() + mode.value.slice(1) };
    const maxPods = seen?.maxPods ?? n.maxPods;
    if (maxPods !== undefined) p.maxPods = maxPods;
    byName.set(n.pool.value, p);
  }
  if (byName.size === 0) {
    throw new InputError([
      {
        code: 'no-pools',
        path: 'the files given',
        value: 'no agent pools',
        allowed: 'the cluster or its pools among the files: `az aks show -o json`, `az aks nodepool list -o json`, a Terraform state, or `kubectl get nodes -o json`',
      },
    ]);
  }
  return [...byName.values()];
}

/** Two cluster files naming different clusters, or pools of another cluster, cannot make one scenario. */
export function checkOneCluster(facts: ImportFacts): void {
  const [first, ...rest] = facts.clusters;
  const foreign = facts.pools.find((p) => p.clusterId !== undefined && first?.identity.startsWith('/subscriptions/') === true && p.clusterId.value !== first.identity);
  if (first !== undefined && foreign?.clusterId !== undefined) {
    throw new InputError([
      {
        code: 'conflicting-clusters',
        path: `${formatSource(foreign.clusterId)} and ${formatSource(first.name)}`,
        value: `pool "${foreign.name.value}" of another cluster than "${first.name.value}"`,
        allowed: 'the files of one cluster: import each cluster on its own',
      },
    ]);
  }
  const other = rest.find((c) => c.identity !== first?.identity);
  if (first === undefined || other === undefined) return;
  throw new InputError([
    {
      code: 'conflicting-clusters',
      path: `${formatSource(other.name)} and ${formatSource(first.name)}`,
      value: `two clusters, "${other.name.value}" and "${first.name.value}"`,
      allowed: 'the files of one cluster: import each cluster on its own',
    },
  ]);
}
