import { z } from 'zod';
import { CidrText, Ipv4Text } from './common.ts';

/**
 * The managed VNet AKS creates when the user brings none: VNet 10.224.0.0/12, node subnet 10.224.0.0/16, pod
 * subnet 10.225.0.0/16. cnisim assumes it only when no VNet subnet is given; a user who brings a subnet brings a
 * VNet cnisim has not been told about, so without `vnet` it is unknown (see src/scenario/pool-subnets.ts).
 */
export const MANAGED_VNET = '10.224.0.0/12';
export const MANAGED_NODE_SUBNET = '10.224.0.0/16';
export const MANAGED_POD_SUBNET = '10.225.0.0/16';

/**
 * The cluster's address plan. Defaults follow AKS: pod CIDR 10.244.0.0/16, service CIDR 10.0.0.0/16, DNS
 * 10.0.0.10 (configure-kubenet, azure-cni-overlay); the VNet and subnets as above.
 */
export const NetworkSchema = z
  .strictObject({
    vnet: CidrText.optional().meta({
      description: `VNet address space (one IPv4 prefix). Default ${MANAGED_VNET} (the managed VNet) when no subnet is given; when a subnet is given without it, the VNet is unknown and not checked.`,
    }),
    nodeSubnet: CidrText.optional().meta({
      description: `Default node subnet for every pool. Default ${MANAGED_NODE_SUBNET} only when no subnet is given anywhere.`,
    }),
    podSubnet: CidrText.optional().meta({
      description: `Default pod subnet for the Pod Subnet models (dynamic and static block); ignored by the others. Default ${MANAGED_POD_SUBNET} only when no subnet is given anywhere.`,
    }),
    podCidr: CidrText.default('10.244.0.0/16').meta({ description: 'Overlay and kubenet pod CIDR (a /24 per node).' }),
    serviceCidr: CidrText.default('10.0.0.0/16'),
    dnsServiceIp: Ipv4Text.default('10.0.0.10'),
    internalLoadBalancerFrontends: z.int().min(0).default(0).meta({
      description: 'Internal load balancer frontend IPs taken from the first pool\'s node subnet (concepts-network-ip-address-planning).',
    }),
  })
  .prefault({});
export type NetworkSpec = z.infer<typeof NetworkSchema>;
