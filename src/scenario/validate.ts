import type { InputProblem } from '../error/input-error.ts';
import { scenarioPlanProblems } from '../checks/address-checks.ts';
import { ZERO_SURGE_RULE, zeroSurgePools } from '../model/cluster/surge.ts';
import { usedByOthersIn } from '../net/used-by-others.ts';
import type { Scenario } from './schema/scenario.ts';

// Source for the node and pool limits below: AKS quotas, https://learn.microsoft.com/en-us/azure/aks/quotas-skus-regions
// and the tier limits, https://learn.microsoft.com/en-us/azure/aks/free-standard-pricing-tiers
const MAX_NODES_STANDARD = 5000;
const MAX_NODES_FREE = 1000;
const QUOTA_RULE = 'AKS quotas: 5,000 nodes per cluster (Free tier 1,000), 1,000 per pool, 100 pools; https://learn.microsoft.com/en-us/azure/aks/quotas-skus-regions';

const SYSTEM_POOL_RULE =
  'a cluster needs a system node pool, and "System pools must contain at least one node, and user node pools may contain zero or more nodes" (https://learn.microsoft.com/en-us/azure/aks/manage-node-pools)';

/**
 * Checks a schema-valid scenario for rules that span fields: names that must match, counts within bounds,
 * and the network plan. Returns every problem found (paths are scenario field paths).
 */
export function validateScenario(s: Scenario): InputProblem[] {
  const problems: InputProblem[] = [];
  const poolNames = s.cluster.pools.map((p) => p.name);

  s.cluster.pools.forEach((pool, i) => {
    const path = `cluster.pools[${i}]`;
    if (poolNames.indexOf(pool.name) !== i) {
      problems.push({ code: 'duplicate-pool', path: `${path}.name`, value: pool.name, allowed: 'a name no other pool uses' });
    }
    if (pool.autoscale !== undefined) {
      const { minCount, maxCount } = pool.autoscale;
      if (minCount > maxCount) {
        problems.push({ code: 'autoscale-range', path: `${path}.autoscale.minCount`, value: String(minCount), allowed: `≤ maxCount (${maxCount})` });
      } else if (pool.count < minCount || pool.count > maxCount) {
        problems.push({ code: 'autoscale-range', path: `${path}.count`, value: String(pool.count), allowed: `between autoscale.minCount ${minCount} and maxCount ${maxCount}` });
      }
    }
  });

  // "System pools must contain at least one node, and user node pools may contain zero or more nodes"; a
  // cluster needs at least one system pool (manage-node-pools, use-system-pools).
  const systemPools = s.cluster.pools.flatMap((p, i) => (p.mode === 'system' ? [i] : []));
  if (systemPools.length === 0) {
    problems.push({
      code: 'no-system-pool',
      path: 'cluster.pools[*].mode',
      value: s.cluster.pools.map((p) => `${p.name}: ${p.mode}`).join(', '),
      allowed: 'at least one pool with mode: system (pools default to user)',
      rule: SYSTEM_POOL_RULE,
    });
  }
  for (const i of systemPools) {
    const pool = s.cluster.pools[i];
    if (pool === undefined) continue;
    if (pool.count < 1) {
      problems.push({ code: 'empty-system-pool', path: `cluster.pools[${i}].count`, value: String(pool.count), allowed: 'at least 1 node in a system pool', rule: SYSTEM_POOL_RULE });
    }
    if (pool.autoscale !== undefined && pool.autoscale.minCount < 1) {
      problems.push({ code: 'empty-system-pool', path: `cluster.pools[${i}].autoscale.minCount`, value: String(pool.autoscale.minCount), allowed: 'at least 1 node in a system pool', rule: SYSTEM_POOL_RULE });
    }
  }
  s.cluster.scaleEvents.forEach((e, i) => {
    if (e.count < 1 && s.cluster.pools.some((p) => p.name === e.pool && p.mode === 'system')) {
      problems.push({ code: 'empty-system-pool', path: `cluster.scaleEvents[${i}].count`, value: String(e.count), allowed: 'at least 1 node in a system pool', rule: SYSTEM_POOL_RULE });
    }
  });

  const maxNodes = s.assumptions.tier === 'free' ? MAX_NODES_FREE : MAX_NODES_STANDARD;
  const initialNodes = s.cluster.pools.reduce((sum, p) => sum + p.count, 0);
  if (initialNodes > maxNodes) {
    problems.push({ code: 'too-many-nodes', path: 'cluster.pools[*].count', value: String(initialNodes), allowed: `at most ${maxNodes} nodes in total for the ${s.assumptions.tier} tier`, rule: QUOTA_RULE });
  }

  s.workload.deployments.forEach((d, i) => {
    if (d.pool !== undefined && !poolNames.includes(d.pool)) {
      problems.push({ code: 'unknown-pool', path: `workload.deployments[${i}].pool`, value: d.pool, allowed: `one of the pools: ${poolNames.join(', ')}` });
    }
    d.schedule.forEach((e, j) => {
      if (e.kind === 'ramp' && e.toS <= e.fromS) {
        problems.push({ code: 'ramp-order', path: `workload.deployments[${i}].schedule[${j}].toS`, value: String(e.toS), allowed: `> fromS (${e.fromS})` });
      }
      if (e.kind === 'diurnal' && e.min > e.max) {
        problems.push({ code: 'diurnal-range', path: `workload.deployments[${i}].schedule[${j}].min`, value: String(e.min), allowed: `≤ max (${e.max})` });
      }
    });
  });

  s.cluster.upgrades.forEach((u, i) => {
    (u.pools ?? []).forEach((name, j) => {
      if (!poolNames.includes(name)) {
        problems.push({ code: 'unknown-pool', path: `cluster.upgrades[${i}].pools[${j}]`, value: name, allowed: `one of the pools: ${poolNames.join(', ')}` });
      }
    });
  });
  // An explicit maxSurge 0 with maxUnavailable 0 is refused by the schema; the same pair reached through
  // assumptions.maxSurgeDefault is refused here, as `plan` refuses it.
  for (const z of zeroSurgePools(s.cluster.pools, s.assumptions.maxSurgeDefault)) {
    if (s.cluster.pools[z.index]?.maxSurge !== undefined) continue;
    problems.push({
      code: 'no-surge-no-unavailable',
      path: 'assumptions.maxSurgeDefault',
      value: `${JSON.stringify(z.maxSurge)} for cluster.pools[${z.index}], whose maxUnavailable is ${JSON.stringify(z.maxUnavailable)}`,
      allowed: 'maxSurge greater than 0, or maxUnavailable greater than 0 on that pool',
      rule: ZERO_SURGE_RULE,
    });
  }
  s.cluster.scaleEvents.forEach((e, i) => {
    if (!poolNames.includes(e.pool)) {
      problems.push({ code: 'unknown-pool', path: `cluster.scaleEvents[${i}].pool`, value: e.pool, allowed: `one of the pools: ${poolNames.join(', ')}` });
    }
  });
  const subnets = [s.network.nodeSubnet, s.network.podSubnet, ...s.cluster.pools.flatMap((p) => [p.nodeSubnet, p.podSubnet])];
  for (const key of Object.keys(s.network.usedByOthers)) {
    if (!subnets.some((t) => t !== undefined && usedByOthersIn({ usedByOthers: { [key]: 1 } }, t) === 1)) {
      problems.push({ code: 'unknown-subnet', path: `network.usedByOthers.${key}`, value: key, allowed: 'the CIDR of a node or pod subnet the scenario uses (network.nodeSubnet, network.podSubnet or a pool\'s)' });
    }
  }
  // The address plan (CIDRs, forbidden ranges, overlaps, service CIDR, DNS IP) and maxPods, for every model run.
  problems.push(...scenarioPlanProblems(s, s.cni));
  return problems;
}
