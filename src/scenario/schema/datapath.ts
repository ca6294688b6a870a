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
  underlay: z.enum(['ipv4', 'ipv6']).default('ipv4').meta({
    description: 'Address family between nodes: ipv6 puts a 40-byte outer IPv6 header on tunnelled packets (VXLAN and Geneve cost 70 B instead of 50) and a mandatory outer UDP checksum (RFC 8200 §8.1). With encap none it must equal inner.',
  }),
  inner: z.enum(['ipv4', 'ipv6']).default('ipv4').meta({
    description: 'Address family of the pod packets (a dual-stack pod sends both; each variant measures one). IPv6 packets are never fragmented: too big means dropped with ICMPv6 Packet Too Big (RFC 8200 §5).',
  }),
  zeroUdpChecksum: z.boolean().default(false).meta({
    description: 'IPv6 underlay only: send the outer UDP checksum as zero and accept zero on receipt, the tunnel exception of RFC 6935 §5 under the conditions of RFC 6936.',
  }),
});
export type DatapathVariantSpec = z.infer<typeof DatapathVariantSchema>;

/** RFC 8200 §5: every link that carries IPv6 has an MTU of at least 1280 octets. */
export const IPV6_MIN_MTU_BYTES = 1280;
/** Outer bytes a tunnel adds over an IPv4 underlay (docs/datapath.md); an IPv6 header is 20 bytes longer. */
const TUNNEL_BYTES_IPV4_UNDERLAY = 50;
const IPV6_EXTRA_HEADER_BYTES = 20;

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
      familyIssues(v).forEach(([field, message]) => ctx.addIssue({ code: 'custom', path: ['variants', i, field], message }));
    });
    const t = d.traffic;
    if (t.podToPod + t.podToService + t.podToExternal <= 0) {
      ctx.addIssue({ code: 'custom', path: ['traffic', 'podToPod'], message: 'podToPod + podToService + podToExternal must be > 0' });
    }
  })
  .optional();
export type DatapathSpec = NonNullable<z.infer<typeof DatapathSchema>>;

/** The address-family rules of one variant, as (field, message) pairs. */
function familyIssues(v: DatapathVariantSpec): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (v.encap === 'none' && v.underlay !== v.inner) {
    out.push(['underlay', `encap none routes the pod's packet as it is, so underlay (${v.underlay}) must equal inner (${v.inner})`]);
  }
  if (v.underlay === 'ipv6' && v.vmMtu < IPV6_MIN_MTU_BYTES) {
    out.push(['vmMtu', `${v.vmMtu} is below 1280, the smallest MTU of an IPv6 link (RFC 8200 §5)`]);
  }
  if (v.inner === 'ipv6') {
    const tunnel = v.encap === 'none' ? 0 : TUNNEL_BYTES_IPV4_UNDERLAY + (v.underlay === 'ipv6' ? IPV6_EXTRA_HEADER_BYTES : 0) + (v.encap === 'geneve' ? v.geneveOptionsBytes : 0);
    const podMtu = v.podMtu ?? v.vmMtu - tunnel;
    if (podMtu < IPV6_MIN_MTU_BYTES) {
      out.push([v.podMtu === undefined ? 'vmMtu' : 'podMtu', `pod MTU ${podMtu} is below 1280, the smallest MTU of an IPv6 link (RFC 8200 §5); IPv6 pods need a VM MTU of at least ${IPV6_MIN_MTU_BYTES + tunnel}`]);
    }
  }
  if (v.zeroUdpChecksum && (v.underlay !== 'ipv6' || v.encap === 'none')) {
    out.push(['zeroUdpChecksum', 'applies only to vxlan or geneve over an IPv6 underlay (over IPv4 the outer UDP checksum is already zero, RFC 7348 §5)']);
  }
  return out;
}
