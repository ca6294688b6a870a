import type { CniName } from '../model/ipam/cni.ts';
import type { ScenarioDraft } from './draft.ts';
import type { PoolFacts } from './facts.ts';
import type { Fact } from './provenance.ts';
import type { PoolSubnet } from './resolve-subnets.ts';

/** maxSurge / maxUnavailable as the scenario writes them: a node count, or a percentage string. */
function surgeValue(f: Fact<string>): number | string {
  const t = f.value.trim();
  return /^\d+$/.test(t) ? Number.parseInt(t, 10) : t;
}

function isZero(f: Fact<string>): boolean {
  return /^0+%?$/.test(f.value.trim());
}

/**
 * Writes `cluster.pools`: name, mode, count, maxPods, autoscale, maxSurge, maxUnavailable (only when non-zero),
 * and a pool's own subnets where they differ from the network's (the first pool's).
 */
export function writePools(
  d: ScenarioDraft,
  cni: CniName,
  pools: readonly PoolFacts[],
  nodeSubnets: ReadonlyArray<PoolSubnet | undefined>,
  podSubnets: ReadonlyArray<PoolSubnet | undefined>,
): void {
  const usesPodSubnet = cni === 'pod-subnet-dynamic' || cni === 'pod-subnet-static';
  pools.forEach((p, i) => {
    const at = (key: string) => ['cluster', 'pools', i, key];
    d.set(at('name'), p.name.value, p.name);
    if (p.mode !== undefined) d.set(at('mode'), p.mode.value.toLowerCase() === 'system' ? 'system' : 'user', p.mode);
    else d.default(`cluster.pools[${i}].mode`, 'user', 'no mode in the files; AKS pools added with az aks nodepool add are User pools');
    const autoscale = p.autoscale?.value === true && p.minCount !== undefined && p.maxCount !== undefined;
    if (p.count !== undefined) d.set(at('count'), p.count.value, p.count);
    else if (autoscale && p.minCount !== undefined) {
      d.set(at('count'), p.minCount.value, p.minCount);
      d.default(`cluster.pools[${i}].count`, String(p.minCount.value), 'no count in the files; the autoscaler minCount');
    }
    if (p.maxPods !== undefined) d.set(at('maxPods'), p.maxPods.value, p.maxPods);
    else d.default(`cluster.pools[${i}].maxPods`, `the ${cni} default`, 'no maxPods in the files (concepts-network-ip-address-planning)');
    if (autoscale && p.minCount !== undefined && p.maxCount !== undefined && p.autoscale !== undefined) {
      d.set([...at('autoscale'), 'minCount'], p.minCount.value, p.minCount, p.autoscale);
      d.set([...at('autoscale'), 'maxCount'], p.maxCount.value, p.maxCount);
    }
    if (p.maxSurge !== undefined) d.set(at('maxSurge'), surgeValue(p.maxSurge), p.maxSurge);
    else d.default(`cluster.pools[${i}].maxSurge`, '10%', 'no upgradeSettings.maxSurge in the files; AKS default for Kubernetes 1.28+ (assumptions.maxSurgeDefault)');
    if (p.maxUnavailable !== undefined && !isZero(p.maxUnavailable)) d.set(at('maxUnavailable'), surgeValue(p.maxUnavailable), p.maxUnavailable);
    const first = nodeSubnets[0];
    const node = nodeSubnets[i];
    if (i > 0 && node !== undefined && node.cidr !== first?.cidr) d.set(at('nodeSubnet'), node.cidr, ...node.from);
    const pod = podSubnets[i];
    if (usesPodSubnet && i > 0 && pod !== undefined && pod.cidr !== podSubnets[0]?.cidr) d.set(at('podSubnet'), pod.cidr, ...pod.from);
  });
}
