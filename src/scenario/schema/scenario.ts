import { z } from 'zod';
import { CNI_NAMES } from '../../model/ipam/cni.ts';
import { PeriodSeconds } from './common.ts';
import { AssumptionsSchema } from './assumptions.ts';
import { ClusterSchema } from './cluster.ts';
import { DatapathSchema } from './datapath.ts';
import { IpamTimingSchema } from './ipam-timing.ts';
import { NetworkSchema } from './network.ts';
import { OutboundSchema } from './outbound.ts';
import { SweepSchema } from './sweep.ts';
import { TrafficSchema } from './traffic.ts';
import { WorkloadSchema } from './workload.ts';

/** The scenario file format (YAML or JSON). Every section but `cluster` has defaults. */
export const ScenarioSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, { message: 'letters, digits, dot, dash and underscore' }),
  description: z.string().optional(),
  seed: z.int().min(0).max(2 ** 31 - 1).default(1),
  replicates: z.int().min(1).max(10_000).default(1),
  durationS: z.number().positive().max(7 * 86_400).default(86_400).meta({ description: 'Simulated time, at most one week.' }),
  sampleIntervalS: PeriodSeconds.default(60).meta({ description: 'Time-series row interval, at least 1 ms.' }),
  cni: z.array(z.enum(CNI_NAMES)).min(1).default(['overlay']).meta({
    description: 'Networking models to run the same workload under (common random numbers).',
  }),
  assumptions: AssumptionsSchema,
  network: NetworkSchema,
  cluster: ClusterSchema,
  workload: WorkloadSchema,
  ipam: IpamTimingSchema,
  traffic: TrafficSchema,
  outbound: OutboundSchema,
  datapath: DatapathSchema,
  sweep: SweepSchema,
});

/** A scenario after defaults are applied. */
export type Scenario = z.infer<typeof ScenarioSchema>;
/** A scenario as written in a file. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
