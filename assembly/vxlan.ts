import { readU32, readU8, writeU32 } from './bytes';

// VXLAN header, RFC 7348 §5: https://datatracker.ietf.org/doc/html/rfc7348#section-5
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |R|R|R|R|I|R|R|R|            Reserved                           |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                VXLAN Network Identifier (VNI) |   Reserved    |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

export const VXLAN_FLAGS: u32 = 0;
export const VXLAN_VNI: u32 = 4;
export const VXLAN_HEADER_LEN: u32 = VXLAN_VNI + 4;
/** "I flag MUST be set to 1 for a valid VXLAN Network ID (VNI)". */
export const VXLAN_FLAG_I: u32 = 0x08;
/** IANA-assigned port (RFC 7348 §5); Cilium uses 8472 by default (pkg.go.dev/github.com/cilium/cilium). */
export const VXLAN_PORT_IANA: u32 = 4789;

export function vxlanCheckLen(avail: u32): bool {
  return avail >= VXLAN_HEADER_LEN;
}

@inline export function vxlanFlags(p: usize): u32 {
  return readU8(p + VXLAN_FLAGS);
}
@inline export function vxlanVni(p: usize): u32 {
  return readU32(p + VXLAN_VNI) >>> 8;
}

export function vxlanEmit(p: usize, vni: u32): void {
  writeU32(p + VXLAN_FLAGS, VXLAN_FLAG_I << 24);
  writeU32(p + VXLAN_VNI, (vni & 0xffffff) << 8);
}
