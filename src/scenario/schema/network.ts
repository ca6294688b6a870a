import { z } from 'zod';
import { CidrText, Ipv4Text } from './common.ts';

/**
 * The cluster's address plan. Defaults follow AKS: pod CIDR 10.244.0.0/16, service CIDR 10.0.0.0/16, DNS
 * 10.0.0.10 (configure-kubenet, azure-cni-overlay). The VNet and subnets default to a /12 VNet with a /16 node
 * subnet and a /16 pod subnet, which a user normally overrides.
 */
export const NetworkSchema = z
  .strictObject({
    vnet: CidrText.default('10.224.0.0/12').meta({ description: 'VNet address space (one IPv4 prefix).' }),
    nodeSubnet: CidrText.default('10.224.0.0/16').meta({ description: 'Default node subnet for every pool.' }),
    podSubnet: CidrText.default('10.225.0.0/16').meta({
      description: 'Default pod subnet for the Pod Subnet models (dynamic and static block); ignored by the others.',
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
