/**
 * The networking models cnisim compares. Names are the CLI's and the scenario format's.
 * Azure CNI Powered by Cilium uses one of these IPAMs (Overlay, Pod Subnet or Node Subnet) with the same VNet-IP
 * rules, so it is not a separate IPAM model (reference §1.6).
 */
export const CNI_NAMES = ['overlay', 'node-subnet', 'pod-subnet-dynamic', 'pod-subnet-static', 'kubenet'] as const;
export type CniName = (typeof CNI_NAMES)[number];
