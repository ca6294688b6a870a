import { z } from 'zod';
import { SurgeText } from './common.ts';

/**
 * Facts the Azure sources disagree on, or do not state (see ../shared/reference/azure-networking.md §7).
 * Each is a parameter with the documented default, so a user can take the other side.
 */
export const AssumptionsSchema = z
  .strictObject({
    maxSurgeDefault: SurgeText.default('10%').meta({
      description:
        'Default max surge when a pool sets none. CONFLICT: 1 node (older docs) vs 10% (AKS ≥ 1.32, CHANGELOG 2025-03-16). Default 10%.',
    }),
    podSubnetDefaultMaxPods: z.int().min(10).max(250).default(110).meta({
      description:
        'Default maxPods for the Pod Subnet models. CONFLICT: 110 (concepts-network-ip-address-planning) vs 250 (configure-azure-cni-dynamic-ip-allocation). Default 110.',
    }),
    overlayPodCidrCountsSurge: z.boolean().default(false).meta({
      description:
        "Whether the RP's Overlay pod CIDR capacity check counts surge nodes. UNCONFIRMED (AKS issue 4467 claims maxCount+1). Default false.",
    }),
    overlayMaxPodsPerCluster: z.int().min(1).default(200_000).meta({
      description:
        'Pods an Overlay cluster runs at most. CONFLICT: 200,000 (best-practices-performance-scale-large) vs 250,000 (plan-pod-networking). Default 200,000, the lower.',
    }),
    serviceCidrAllowSlash12: z.boolean().default(false).meta({
      description:
        'Whether a /12 service CIDR is accepted. CONFLICT: AKS says "smaller than /12"; kube-apiserver accepts /12. Default false.',
    }),
    ipv6NodeBlockPrefix: z.int().min(48).max(120).default(80).meta({
      description:
        'Dual-stack: prefix length of the IPv6 block each node takes from the IPv6 pod CIDR. UNCONFIRMED as a rule: /80 is only shown in configure-dual-stack\'s example output. Default 80.',
    }),
    tier: z.enum(['free', 'standard', 'premium']).default('standard').meta({
      description: 'AKS pricing tier: Free supports 1,000 nodes, Standard and Premium 5,000 (free-standard-pricing-tiers).',
    }),
  })
  .prefault({});
export type Assumptions = z.infer<typeof AssumptionsSchema>;
