import { z } from 'zod';
import { UPGRADE_CONCURRENCIES, ZERO_SURGE_RULE, isZeroSetting } from '../../model/cluster/surge.ts';
import { CidrText, PeriodSeconds, Seconds, SurgeText } from './common.ts';
import { Cidr6Text } from './network.ts';

export const PoolSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9]{0,11}$/, { message: 'lowercase letters and digits, starting with a letter, at most 12 characters (AKS pool name rule)' }),
  mode: z.enum(['system', 'user']).optional().meta({
    description: 'system or user. Default: the first pool system (as az aks create makes its initial pool, use-system-pools), the others user.',
  }),
  count: z.int().min(0).max(1000).meta({ description: 'Nodes at start (0..1,000 per pool, AKS quotas).' }),
  maxPods: z.int().optional().meta({ description: 'Pods per node (10..250). Default depends on the networking model.' }),
  autoscale: z
    .strictObject({ minCount: z.int().min(0).max(1000), maxCount: z.int().min(0).max(1000) })
    .optional()
    .meta({ description: 'Cluster autoscaler bounds; absent means a fixed-size pool.' }),
  maxSurge: SurgeText.optional().meta({ description: 'Upgrade surge: node count or percentage, rounded up; 0 adds no node (then maxUnavailable must be > 0).' }),
  maxUnavailable: SurgeText.optional().meta({
    description: 'Upgrade: nodes drained and reimaged in place at once besides the surge, a node count or percentage rounded up (default 0).',
  }),
  nodeSubnet: CidrText.optional().meta({ description: 'This pool\'s node subnet; pools naming the same CIDR share it.' }),
  podSubnet: CidrText.optional().meta({ description: 'This pool\'s pod subnet (Pod Subnet models).' }),
  nodeSubnetIpv6: Cidr6Text.optional().meta({ description: 'Dual-stack: the IPv6 range (exactly /64) of this pool\'s node subnet.' }),
}).superRefine((p, ctx) => {
  // Only an explicit maxSurge is checked here; a zero assumptions.maxSurgeDefault is checked where both are known.
  if (p.maxSurge !== undefined && isZeroSetting(p.maxSurge) && isZeroSetting(p.maxUnavailable ?? 0)) {
    ctx.addIssue({ code: 'custom', path: ['maxSurge'], message: `maxSurge greater than 0, or maxUnavailable greater than 0: ${ZERO_SURGE_RULE}` });
  }
});
export type PoolSpec = z.infer<typeof PoolSchema> & { readonly mode: 'system' | 'user' };

export const AutoscalerSchema = z
  .strictObject({
    scanIntervalS: PeriodSeconds.default(10).meta({ description: 'Cluster autoscaler loop period, at least 1 ms (upstream default 10 s).' }),
    provisioningDelayS: Seconds.default(180).meta({ description: 'VM create + boot + node ready.' }),
    scaleDownUnneededS: Seconds.default(600).meta({ description: 'A node must be unneeded this long before removal (upstream default 10 min).' }),
    scaleDownUtilization: z.number().min(0).max(1).default(0.5).meta({ description: 'Below this share of maxPods a node is unneeded (upstream default 0.5).' }),
    scaleUpBackoffS: Seconds.default(300).meta({ description: 'After a failed scale-up (no IPs, limits), the pool is not retried for this long (upstream default 5 min).' }),
  })
  .prefault({});

export const UpgradeSchema = z.strictObject({
  atS: Seconds.meta({ description: 'When the rolling upgrade starts.' }),
  pools: z.array(z.string()).optional().meta({ description: 'Pools to upgrade, in order; default all.' }),
  drainS: Seconds.default(60).meta({ description: 'Time to cordon and drain one node.' }),
  concurrency: z.enum(UPGRADE_CONCURRENCIES).default('all').meta({
    description: 'all: the listed pools upgrade at once, as az aks upgrade does (that they surge at the same instant is UNCONFIRMED); sequential: one after another.',
  }),
});

export const ScaleEventSchema = z.strictObject({
  atS: Seconds.meta({ description: 'When the manual scale (az aks nodepool scale) happens.' }),
  pool: z.string(),
  count: z.int().min(0).max(1000).meta({ description: 'New node count of the pool.' }),
});

export const ClusterSchema = z.strictObject({
  pools: z
    .array(PoolSchema)
    .min(1)
    .max(100)
    .transform((pools) => pools.map((p, i) => ({ ...p, mode: p.mode ?? (i === 0 ? ('system' as const) : ('user' as const)) })))
    .meta({ description: '1..100 node pools (AKS quotas); at least one system pool with a node.' }),
  autoscaler: AutoscalerSchema,
  upgrades: z.array(UpgradeSchema).default([]),
  scaleEvents: z.array(ScaleEventSchema).default([]).meta({ description: 'Manual pool scale operations.' }),
});
export type ClusterSpec = z.infer<typeof ClusterSchema>;
