import { ENCAP_MODES, MODE_GENEVE, MODE_NONE, MODE_VXLAN } from '../../kernel/reason.ts';
import type { DatapathVariantInput } from './datapath-input.ts';

/**
 * Bytes a tunnel adds to every packet, by the pod MTU it forces: outer IPv4 20 + UDP 8 + tunnel header 8 + the
 * inner Ethernet header 14 = 50 (Linux include/net/vxlan.h VXLAN_HEADROOM; Cilium pkg/mtu TunnelOverhead = 50).
 * Geneve adds its options on top (RFC 8926 §3.4). Native routing (Azure CNI Overlay) adds nothing.
 */
export const TUNNEL_OVERHEAD_BYTES = 50;

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
}

export function resolveVariant(v: DatapathVariantInput): ResolvedVariant {
  const mode = ENCAP_MODES[v.encap];
  const optionsBytes = mode === MODE_GENEVE ? v.geneveOptionsBytes : 0;
  const overheadBytes = mode === MODE_NONE ? 0 : TUNNEL_OVERHEAD_BYTES + optionsBytes;
  return {
    name: v.name,
    mode,
    port: mode === MODE_VXLAN ? v.vxlanPort : mode === MODE_GENEVE ? v.genevePort : 1,
    optionsBytes,
    vni: v.vni,
    vmMtu: v.vmMtu,
    podMtu: v.podMtu ?? v.vmMtu - overheadBytes,
    overheadBytes,
  };
}
