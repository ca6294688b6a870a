import { z } from 'zod';
import { parseCidr } from '../../net/cidr.ts';
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
    usedByOthers: z.record(CidrText, z.int().min(0)).default({}).meta({
      description:
        'Addresses of a node or pod subnet (keyed by its CIDR) used by anything that is not this cluster: private endpoints, other VMs, gateways. The planner and the simulator subtract them from the subnet.',
    }),
  })
  .prefault({});
export type NetworkSpec = z.infer<typeof NetworkSchema>;

/** Addresses other tenants use in the subnet `cidrText` (keys match by address and prefix, not by spelling). */
export function usedByOthersIn(network: Pick<NetworkSpec, 'usedByOthers'>, cidrText: string): number {
  const c = parseCidr(cidrText);
  if (c === undefined) return 0;
  let n = 0;
  for (const [key, count] of Object.entries(network.usedByOthers)) {
    const k = parseCidr(key);
    if (k !== undefined && k.base === c.base && k.prefix === c.prefix) n += count;
  }
  return n;
}
