import {
  ETHERTYPE_TEB, geneveCheckLen, geneveOptionsLen, geneveProtocol, geneveVersion, geneveVni, GENEVE_HEADER_LEN,
} from './geneve';
import {
  MODE_VXLAN, R_GENEVE_BAD_OPT_LEN, R_GENEVE_BAD_PROTOCOL, R_GENEVE_BAD_VERSION, R_TRUNCATED, R_VXLAN_NO_I_FLAG,
  R_WRONG_VNI,
} from './reason';
import { mode, vni } from './state';
import { vxlanCheckLen, vxlanFlags, vxlanVni, VXLAN_HEADER_LEN } from './vxlan';

// The tunnel header at `t` (the UDP payload, `avail` bytes), as both decapsulation paths (IPv4 and dual-family
// underlay) validate it: length-checked before it is read, VXLAN's I flag or Geneve's version, option length and
// protocol, and the configured VNI. Returns the header's length (VXLAN 8; Geneve 8 plus its options), so the inner
// frame starts `hdr` bytes in and is `avail - hdr` long, or minus the result code when the header is refused.

@inline export function tunnelHeaderLen(t: usize, avail: u32): i32 {
  if (mode == MODE_VXLAN) {
    if (!vxlanCheckLen(avail)) return -<i32>R_TRUNCATED;
    if ((vxlanFlags(t) & 0x08) == 0) return -<i32>R_VXLAN_NO_I_FLAG;
    if (vxlanVni(t) != vni) return -<i32>R_WRONG_VNI;
    return <i32>VXLAN_HEADER_LEN;
  }
  if (!geneveCheckLen(avail)) return -<i32>R_TRUNCATED;
  if (geneveVersion(t) != 0) return -<i32>R_GENEVE_BAD_VERSION;
  const opts = geneveOptionsLen(t);
  if (opts > avail - GENEVE_HEADER_LEN) return -<i32>R_GENEVE_BAD_OPT_LEN;
  if (geneveProtocol(t) != ETHERTYPE_TEB) return -<i32>R_GENEVE_BAD_PROTOCOL;
  if (geneveVni(t) != vni) return -<i32>R_WRONG_VNI;
  return <i32>(GENEVE_HEADER_LEN + opts);
}
