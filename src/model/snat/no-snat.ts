/**
 * Which connections go through the outbound SNAT at all. Only traffic leaving the VNet does:
 * - pod-to-pod and pod-to-service traffic stays in the cluster. Under Overlay it is routed in the Azure routing
 *   domain without SNAT ("Pod-to-pod traffic with Azure CNI Overlay isn't encapsulated"); under kubenet by the
 *   route table; under the flat models pods have VNet IPs.
 *   https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-overlay
 * - destinations in the VNet: the flat models send the pod IP ("Destinations in the VNet see the pod IP",
 *   https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni); Overlay and kubenet SNAT to the
 *   node's own IP ("Traffic leaving the pod CIDR is SNATed to the node IP"), which uses the node's ports, not the
 *   outbound's inventory.
 * - destinations outside the VNet are SNATed by the outbound type (load balancer, NAT gateway, firewall).
 */
import type { CniName } from '../ipam/cni.ts';

export type DestinationClass = 'external' | 'vnet' | 'service' | 'pod-same-node' | 'pod-other-node';

/** How a connection leaves the node, as the CSV and docs name it. */
export type EgressPath = 'outbound-snat' | 'node-ip-masquerade' | 'no-snat';

export function egressPath(dest: DestinationClass, cni: CniName): EgressPath {
  if (dest === 'external') return 'outbound-snat';
  if (dest === 'vnet' && (cni === 'overlay' || cni === 'kubenet')) return 'node-ip-masquerade';
  return 'no-snat';
}

/** True when the connection takes a port from the outbound type's inventory. */
export function usesOutboundSnat(dest: DestinationClass, cni: CniName): boolean {
  return egressPath(dest, cni) === 'outbound-snat';
}
