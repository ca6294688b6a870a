import { InputError } from '../error/input-error.ts';
import type { CniName } from '../model/ipam/cni.ts';
import type { ImportFacts, PoolFacts } from './facts.ts';
import { formatSource, type Source } from './provenance.ts';

/** The networking model and the facts that decided it. */
export interface ModelChoice {
  readonly cni: CniName;
  readonly from: readonly Source[];
}

// networkPlugin/networkPluginMode/podSubnetID/podIPAllocationMode select the model:
// https://learn.microsoft.com/en-us/azure/aks/concepts-network-cni-overview ; StaticBlock:
// https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-static-block-allocation
function podSubnetModel(pools: readonly PoolFacts[]): ModelChoice | undefined {
  const withPodSubnet = pools.filter((p) => p.podSubnetId !== undefined);
  const first = withPodSubnet[0]?.podSubnetId;
  if (first === undefined) return undefined;
  const modes = new Set(withPodSubnet.map((p) => p.podIpAllocationMode?.value ?? 'DynamicIndividual'));
  if (modes.size > 1) {
    throw new InputError([
      {
        code: 'mixed-pod-ip-allocation',
        path: withPodSubnet.map((p) => formatSource(p.podIpAllocationMode ?? p.name)).join(', '),
        value: [...modes].join(' and '),
        allowed: 'one podIpAllocationMode for every pool: a scenario has one networking model (import the pools of each mode separately)',
      },
    ]);
  }
  const staticPool = withPodSubnet.find((p) => p.podIpAllocationMode?.value === 'StaticBlock');
  if (staticPool?.podIpAllocationMode !== undefined) return { cni: 'pod-subnet-static', from: [staticPool.podIpAllocationMode] };
  return { cni: 'pod-subnet-dynamic', from: [first] };
}

const LABEL_MODELS: Readonly<Record<string, CniName>> = { overlay: 'overlay', vnet: 'pod-subnet-dynamic', vnetblock: 'pod-subnet-static' };

/** Decides the model from the cluster's network profile, else its pools, else the nodes' labels or NNCs. */
export function chooseModel(facts: ImportFacts, pools: readonly PoolFacts[]): ModelChoice {
  const cluster = facts.clusters[0];
  const plugin = cluster?.networkPlugin;
  if (cluster !== undefined && plugin !== undefined) {
    const name = plugin.value.toLowerCase();
    if (name === 'kubenet') return { cni: 'kubenet', from: [plugin] };
    if (name === 'azure') {
      const mode = cluster.networkPluginMode;
      if (mode?.value.toLowerCase() === 'overlay') return { cni: 'overlay', from: [plugin, mode] };
      return podSubnetModel(pools) ?? { cni: 'node-subnet', from: [plugin] };
    }
    throw new InputError([
      {
        code: 'unsupported-network-plugin',
        path: formatSource(plugin),
        value: JSON.stringify(plugin.value),
        allowed: '"azure" (Overlay, Node Subnet, Pod Subnet) or "kubenet"; "none" (bring your own CNI) has no AKS IPAM to model',
      },
    ]);
  }
  const fromPools = podSubnetModel(pools);
  if (fromPools !== undefined) return fromPools;
  const label = facts.nodes.find((n) => n.podNetworkType !== undefined && LABEL_MODELS[n.podNetworkType.value] !== undefined)?.podNetworkType;
  if (label !== undefined) return { cni: LABEL_MODELS[label.value] as CniName, from: [label] };
  const nc = facts.nncs.find((n) => n.ncType !== undefined && LABEL_MODELS[n.ncType.value] !== undefined)?.ncType;
  if (nc !== undefined) return { cni: LABEL_MODELS[nc.value] as CniName, from: [nc] };
  throw new InputError([
    {
      code: 'unknown-network-model',
      path: 'the files given',
      value: 'no networkProfile, pod subnet or podnetwork-type label',
      allowed: 'the cluster among the files: `az aks show -g RG -n CLUSTER -o json` (or kubectl get nodes -o json on an Overlay or Pod Subnet cluster)',
    },
  ]);
}
