import { ENCAP_MODES, MODE_GENEVE, MODE_NONE, MODE_VXLAN } from '../../kernel/reason.ts';
import type { DatapathVariantInput } from './datapath-input.ts';

/**
 * Bytes a tunnel adds to every packet, by the pod MTU it forces: outer IPv4 20 + UDP 8 + tunnel header 8 + the
 * inner Ethernet header 14 = 50 (Linux include/net/vxlan.h VXLAN_HEADROOM; Cilium pkg/mtu TunnelOverhead = 50).
 * Geneve adds its options on top (RFC 8926 §3.4). Native routing (Azure CNI Overlay) adds nothing, in either family.
 */
export const TUNNEL_OVERHEAD_BYTES = 50;
/**
 * An IPv6 underlay replaces the 20-byte outer IPv4 header with the 40-byte IPv6 one (RFC 8200 §3): 70 bytes (Linux
 * include/net/vxlan.h VXLAN6_HEADROOM = 70).
 */
export const TUNNEL_OVERHEAD_IPV6_UNDERLAY_BYTES = 70;

/** A datapath variant with its defaults resolved into kernel numbers. */
export interface ResolvedVariant {
  readonly name: string;
  readonly mode: number;
  readonly port: number;
  readonly optionsBytes: number;
  readonly vni: number;
  readonly vmMtu: number;
  readonly podMtu: number;
  readonly overheadBytes: number;
  readonly underlay6: boolean;
  readonly inner6: boolean;
  readonly zeroUdpChecksum: boolean;
}

export function resolveVariant(v: DatapathVariantInput): ResolvedVariant {
  const mode = ENCAP_MODES[v.encap];
  const optionsBytes = mode === MODE_GENEVE ? v.geneveOptionsBytes : 0;
  const underlay6 = v.underlay === 'ipv6';
  const tunnelBytes = underlay6 ? TUNNEL_OVERHEAD_IPV6_UNDERLAY_BYTES : TUNNEL_OVERHEAD_BYTES;
  const overheadBytes = mode === MODE_NONE ? 0 : tunnelBytes + optionsBytes;
  return {
    name: v.name,
    mode,
    port: mode === MODE_VXLAN ? v.vxlanPort : mode === MODE_GENEVE ? v.genevePort : 1,
    optionsBytes,
    vni: v.vni,
    vmMtu: v.vmMtu,
    podMtu: v.podMtu ?? v.vmMtu - overheadBytes,
    overheadBytes,
    underlay6,
    inner6: v.inner === 'ipv6',
    zeroUdpChecksum: v.zeroUdpChecksum,
  };
}
