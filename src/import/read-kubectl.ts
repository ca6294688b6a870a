import type { NncFacts, NodeFacts } from './facts.ts';
import { JsonNode } from './json-node.ts';

/**
 * Readers for `kubectl get nodes -o json` and `kubectl get nodenetworkconfigs -A -o json` (a `List` of
 * `acn.azure.com/v1alpha` NodeNetworkConfig, https://github.com/Azure/azure-container-networking/blob/master/crd/nodenetworkconfig/api/v1alpha/nodenetworkconfig.go).
 */

function objects(root: JsonNode): JsonNode[] {
  const items = root.field('items');
  return items === undefined ? [root] : items.items();
}

/** AKS labels every node with its pool (`agentpool`, also `kubernetes.azure.com/agentpool`) and mode. */
export function readNodes(root: JsonNode): NodeFacts[] {
  return objects(root).flatMap((n) => {
    const name = n.at('metadata', 'name')?.string()?.value;
    if (name === undefined) return [];
    const labels = n.at('metadata', 'labels');
    const node: { -readonly [K in keyof NodeFacts]: NodeFacts[K] } = { name };
    const pool = labels?.field('agentpool', 'kubernetes.azure.com/agentpool')?.string();
    if (pool !== undefined) node.pool = pool;
    const mode = labels?.field('kubernetes.azure.com/mode')?.string();
    if (mode !== undefined) node.mode = mode;
    const type = labels?.field('kubernetes.azure.com/podnetwork-type')?.string();
    if (type !== undefined) node.podNetworkType = type;
    const podCidr = n.at('spec', 'podCIDR')?.string();
    if (podCidr !== undefined) node.podCidr = podCidr;
    const maxPods = n.at('status', 'capacity', 'pods')?.int();
    if (maxPods !== undefined) node.maxPods = maxPods;
    return [node];
  });
}

export function readNncs(root: JsonNode): NncFacts[] {
  return objects(root).flatMap((n) => {
    const node = n.at('metadata', 'name')?.string()?.value;
    if (node === undefined) return [];
    const nnc: { -readonly [K in keyof NncFacts]: NncFacts[K] } = { node };
    const requested = n.at('spec', 'requestedIPCount')?.int();
    if (requested !== undefined) nnc.requested = requested;
    const allocated = n.at('status', 'assignedIPCount')?.int();
    if (allocated !== undefined) nnc.allocated = allocated;
    const nc = n.at('status', 'networkContainers')?.items()[0];
    const type = nc?.field('type')?.string();
    if (type !== undefined) nnc.ncType = type;
    const space = nc?.field('subnetAddressSpace')?.string();
    if (space !== undefined) nnc.subnetAddressSpace = space;
    const max = n.at('status', 'scaler', 'maxIPCount')?.int();
    if (max !== undefined) nnc.maxIpCount = max;
    return [nnc];
  });
}

/** The pool of an AKS node from its name, `aks-<pool>-<digits>-vmss<6 base-36>`, when no label says it. */
export function poolFromNodeName(name: string): string | undefined {
  return /^aks-([a-z][a-z0-9]{0,11})-\d+-vmss[0-9a-z]{6}$/.exec(name)?.[1];
}
