import { OUTBOUND_TYPES } from '../model/snat/outbound-type.ts';
import { writeNetwork } from './build-network.ts';
import { writePools } from './build-pools.ts';
import { writeNncWorkload } from './build-workload.ts';
import { chooseModel } from './choose-model.ts';
import { ScenarioDraft } from './draft.ts';
import type { ClusterFacts, ImportFacts } from './facts.ts';
import { checkOneCluster, mergePools } from './merge-pools.ts';
import { resolvePoolSubnets, type PoolSubnet } from './resolve-subnets.ts';

/** Ranges given by hand for facts the files lack. */
export interface ImportFlags {
  readonly nodeSubnet?: string;
  readonly podSubnet?: string;
  readonly vnet?: string;
}

/** A scenario name from the cluster's: the characters a scenario name allows, others as '-'. */
function scenarioName(cluster: ClusterFacts | undefined): string {
  const raw = cluster?.name.value ?? 'imported';
  const name = raw.replace(/[^A-Za-z0-9._-]/g, '-');
  return name === '' ? 'imported' : name;
}

function writeOutbound(d: ScenarioDraft, cluster: ClusterFacts | undefined): void {
  const o = cluster?.outbound;
  const type = o?.outboundType;
  if (o === undefined || type === undefined) return;
  if (!(OUTBOUND_TYPES as readonly string[]).includes(type.value)) {
    d.default('outbound', '(none)', `outboundType ${type.value} (${type.file} ${type.path}) sends no SNATed egress cnisim models`);
    return;
  }
  const at = ['outbound', 'designs', 0];
  d.set([...at, 'name'], 'imported');
  d.set([...at, 'outboundType'], type.value, type);
  if (o.outboundIps !== undefined) d.set([...at, 'outboundIps'], o.outboundIps.value, o.outboundIps);
  if (o.outboundPorts !== undefined) d.set([...at, 'outboundPorts'], o.outboundPorts.value, o.outboundPorts);
  if (o.idleTimeoutMin !== undefined) d.set([...at, 'idleTimeoutMin'], o.idleTimeoutMin.value, o.idleTimeoutMin);
}

/**
 * Builds the scenario the files describe. Throws InputError (exit 2) for two clusters, a networking model it
 * cannot tell, or a subnet whose range no file gives. Every imported field carries its source; every value
 * the files lack and AKS defaults is listed in `defaulted`.
 */
export function buildScenario(facts: ImportFacts, files: readonly string[], flags: ImportFlags): ScenarioDraft {
  checkOneCluster(facts);
  const cluster = facts.clusters[0];
  const pools = mergePools(facts);
  const model = chooseModel(facts, pools);
  const d = new ScenarioDraft();
  d.set(['name'], scenarioName(cluster), ...(cluster === undefined ? [] : [cluster.name]));
  d.set(['description'], `Imported by cnisim import from ${files.join(', ')}`);
  d.set(['cni'], [model.cni], ...model.from);
  const tier = cluster?.tier;
  if (tier !== undefined && ['free', 'standard', 'premium'].includes(tier.value.toLowerCase())) d.set(['assumptions', 'tier'], tier.value.toLowerCase(), tier);

  const usesPodSubnet = model.cni === 'pod-subnet-dynamic' || model.cni === 'pod-subnet-static';
  const nodeSubnets = resolvePoolSubnets(facts, pools, 'node', flags);
  const podSubnets: Array<PoolSubnet | undefined> = usesPodSubnet ? resolvePoolSubnets(facts, pools, 'pod', flags) : [];
  const podFlag = flags.podSubnet;
  if (usesPodSubnet && !podSubnets.some((s) => s !== undefined) && podFlag !== undefined) {
    podSubnets.splice(0, podSubnets.length, ...pools.map(() => ({ cidr: podFlag, from: [`--pod-subnet ${podFlag}`] })));
  }
  writeNetwork(d, facts, model.cni, nodeSubnets, podSubnets, flags);
  if (usesPodSubnet && podSubnets[0] === undefined) d.default('network.podSubnet', '10.225.0.0/16', 'no pod subnet range in the files or --pod-subnet; the scenario default');

  writePools(d, model.cni, pools, nodeSubnets, podSubnets);
  const a = cluster?.autoscaler;
  if (a?.scanIntervalS !== undefined) d.set(['cluster', 'autoscaler', 'scanIntervalS'], a.scanIntervalS.value, a.scanIntervalS);
  if (a?.scaleDownUnneededS !== undefined) d.set(['cluster', 'autoscaler', 'scaleDownUnneededS'], a.scaleDownUnneededS.value, a.scaleDownUnneededS);
  if (a?.scaleDownUtilization !== undefined) d.set(['cluster', 'autoscaler', 'scaleDownUtilization'], a.scaleDownUtilization.value, a.scaleDownUtilization);
  if (model.cni === 'pod-subnet-dynamic') writeNncWorkload(d, facts, pools);
  writeOutbound(d, cluster);
  return d;
}
