import { z } from 'zod';
import { PeriodSeconds, Seconds } from './common.ts';

const Step = z.strictObject({ kind: z.literal('step'), atS: Seconds, replicas: z.int().min(0) });
const Ramp = z.strictObject({ kind: z.literal('ramp'), fromS: Seconds, toS: Seconds, replicas: z.int().min(0) });
const Diurnal = z.strictObject({
  kind: z.literal('diurnal'),
  periodS: PeriodSeconds.default(86_400),
  min: z.int().min(0),
  max: z.int().min(0),
  peakAtS: Seconds.default(50_400).meta({ description: 'Time of day of the peak (default 14:00).' }),
});
export const ScheduleEntrySchema = z.discriminatedUnion('kind', [Step, Ramp, Diurnal]);

export const DeploymentSchema = z.strictObject({
  name: z.string().min(1),
  pool: z.string().optional().meta({ description: 'Pool the pods run on (nodeSelector); default any user pool.' }),
  replicas: z.int().min(0).meta({ description: 'Replicas at start.' }),
  schedule: z.array(ScheduleEntrySchema).default([]),
  churn: z
    .strictObject({ restartsPerPodHour: z.number().min(0).default(0) })
    .prefault({})
    .meta({ description: 'Pod churn: each pod is replaced at this Poisson rate (rollouts, crashes, evictions).' }),
  podStartS: Seconds.default(5).meta({ description: 'Scheduling to Running, once the pod has an IP.' }),
});

export const WorkloadSchema = z
  .strictObject({
    deployments: z.array(DeploymentSchema).default([]),
    daemonsetPodsPerNode: z.int().min(0).default(0).meta({
      description: 'Non-hostNetwork DaemonSet pods on every node; they take pod IPs (configure-azure-cni-dynamic-ip-allocation).',
    }),
    tickS: PeriodSeconds.default(60).meta({ description: 'How often ramp and diurnal targets are re-evaluated, at least 1 ms.' }),
  })
  .prefault({});
export type WorkloadSpec = z.infer<typeof WorkloadSchema>;
