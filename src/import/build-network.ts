import type { CniName } from '../model/ipam/cni.ts';
import { cidrContains, parseCidr } from '../net/cidr.ts';
import type { ScenarioDraft } from './draft.ts';
import type { ClusterFacts, ImportFacts } from './facts.ts';
import { formatSource, type Source } from './provenance.ts';
import type { PoolSubnet } from './resolve-subnets.ts';
import { countTenants } from './tenants.ts';

// AKS defaults: pod CIDR 10.244.0.0/16, service CIDR 10.0.0.0/16, DNS 10.0.0.10 (configure-kubenet,
// azure-cni-overlay); the managed VNet's node subnet is UNCONFIRMED (reference §2.3), the scenario's default.
const DEFAULTS = { podCidr: '10.244.0.0/16', serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.10', nodeSubnet: '10.224.0.0/16', vnet: '10.224.0.0/12' };

export interface NetworkFlags {
  readonly vnet?: string;
}

/** The VNet prefix that holds the node subnet, from a VNet file or `--vnet`. */
function writeVnet(d: ScenarioDraft, facts: ImportFacts, nodeCidr: string | undefined, flags: NetworkFlags): void {
  if (flags.vnet !== undefined) {
    d.set(['network', 'vnet'], flags.vnet, `--vnet ${flags.vnet}`);
    return;
  }
  const subnet = nodeCidr === undefined ? undefined : parseCidr(nodeCidr);
  const prefixes = facts.vnets.flatMap((v) => v.addressPrefixes).filter((p) => !p.value.includes(':'));
  const holding = prefixes.find((p) => {
    const c = parseCidr(p.value);
    return c !== undefined && subnet !== undefined && cidrContains(c, subnet.base);
  });
  const chosen = holding ?? (subnet === undefined ? prefixes[0] : undefined);
  if (chosen !== undefined) {
    const others = prefixes.filter((p) => p !== chosen).map((p) => p.value);
    d.set(['network', 'vnet'], chosen.value, chosen, ...(others.length > 0 ? [`other address prefixes not modelled: ${others.join(', ')}`] : []));
  } else {
    d.default('network.vnet', DEFAULTS.vnet, 'no VNet file (az network vnet show) or --vnet; the scenario default, used only for the overlap checks');
  }
}

function within(inner: string, outer: string): boolean {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  return a !== undefined && b !== undefined && a.prefix >= b.prefix && cidrContains(b, a.base);
}

/** Other tenants of one subnet: its ipConfigurations that are not the cluster's, and Terraform private endpoints. */
function othersIn(facts: ImportFacts, s: PoolSubnet, cluster: ClusterFacts | undefined, ilbHere: boolean): { count: number; ilb: number; from: string[] } {
  const sub = s.subnet;
  const t = countTenants(sub?.ipConfigurations ?? [], cluster?.nodeResourceGroup?.value);
  const tf = facts.tenants.filter((x) => sub !== undefined && x.subnetKey === sub.key);
  // ILB frontends outside the first pool's node subnet take addresses the model does not place: count them here.
  const ilbElsewhere = ilbHere ? 0 : t.ilbFrontends;
  const count = t.privateEndpoints + t.other + tf.length + ilbElsewhere;
  const parts: string[] = [];
  if (sub?.ipConfigurationsAt !== undefined && sub.ipConfigurations.length > 0) {
    const what = [
      t.privateEndpoints > 0 ? `${t.privateEndpoints} private endpoints` : '',
      t.other > 0 ? `${t.other} held by other resources (VMs, gateways, other clusters)` : '',
      ilbElsewhere > 0 ? `${ilbElsewhere} internal LB frontends` : '',
      `${t.clusterNodes} of the cluster's node NICs not counted`,
    ].filter((x) => x !== '');
    parts.push(`${what.join(', ')}: ${sub.ipConfigurationsAt}`);
  }
  for (const x of tf) parts.push(`${x.what.value}: ${formatSource(x.what)}`);
  return { count, ilb: ilbHere ? t.ilbFrontends : 0, from: parts };
}

/** Writes `network`: vnet, node and pod subnets, pod CIDR, service CIDR, DNS IP, usedByOthers, ILB frontends. */
export function writeNetwork(
  d: ScenarioDraft,
  facts: ImportFacts,
  cni: CniName,
  nodeSubnets: ReadonlyArray<PoolSubnet | undefined>,
  podSubnets: ReadonlyArray<PoolSubnet | undefined>,
  flags: NetworkFlags,
): void {
  const cluster = facts.clusters[0];
  const first = nodeSubnets[0];
  writeVnet(d, facts, first?.cidr, flags);
  if (first !== undefined) d.set(['network', 'nodeSubnet'], first.cidr, ...first.from);
  else d.default('network.nodeSubnet', DEFAULTS.nodeSubnet, 'no vnetSubnetId: the cluster is on the VNet AKS manages (its exact default range is UNCONFIRMED)');
  const usesPodSubnet = cni === 'pod-subnet-dynamic' || cni === 'pod-subnet-static';
  const pod = podSubnets[0];
  if (usesPodSubnet && pod !== undefined) d.set(['network', 'podSubnet'], pod.cidr, ...pod.from);

  if (cni === 'overlay' || cni === 'kubenet') {
    const overlayNnc = facts.nncs.find((n) => n.ncType?.value === 'overlay')?.subnetAddressSpace;
    const podCidr = cluster?.podCidr ?? overlayNnc;
    const nodeCidrs = facts.nodes.flatMap((n) => n.podCidr ?? []);
    const inside = podCidr === undefined ? [] : nodeCidrs.filter((c) => within(c.value, podCidr.value));
    const nodesNote = inside.length === 0 ? [] : [`${inside.length} nodes' /24s lie in it: ${inside[0]?.file ?? ''} $.items[*].spec.podCIDR`];
    if (podCidr !== undefined) d.set(['network', 'podCidr'], podCidr.value, podCidr, ...nodesNote);
    else d.default('network.podCidr', DEFAULTS.podCidr, 'no networkProfile.podCidr in the files; the AKS default');
  }
  const simple: Array<['serviceCidr' | 'dnsServiceIp', Source & { value: string } | undefined]> = [
    ['serviceCidr', cluster?.serviceCidr],
    ['dnsServiceIp', cluster?.dnsServiceIp],
  ];
  for (const [key, fact] of simple) {
    if (fact !== undefined) d.set(['network', key], fact.value, fact);
    else d.default(`network.${key}`, DEFAULTS[key], 'not in the files; the AKS default');
  }

  // usedByOthers per distinct subnet; internal LB frontends of the cluster in the first pool's node subnet.
  const seen = new Set<string>();
  let ilb = 0;
  const all = [...nodeSubnets.map((s, i) => ({ s, ilbHere: i === 0 })), ...(usesPodSubnet ? podSubnets.map((s) => ({ s, ilbHere: false })) : [])];
  for (const { s, ilbHere } of all) {
    if (s === undefined || seen.has(s.cidr)) continue;
    seen.add(s.cidr);
    const o = othersIn(facts, s, cluster, ilbHere);
    ilb += o.ilb;
    if (o.count > 0) d.set(['network', 'usedByOthers', s.cidr], o.count, ...o.from);
  }
  if (ilb > 0 && first?.subnet?.ipConfigurationsAt !== undefined) {
    d.set(['network', 'internalLoadBalancerFrontends'], ilb, `kubernetes-internal frontends: ${first.subnet.ipConfigurationsAt}`);
  }
}
