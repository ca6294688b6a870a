import { z } from 'zod';
import { PeriodSeconds } from './common.ts';

/**
 * The per-packet data path (issue 3): which encapsulation each variant runs and what traffic crosses it.
 * Optional; a scenario without it runs no datapath model and its datapath columns stay empty.
 *
 * Azure facts (docs/datapath.md has the sources):
 * - Azure CNI Overlay routes pods natively, with no tunnel, so its pod MTU is the VM MTU (encap `none`).
 *   https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-overlay
 * - The Azure VM MTU defaults to 1500; some NICs support 3900 (Mellanox CX3/4/5) and MANA 9000 (preview), inside
 *   the VNet only. https://learn.microsoft.com/en-us/azure/virtual-network/how-to-virtual-machine-mtu
 * - VXLAN: IANA port 4789 (RFC 7348 §5); Cilium's default is 8472. Geneve: 6081 (RFC 8926 §3.3).
 */
const MTU = z.int().min(576).max(9000);

export const DatapathVariantSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, { message: 'letters, digits, dot, dash and underscore' }),
  encap: z.enum(['none', 'vxlan', 'geneve']).meta({
    description: 'none = native routing (Azure CNI Overlay); vxlan (RFC 7348) or geneve (RFC 8926) tunnels between nodes.',
  }),
  vmMtu: MTU.default(1500).meta({ description: 'VM NIC MTU in bytes: 1500 (Azure default), 3900 or 9000 on NICs that support it.' }),
  podMtu: MTU.optional().meta({
    description: 'Pod interface MTU in bytes. Default: lowered correctly, i.e. vmMtu minus the tunnel overhead (50 B VXLAN, 50 B + options Geneve, 0 none).',
  }),
  vxlanPort: z.int().min(1).max(65535).default(4789).meta({ description: 'VXLAN UDP port: 4789 (IANA) or 8472 (Cilium default).' }),
  genevePort: z.int().min(1).max(65535).default(6081),
  geneveOptionsBytes: z.int().min(0).max(252).multipleOf(4).default(0).meta({
    description: 'Geneve option bytes per packet (multiple of 4, at most 252); Cilium DSR adds 12.',
  }),
  vni: z.int().min(0).max(0xffffff).default(1),
});
export type DatapathVariantSpec = z.infer<typeof DatapathVariantSchema>;

const PacketSizeSchema = z.strictObject({
  ipBytes: z.union([z.int().min(28).max(9000), z.literal('mtu')]).meta({
    description: 'IPv4 packet length in bytes, or "mtu" for full-size segments; capped at the pod MTU (the pod stack never sends more).',
  }),
  weight: z.number().positive(),
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
  df: z.boolean().default(true).meta({
    description: "Don't Fragment bit. Linux sets it for TCP (path MTU discovery); a too-big DF packet is dropped as fragmentation-needed, otherwise it is fragmented.",
  }),
});

/**
 * Simple IMIX: 40, 576 and 1500-byte IPv4 packets in the ratio 7:4:1, the conventional Internet mix used by
 * traffic generators (e.g. Agilent/Keysight "Simple IMIX"); here all TCP with DF.
 */
export const SIMPLE_IMIX = [
  { ipBytes: 40, weight: 7, protocol: 'tcp', df: true },
  { ipBytes: 576, weight: 4, protocol: 'tcp', df: true },
  { ipBytes: 1500, weight: 1, protocol: 'tcp', df: true },
] as const;

export const DatapathTrafficSchema = z
  .strictObject({
    batchIntervalS: PeriodSeconds.default(1).meta({ description: 'Seconds between packet batches, at least 1 ms.' }),
    packetsPerBatch: z.int().min(1).max(65_536).default(1024).meta({ description: 'Sampled packets per batch.' }),
    podToPod: z.number().min(0).default(0.7).meta({ description: 'Weight of pod-to-pod packets (destination: a random running pod).' }),
    podToService: z.number().min(0).default(0.2).meta({ description: 'Weight of pod-to-service packets (a ClusterIP, DNATed to a random running pod).' }),
    podToExternal: z.number().min(0).default(0.1).meta({ description: 'Weight of pod-to-internet packets (SNAT to the node IP, routed natively).' }),
    sizes: z.array(PacketSizeSchema).min(1).default(SIMPLE_IMIX.map((s) => ({ ...s }))),
  })
  .prefault({});

export const DatapathSchema = z
  .strictObject({
    variants: z.array(DatapathVariantSchema).min(1),
    traffic: DatapathTrafficSchema,
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.variants.forEach((v, i) => {
      if (seen.has(v.name)) ctx.addIssue({ code: 'custom', path: ['variants', i, 'name'], message: `duplicate variant name ${v.name}` });
      seen.add(v.name);
    });
    const t = d.traffic;
    if (t.podToPod + t.podToService + t.podToExternal <= 0) {
      ctx.addIssue({ code: 'custom', path: ['traffic', 'podToPod'], message: 'podToPod + podToService + podToExternal must be > 0' });
    }
  })
  .optional();
export type DatapathSpec = NonNullable<z.infer<typeof DatapathSchema>>;
