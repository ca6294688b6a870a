import { z } from 'zod';
import { parseCidr6 } from '../../net/cidr6.ts';
import { MANAGED_NODE_SUBNET, MANAGED_POD_SUBNET, MANAGED_VNET } from '../../net/managed-vnet.ts';
import { DEFAULT_POD_CIDR, DEFAULT_POD_CIDR_IPV6, DEFAULT_SERVICE_CIDR, DEFAULT_SERVICE_CIDR_IPV6, resolveFamilies } from '../../net/ip-families.ts';
import { CidrText, Ipv4Text } from './common.ts';

/** An IPv6 CIDR such as `fd00:10:224::/64` (host bits must be zero). */
export const Cidr6Text = z
  .string()
  .refine((s) => parseCidr6(s) !== undefined, { message: 'an IPv6 CIDR like fd00:10:224::/64, with no host bits set' })
  .meta({ description: 'IPv6 CIDR, e.g. fd00:10:224::/64' });

/**
 * The cluster's address plan. Defaults follow AKS: pod CIDR 10.244.0.0/16, service CIDR 10.0.0.0/16, DNS
 * 10.0.0.10 (configure-kubenet, azure-cni-overlay); dual-stack adds fd12:3456:789a::/64 for pods and
 * fd12:3456:789a:1::/108 for services (configure-dual-stack). The VNet and subnets: the managed VNet's
 * (src/net/managed-vnet.ts), only when no subnet is given.
 *
 * `ipFamilies`, `podCidrs` and `serviceCidrs` are the az CLI's dual-stack fields; the single-family `podCidr` and
 * `serviceCidr` keep working. After parsing, `podCidr`/`serviceCidr` hold the IPv4 ranges in force and
 * `podCidrIpv6`/`serviceCidrIpv6` the IPv6 ones (null for an IPv4-only cluster).
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
    podCidr: CidrText.optional().meta({ description: `Overlay and kubenet IPv4 pod CIDR (a /24 per node). Default ${DEFAULT_POD_CIDR}.` }),
    serviceCidr: CidrText.optional().meta({ description: `IPv4 service CIDR. Default ${DEFAULT_SERVICE_CIDR}.` }),
    dnsServiceIp: Ipv4Text.default('10.0.0.10'),
    internalLoadBalancerFrontends: z.int().min(0).default(0).meta({
      description: 'Internal load balancer frontend IPs taken from the first pool\'s node subnet (concepts-network-ip-address-planning).',
    }),
    usedByOthers: z.record(CidrText, z.int().min(0)).default({}).meta({
      description:
        'Addresses of a node or pod subnet (keyed by its CIDR) used by anything that is not this cluster: private endpoints, other VMs, gateways. The planner and the simulator subtract them from the subnet.',
    }),
    ipFamilies: z.array(z.string()).min(1).max(2).optional().meta({
      description: 'IP families, as az --ip-families: [IPv4] (default) or [IPv4, IPv6] (dual-stack, Overlay and kubenet). IPv6-only is not supported.',
    }),
    podCidrs: z.array(z.string()).min(1).max(2).optional().meta({
      description: `Pod CIDRs, one per family, as az --pod-cidrs. Dual-stack default [${DEFAULT_POD_CIDR}, ${DEFAULT_POD_CIDR_IPV6}].`,
    }),
    serviceCidrs: z.array(z.string()).min(1).max(2).optional().meta({
      description: `Service CIDRs, one per family, as az --service-cidrs; the IPv6 one at most /108. Dual-stack default [${DEFAULT_SERVICE_CIDR}, ${DEFAULT_SERVICE_CIDR_IPV6}].`,
    }),
    vnetIpv6: Cidr6Text.optional().meta({ description: 'Dual-stack: the VNet\'s IPv6 address space; subnets\' IPv6 ranges must lie inside it.' }),
    nodeSubnetIpv6: Cidr6Text.optional().meta({
      description: 'Dual-stack: the IPv6 range of the default node subnet, exactly /64 (VNet FAQ). Absent: the subnet\'s /64 is not checked for overlaps.',
    }),
    networkPolicy: z.enum(['none', 'azure', 'calico', 'cilium']).default('none').meta({
      description: 'Network policy engine, as az --network-policy. Dual-stack supports neither Azure NPM nor Calico (configure-dual-stack).',
    }),
    virtualNodes: z.boolean().default(false).meta({
      description: 'Whether the virtual nodes add-on (ACI) is enabled. Dual-stack does not support it (configure-dual-stack).',
    }),
  })
  .transform((n, ctx) => {
    const { ipFamilies, podCidrs, serviceCidrs, podCidr, serviceCidr, ...rest } = n;
    const { value, problems } = resolveFamilies({ ipFamilies, podCidrs, podCidr, serviceCidrs, serviceCidr });
    for (const p of problems) {
      const rule = p.rule === undefined ? '' : ` (${p.rule})`;
      ctx.issues.push({ code: 'custom', path: [...p.path], input: p.value, message: `${p.allowed}${rule}` });
    }
    return { ...rest, ...value };
  })
  .prefault({});
export type NetworkSpec = z.output<typeof NetworkSchema>;
