import * as R from '../reason.ts';
import * as H from './headers.ts';

/**
 * The tunnel header at `t` (the UDP payload, `avail` bytes), as both of the twin's decapsulation paths validate
 * it, mirroring assembly/tunnel-header.ts: length-checked before it is read, VXLAN's I flag or Geneve's version,
 * option length and protocol, and the configured VNI. Returns the header's length (the inner frame starts that many
 * bytes in), or minus the result code when the header is refused.
 */
export function tunnelHeaderLen(dv: DataView, t: number, avail: number, mode: number, vni: number): number {
  if (mode === R.MODE_VXLAN) {
    if (avail < H.VXLAN_HEADER_LEN) return -R.R_TRUNCATED;
    if ((dv.getUint8(t) & H.VXLAN_FLAG_I) === 0) return -R.R_VXLAN_NO_I_FLAG;
    if (dv.getUint32(t + 4) >>> 8 !== vni) return -R.R_WRONG_VNI;
    return H.VXLAN_HEADER_LEN;
  }
  if (avail < H.GENEVE_HEADER_LEN) return -R.R_TRUNCATED;
  if (dv.getUint8(t) >>> 6 !== 0) return -R.R_GENEVE_BAD_VERSION;
  const opts = (dv.getUint8(t) & 0x3f) << 2;
  if (opts > avail - H.GENEVE_HEADER_LEN) return -R.R_GENEVE_BAD_OPT_LEN;
  if (dv.getUint16(t + 2) !== H.ETHERTYPE_TEB) return -R.R_GENEVE_BAD_PROTOCOL;
  if (dv.getUint32(t + 4) >>> 8 !== vni) return -R.R_WRONG_VNI;
  return H.GENEVE_HEADER_LEN + opts;
}
