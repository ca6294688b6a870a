import { armBody, JsonNode } from './json-node.ts';

/** The kinds of file `cnisim import` reads, told apart by content, never by file name. */
export const IMPORT_KINDS = {
  'aks-cluster': 'az aks show -o json (or the REST/ARM ManagedCluster, with or without the properties wrapper)',
  'aks-nodepools': 'az aks nodepool list -o json / az aks nodepool show -o json (or REST agentPools)',
  'subnets': 'az network vnet subnet show -o json / az network vnet subnet list -o json',
  'vnets': 'az network vnet show -o json / az network vnet list -o json',
  'terraform': 'terraform show -json (state or plan) with azurerm_kubernetes_cluster, _node_pool, azurerm_subnet, azurerm_virtual_network',
  'k8s-nodes': 'kubectl get nodes -o json',
  'k8s-nnc': 'kubectl get nodenetworkconfigs -A -o json',
} as const;
export type ImportKind = keyof typeof IMPORT_KINDS;

/** The ARM resource types by lowercase name (ARM types are case-insensitive). */
const CLUSTER_TYPE = 'microsoft.containerservice/managedclusters';
const POOL_TYPE = 'microsoft.containerservice/managedclusters/agentpools';
const SUBNET_TYPE = 'microsoft.network/virtualnetworks/subnets';
const VNET_TYPE = 'microsoft.network/virtualnetworks';

function armType(n: JsonNode): string {
  const t = n.field('type')?.value;
  return typeof t === 'string' ? t.toLowerCase() : '';
}

/** The kind of one ARM resource (az or REST), or undefined. */
function resourceKind(n: JsonNode): ImportKind | undefined {
  if (!n.isObject()) return undefined;
  const type = armType(n);
  const body = armBody(n);
  if (type === CLUSTER_TYPE || body.field('agentPoolProfiles') !== undefined || (body.field('networkProfile') !== undefined && body.field('dnsPrefix', 'fqdn') !== undefined)) return 'aks-cluster';
  if (type === POOL_TYPE || (body.field('vmSize') !== undefined && (body.field('count') !== undefined || body.field('mode') !== undefined))) return 'aks-nodepools';
  if (type === SUBNET_TYPE || body.field('addressPrefix', 'addressPrefixes') !== undefined) return 'subnets';
  if (type === VNET_TYPE || body.field('addressSpace') !== undefined) return 'vnets';
  return undefined;
}

/**
 * The kind of a parsed file: an ARM resource or a list of them (a JSON array from az, `{value: [...]}` from
 * REST), a Terraform JSON document, or a Kubernetes object or list. Undefined when it is none of them.
 */
export function detectKind(data: unknown): ImportKind | undefined {
  const root = new JsonNode(data, '');
  if (Array.isArray(data)) return listKind(root.items());
  if (!root.isObject()) return undefined;
  if (root.field('format_version') !== undefined && (root.field('values') !== undefined || root.field('planned_values') !== undefined)) return 'terraform';
  const kind = root.field('kind')?.value;
  if (typeof kind === 'string') {
    const items = root.field('items');
    const k8s = (k: unknown) => (k === 'Node' ? 'k8s-nodes' : k === 'NodeNetworkConfig' ? 'k8s-nnc' : undefined);
    if (items !== undefined && (kind === 'List' || kind.endsWith('List'))) {
      if (kind === 'NodeList') return 'k8s-nodes';
      if (kind === 'NodeNetworkConfigList') return 'k8s-nnc';
      const kinds = new Set(items.items().map((i) => k8s(i.field('kind')?.value)));
      return kinds.size === 1 ? [...kinds][0] : undefined;
    }
    const single = k8s(kind);
    if (single !== undefined) return single;
  }
  const value = root.field('value');
  if (value !== undefined && Array.isArray(value.value)) return listKind(value.items());
  return resourceKind(root);
}

function listKind(items: readonly JsonNode[]): ImportKind | undefined {
  if (items.length === 0) return undefined;
  const kinds = new Set(items.map(resourceKind));
  return kinds.size === 1 ? [...kinds][0] : undefined;
}
