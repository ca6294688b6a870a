import * as L from '../../kernel/layout.ts';
import type { KernelSession } from '../../kernel/kernel-session.ts';
import * as R from '../../kernel/reason.ts';
import type { CellValue, ColumnSpec } from '../column.ts';
import type { ResolvedVariant } from './datapath-variant.ts';

// The datapath's CSV columns and how they come from the kernel's counters. "Wire" means the VNet underlay: the
// Ethernet frames (header included, FCS and preamble excluded) that leave a node's NIC. Packets delivered to a pod
// on the same node never reach the wire.

/** Drop reasons a decapsulating node reports (anything wrong with a received underlay frame). */
const DECAP_REASONS: readonly number[] = [
  R.R_TRUNCATED, R.R_BAD_ETHERTYPE, R.R_BAD_VERSION, R.R_BAD_IHL, R.R_BAD_TOTAL_LENGTH, R.R_BAD_CHECKSUM, R.R_NOT_UDP,
  R.R_BAD_UDP_LENGTH, R.R_WRONG_PORT, R.R_VXLAN_NO_I_FLAG, R.R_WRONG_VNI, R.R_GENEVE_BAD_VERSION,
  R.R_GENEVE_BAD_PROTOCOL, R.R_OUTER_FRAGMENT, R.R_TTL_EXPIRED, R.R_GENEVE_BAD_OPT_LEN, R.R_ZERO_UDP_CHECKSUM,
];

export const DATAPATH_SUMMARY_COLUMNS: readonly ColumnSpec[] = [
  { name: 'dp_encap', unit: 'text', description: 'Encapsulation of the datapath variant: none (native, Azure CNI Overlay), vxlan, geneve.' },
  { name: 'dp_vm_mtu_bytes', unit: 'bytes', description: 'VM NIC MTU.' },
  { name: 'dp_pod_mtu_bytes', unit: 'bytes', description: 'Pod interface MTU (largest IP packet a pod sends).' },
  { name: 'dp_tunnel_overhead_bytes', unit: 'bytes/packet', description: 'Bytes the tunnel adds per packet: 0 none, 50 VXLAN, 50 + options Geneve; 20 more over an IPv6 underlay (70 VXLAN).' },
  { name: 'dp_packets', unit: 'packets', description: 'Sampled packets sent by pods.' },
  { name: 'dp_delivered_packets', unit: 'packets', description: 'Packets that reached their destination (pod, or left the cluster for egress).' },
  { name: 'dp_local_packets', unit: 'packets', description: 'Delivered to a pod on the same node (never on the wire).' },
  { name: 'dp_cross_node_packets', unit: 'packets', description: 'Routed to another node (tunnelled unless encap is none), service traffic included after DNAT.' },
  { name: 'dp_service_packets', unit: 'packets', description: 'Sent to a ClusterIP and DNATed to a backend pod.' },
  { name: 'dp_egress_packets', unit: 'packets', description: 'Sent outside the cluster: SNAT to the node IP, routed natively.' },
  { name: 'dp_underlay_frames', unit: 'frames', description: 'Frames put on the underlay, every fragment counted.' },
  { name: 'dp_wire_bytes', unit: 'bytes', description: 'Bytes of those frames (Ethernet header included, FCS excluded).' },
  { name: 'dp_payload_bytes', unit: 'bytes', description: 'Application (TCP/UDP payload) bytes of the packets put on the underlay.' },
  { name: 'dp_overhead_pct', unit: '%', description: '100 × (wire bytes − payload bytes) ÷ wire bytes: the share of the wire spent on headers.' },
  { name: 'dp_goodput_efficiency', unit: 'ratio', description: 'Payload bytes delivered ÷ wire bytes (0..1): drops and headers both lower it.' },
  { name: 'dp_fragmented_packets', unit: 'packets', description: 'Packets the sending node fragmented (DF clear, larger than the path allows).' },
  { name: 'dp_fragments', unit: 'frames', description: 'Fragments those packets became.' },
  { name: 'dp_drops_frag_needed_packets', unit: 'packets', description: 'Dropped: DF set and larger than the path MTU ("fragmentation needed", ICMP 3/4).' },
  { name: 'dp_drops_no_route_packets', unit: 'packets', description: 'Dropped: no route (or an invalid inner packet).' },
  { name: 'dp_drops_no_backend_packets', unit: 'packets', description: 'Dropped: service without a running backend.' },
  { name: 'dp_drops_decap_packets', unit: 'packets', description: 'Dropped by the receiving node: the underlay frame failed validation.' },
];

/**
 * Issue 13 (dual-stack): empty for a variant that is IPv4 inside and out, so IPv4-only rows read as before. Kept
 * as a list of their own so the run can add them only where IPv6 is in play, like the simulator's IPv6 columns.
 */
export const DATAPATH_IPV6_SUMMARY_COLUMNS: readonly ColumnSpec[] = [
  { name: 'dp_underlay', unit: 'text', description: 'Underlay address family (ipv4, ipv6) of a variant that uses IPv6; empty when the variant is IPv4 only.' },
  { name: 'dp_inner', unit: 'text', description: 'Address family of the pod packets (ipv4, ipv6) of a variant that uses IPv6; empty when the variant is IPv4 only.' },
  {
    name: 'dp_drops_packet_too_big_packets',
    unit: 'packets',
    description: 'Dropped: an IPv6 pod packet larger than the path MTU (IPv6 is never fragmented on the way; the sender gets ICMPv6 Packet Too Big, RFC 8200 §5, RFC 4443 §3.2). Empty unless the pods send IPv6.',
  },
];

export const DATAPATH_TIMESERIES_COLUMNS: readonly ColumnSpec[] = [
  { name: 'dp_packets', unit: 'packets', description: 'Sampled packets sent so far.' },
  { name: 'dp_wire_bytes', unit: 'bytes', description: 'Underlay bytes so far.' },
  { name: 'dp_payload_bytes', unit: 'bytes', description: 'Payload bytes put on the underlay so far.' },
  { name: 'dp_overhead_pct', unit: '%', description: 'Header share of the wire so far.' },
  { name: 'dp_fragments', unit: 'frames', description: 'Fragments so far.' },
  { name: 'dp_drops_packets', unit: 'packets', description: 'Packets dropped so far, any reason.' },
];

function overheadPct(k: KernelSession): CellValue {
  const wire = k.counter(L.C_WIRE_BYTES);
  return wire > 0 ? (100 * (wire - k.counter(L.C_PAYLOAD_BYTES))) / wire : null;
}

function drops(k: KernelSession, reasons: readonly number[]): number {
  let sum = 0;
  for (const r of reasons) sum += k.counter(L.C_DROPS + r);
  return sum;
}

function allDrops(k: KernelSession): number {
  let sum = 0;
  for (let r = 1; r < R.REASON_COUNT; r++) sum += k.counter(L.C_DROPS + r);
  return sum;
}

export function summaryCells(k: KernelSession, v: ResolvedVariant, encap: string): CellValue[] {
  const wire = k.counter(L.C_WIRE_BYTES);
  return [
    encap,
    v.vmMtu,
    v.podMtu,
    v.overheadBytes,
    k.counter(L.C_PACKETS),
    k.counter(L.C_DELIVERED),
    k.counter(L.C_LOCAL),
    k.counter(L.C_CROSS_NODE),
    k.counter(L.C_SERVICE),
    k.counter(L.C_EGRESS),
    k.counter(L.C_WIRE_FRAMES),
    wire,
    k.counter(L.C_PAYLOAD_BYTES),
    overheadPct(k),
    wire > 0 ? k.counter(L.C_PAYLOAD_DELIVERED) / wire : null,
    k.counter(L.C_FRAGMENTED_PACKETS),
    k.counter(L.C_FRAGMENTS),
    k.counter(L.C_DROPS + R.R_FRAG_NEEDED),
    drops(k, [R.R_NO_ROUTE, R.R_BAD_INNER, R.R_BAD_SLOT_LENGTH]),
    k.counter(L.C_DROPS + R.R_NO_BACKEND),
    drops(k, DECAP_REASONS),
  ];
}

/** Values of DATAPATH_IPV6_SUMMARY_COLUMNS. */
export function ipv6SummaryCells(k: KernelSession, v: ResolvedVariant): CellValue[] {
  return [
    v.underlay6 || v.inner6 ? (v.underlay6 ? 'ipv6' : 'ipv4') : null,
    v.underlay6 || v.inner6 ? (v.inner6 ? 'ipv6' : 'ipv4') : null,
    v.inner6 ? k.counter(L.C_DROPS + R.R_PACKET_TOO_BIG) : null,
  ];
}

export function timeseriesCells(k: KernelSession): CellValue[] {
  return [
    k.counter(L.C_PACKETS),
    k.counter(L.C_WIRE_BYTES),
    k.counter(L.C_PAYLOAD_BYTES),
    overheadPct(k),
    k.counter(L.C_FRAGMENTS),
    allDrops(k),
  ];
}
