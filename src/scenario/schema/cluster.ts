import { z } from 'zod';
import { CidrText, PeriodSeconds, Seconds, SurgeText } from './common.ts';

export const PoolSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9]{0,11}$/, { message: 'lowercase letters and digits, starting with a letter, at most 12 characters (AKS pool name rule)' }),
  mode: z.enum(['system', 'user']).default('user'),
  count: z.int().min(0).max(1000).meta({ description: 'Nodes at start (0..1,000 per pool, AKS quotas).' }),
  maxPods: z.int().optional().meta({ description: 'Pods per node (10..250). Default depends on the networking model.' }),
  autoscale: z
    .strictObject({ minCount: z.int().min(0).max(1000), maxCount: z.int().min(0).max(1000) })
    .optional()
    .meta({ description: 'Cluster autoscaler bounds; absent means a fixed-size pool.' }),
  maxSurge: SurgeText.optional().meta({ description: 'Upgrade surge: node count or percentage, rounded up.' }),
  nodeSubnet: CidrText.optional().meta({ description: 'This pool\'s node subnet; pools naming the same CIDR share it.' }),
  podSubnet: CidrText.optional().meta({ description: 'This pool\'s pod subnet (Pod Subnet models).' }),
});
export type PoolSpec = z.infer<typeof PoolSchema>;

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
});

export const ScaleEventSchema = z.strictObject({
  atS: Seconds.meta({ description: 'When the manual scale (az aks nodepool scale) happens.' }),
  pool: z.string(),
  count: z.int().min(0).max(1000).meta({ description: 'New node count of the pool.' }),
});

export const ClusterSchema = z.strictObject({
  pools: z.array(PoolSchema).min(1).max(100).meta({ description: '1..100 node pools (AKS quotas).' }),
  autoscaler: AutoscalerSchema,
  upgrades: z.array(UpgradeSchema).default([]),
  scaleEvents: z.array(ScaleEventSchema).default([]).meta({ description: 'Manual pool scale operations.' }),
});
export type ClusterSpec = z.infer<typeof ClusterSchema>;
