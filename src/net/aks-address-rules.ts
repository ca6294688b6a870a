import type { Cidr } from './cidr.ts';
import { cidrSize, parseCidr } from './cidr.ts';

/**
 * AKS rules for the cluster's address plan (service CIDR, DNS service IP, pod CIDR, VNet), as stated in
 * ../shared/reference/azure-networking.md §2.3–§2.4, each with its source.
 */

const CNI_OVERVIEW = 'https://learn.microsoft.com/en-us/azure/aks/concepts-network-cni-overview';
const LEGACY_CNI = 'https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni';
const OVERLAY_CONCEPTS = 'https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-overlay';
const PLANNING = 'https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning';
const AKS_CHANGELOG = 'https://github.com/Azure/AKS/blob/master/CHANGELOG.md';

function cidr(text: string): Cidr {
  const c = parseCidr(text);
  if (c === undefined) throw new Error(`bad built-in CIDR ${text}`);
  return c;
}

// "Kubernetes service, pod, and cluster virtual network address ranges" must not use these; "AKS rejects pod
// CIDRs that overlap a reserved range … 172.16.0.0/12 isn't valid". concepts-network-cni-overview
export const AKS_FORBIDDEN_RANGE_TEXTS = ['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24'] as const;
export const AKS_FORBIDDEN_RANGES: readonly Cidr[] = AKS_FORBIDDEN_RANGE_TEXTS.map(cidr);
export const FORBIDDEN_RANGE_RULE = `AKS reserves 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24; service, pod and VNet ranges must not overlap them (${CNI_OVERVIEW})`;

// The service CIDR "must be smaller than /12" (concepts-network-azure-cni-overlay; concepts-network-ip-address-
// planning). CONFLICT: kube-apiserver accepts /12, so `assumptions.serviceCidrAllowSlash12` can allow it.
export const SERVICE_CIDR_LARGEST_PREFIX_AKS = 13;
export const SERVICE_CIDR_LARGEST_PREFIX_UPSTREAM = 12;
export const SERVICE_CIDR_SIZE_RULE = `the service CIDR must be smaller than /12 (${OVERLAY_CONCEPTS}); CONFLICT: kube-apiserver accepts /12, set assumptions.serviceCidrAllowSlash12`;

// The DNS service IP "must be within the Kubernetes service address range. Don't use the first IP address in
// your address range. The first address … is used for the kubernetes.default.svc.cluster.local address."
// concepts-network-legacy-cni. The network address (.0) used to be accepted and broke DNS (Azure/AKS#2579).
export const DNS_SERVICE_IP_RULE = `the DNS service IP must be inside the service CIDR and not its first address, which kubernetes.default.svc uses (${LEGACY_CNI})`;

// The service CIDR "shouldn't overlap with the pod CIDR range, cluster subnet range, and IP range used in peered
// virtual networks and on-premises networks" (concepts-network-azure-cni-overlay); it "must not be in the
// cluster VNet range" (concepts-network-legacy-cni).
export const SERVICE_CIDR_OVERLAP_RULE = `the service CIDR must not overlap the VNet, its subnets or the pod CIDR (${OVERLAY_CONCEPTS}; ${LEGACY_CNI})`;

// Overlay: the pod CIDR must not overlap the cluster subnets; since release 2024-10-25 the check is per subnet of
// the VNet rather than the whole VNet address space (AKS CHANGELOG). concepts-network-azure-cni-overlay
export const OVERLAY_POD_CIDR_OVERLAP_RULE = `the Overlay pod CIDR must not overlap any subnet of the VNet (${OVERLAY_CONCEPTS}; AKS CHANGELOG 2024-10-25, ${AKS_CHANGELOG})`;
// kubenet: no relaxation is documented, so the pod CIDR must stay out of the VNet address space
// (kubenet→Overlay migration rule, https://learn.microsoft.com/en-us/azure/aks/update-azure-cni).
export const KUBENET_POD_CIDR_OVERLAP_RULE = 'the kubenet pod CIDR must not overlap the virtual network address of the node pools (https://learn.microsoft.com/en-us/azure/aks/update-azure-cni)';

// "Azure Virtual Network | Max size /8. 65,536 configured IP address limit". concepts-network-ip-address-planning
export const VNET_LARGEST_PREFIX = 8;
export const VNET_SIZE_RULE = `an AKS virtual network is at most /8 (${PLANNING})`;

// Overlay pod CIDR: "Only RFC 1918 and RFC 6598 ranges are supported"; public ranges are "outside Microsoft's
// support scope" (concepts-network-azure-cni-overlay). Not refused by AKS, so cnisim warns.
export const OVERLAY_SUPPORTED_POD_CIDR_TEXTS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'] as const;
const OVERLAY_SUPPORTED_POD_CIDRS: readonly Cidr[] = OVERLAY_SUPPORTED_POD_CIDR_TEXTS.map(cidr);
export const OVERLAY_POD_CIDR_SUPPORT_RULE = `only RFC 1918 and RFC 6598 ranges (${OVERLAY_SUPPORTED_POD_CIDR_TEXTS.join(', ')}) are supported as the Overlay pod CIDR; public ranges are outside Microsoft's support scope (${OVERLAY_CONCEPTS})`;

/** Whether the pod CIDR lies wholly inside one of the private ranges Microsoft supports for Overlay. */
export function isSupportedOverlayPodCidr(c: Cidr): boolean {
  return OVERLAY_SUPPORTED_POD_CIDRS.some((r) => r.prefix <= c.prefix && c.base >= r.base && c.base + cidrSize(c) <= r.base + cidrSize(r));
}
