import { z } from 'zod';
import { MAX_SECONDS, Seconds } from './common.ts';

/** `a.b.c.d:port`, the classic hot database host:port. */
const EndpointText = z
  .string()
  .regex(/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}:([1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d\d|655[0-2]\d|6553[0-5])$/, {
    message: 'an IPv4 address and port like 203.0.113.10:5432',
  });

export const DESTINATION_KINDS = ['external', 'vnet', 'service', 'pod-same-node', 'pod-other-node'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

const DestinationSchema = z
  .strictObject({
    kind: z.enum(DESTINATION_KINDS).meta({
      description: 'external: outside the VNet (SNATed by the outbound); vnet: an address in the VNet; service: a ClusterIP; pod-*: a pod.',
    }),
    endpoint: EndpointText.optional().meta({ description: 'external only: the destination IP:port (required there).' }),
    protocol: z.enum(['tcp', 'udp']).default('tcp'),
    weight: z.number().min(0).default(1),
  })
  .refine((d) => (d.kind === 'external') === (d.endpoint !== undefined), {
    message: 'an endpoint IP:port for external destinations, and none for the others',
    path: ['endpoint'],
  });
export type DestinationSpec = z.infer<typeof DestinationSchema>;

const DurationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), valueS: Seconds }),
  z.strictObject({ kind: z.literal('exponential'), meanS: z.number().positive().max(MAX_SECONDS) }),
  z.strictObject({ kind: z.literal('lognormal'), meanS: z.number().positive().max(MAX_SECONDS), stdDevS: z.number().positive().max(MAX_SECONDS) }),
]);
export type DurationSpec = z.infer<typeof DurationSchema>;

const CloseSchema = z
  .strictObject({
    fin: z.number().min(0).default(1),
    rst: z.number().min(0).default(0),
    idle: z.number().min(0).default(0),
    halfOpen: z.number().min(0).default(0),
  })
  .prefault({})
  .refine((c) => c.fin + c.rst + c.idle + c.halfOpen > 0, { message: 'at least one positive weight' })
  .meta({ description: 'Weights of how TCP connections end: FIN, RST, left idle until the idle timeout, or half-open. UDP always ends by idle timeout.' });
export type CloseSpec = z.infer<typeof CloseSchema>;

const RateStepSchema = z.strictObject({ atS: Seconds, ratePerPodPerS: z.number().min(0) });

export const TrafficWorkloadSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, { message: 'letters, digits, dot, dash and underscore' }),
  pool: z.string().optional().meta({ description: 'Only pods on nodes of this pool open these connections; default every pool.' }),
  ratePerPodPerS: z.number().min(0).meta({ description: 'New connections per running pod per second (Poisson).' }),
  schedule: z.array(RateStepSchema).default([]).meta({ description: 'Rate steps over time: from atS on, ratePerPodPerS applies.' }),
  destinations: z.array(DestinationSchema).min(1),
  durationS: DurationSchema.meta({ description: 'How long a connection carries traffic before it closes.' }),
  close: CloseSchema,
  pooling: z
    .strictObject({ keepAliveS: z.number().positive().max(MAX_SECONDS) })
    .optional()
    .meta({ description: 'Reuse open connections: a request takes an idle pooled connection to its destination if one exists; idle ones close (FIN) after keepAliveS.' }),
});
export type TrafficWorkloadSpec = z.infer<typeof TrafficWorkloadSchema>;

export const TrafficSchema = z
  .strictObject({ workloads: z.array(TrafficWorkloadSchema).min(1) })
  .superRefine((t, ctx) => {
    const names = new Set<string>();
    t.workloads.forEach((w, i) => {
      if (names.has(w.name)) ctx.addIssue({ code: 'custom', path: ['workloads', i, 'name'], message: 'a name no other workload uses' });
      names.add(w.name);
      if (w.destinations.every((d) => d.weight === 0)) {
        ctx.addIssue({ code: 'custom', path: ['workloads', i, 'destinations'], message: 'at least one destination with a positive weight' });
      }
      for (let j = 1; j < w.schedule.length; j++) {
        const prev = w.schedule[j - 1];
        const cur = w.schedule[j];
        if (prev !== undefined && cur !== undefined && cur.atS < prev.atS) {
          ctx.addIssue({ code: 'custom', path: ['workloads', i, 'schedule', j, 'atS'], message: `≥ the previous step's atS (${prev.atS})` });
        }
      }
    });
  })
  .optional();
export type TrafficSpec = z.infer<typeof TrafficSchema>;
