import type { IpConfigFact } from './facts.ts';

/**
 * Whose is each address in a subnet. The cluster's own are its node NICs (a VM scale set `aks-<pool>-<n>-vmss`
 * or, for VirtualMachines pools, a NIC named `aks-<pool>-…`, in the cluster's node resource group) and its
 * internal load balancer frontends (`kubernetes-internal`). Everything else (private endpoints, other VMs,
 * gateways, another cluster's nodes) is an address the cluster cannot use.
 */
export type Holder = 'cluster-node' | 'cluster-ilb' | 'private-endpoint' | 'other';

const RG = /\/resourcegroups\/([^/]+)\//i;

export function holderOf(ipConfigId: string, nodeResourceGroup: string | undefined): Holder {
  const id = ipConfigId.toLowerCase();
  const rg = RG.exec(id)?.[1];
  const inNodeRg = nodeResourceGroup === undefined ? rg?.startsWith('mc_') === true : rg === nodeResourceGroup.toLowerCase();
  if (inNodeRg && /\/providers\/microsoft\.network\/loadbalancers\/kubernetes-internal\/frontendipconfigurations\//.test(id)) return 'cluster-ilb';
  if (inNodeRg && /\/providers\/microsoft\.compute\/virtualmachinescalesets\/aks-[^/]+\/virtualmachines\//.test(id)) return 'cluster-node';
  if (inNodeRg && /\/providers\/microsoft\.network\/networkinterfaces\/aks-[^/]+\/ipconfigurations\//.test(id)) return 'cluster-node';
  // A private endpoint's NIC is named `<endpoint>.nic.<guid>` and its configuration `privateEndpointIpConfig.<guid>`.
  if (/\/ipconfigurations\/privateendpointipconfig\./.test(id) || /\.nic\.[0-9a-f-]{36}\//.test(id)) return 'private-endpoint';
  return 'other';
}

export interface TenantCount {
  readonly clusterNodes: number;
  readonly ilbFrontends: number;
  readonly privateEndpoints: number;
  readonly other: number;
}

export function countTenants(configs: readonly IpConfigFact[], nodeResourceGroup: string | undefined): TenantCount {
  let clusterNodes = 0;
  let ilbFrontends = 0;
  let privateEndpoints = 0;
  let other = 0;
  for (const c of configs) {
    const h = holderOf(c.id.value, nodeResourceGroup);
    if (h === 'cluster-node') clusterNodes++;
    else if (h === 'cluster-ilb') ilbFrontends++;
    else if (h === 'private-endpoint') privateEndpoints++;
    else other++;
  }
  return { clusterNodes, ilbFrontends, privateEndpoints, other };
}
