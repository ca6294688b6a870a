import { IP_HEADER_LEN } from './ipv4';
import { IP6_HEADER_LEN, IP6_MIN_MTU } from './ipv6';
import { MODE_NONE } from './reason';
import { E_ARGUMENT, E_HEADROOM, headroom, mode, outerLen, vmMtu } from './state';

// The address families of this instance (issue 13): the inner packets pods send and the underlay between nodes.
// Both IPv4 (families 0) keeps the original path; any IPv6 selects the family-aware path (path6.ts). Set by
// configureFamilies after configure, which resets them (the outer length depends on both); per simulation.

export let underlay6: bool = false;
export let inner6: bool = false;
/** `families` as index.ts dispatches on it: bit 0 inner IPv6, bit 1 IPv6 underlay. */
export let families: u32 = 0;
/**
 * The first 64 bits of every node's IPv6 address: the node subnet's /64 (Azure IPv6 subnets are exactly /64,
 * azure-networking.md §6). A node's low 64 bits are its IPv4 address zero-extended, so the IPv4 next hop the route
 * tables carry names the IPv6 node too.
 */
export let nodePrefix0: u32 = 0;
export let nodePrefix1: u32 = 0;
/** Send the outer UDP checksum over IPv6 as zero and accept zero on receipt (RFC 6935 §5, RFC 6936 §5). */
export let zeroUdpChecksum6: bool = false;
/** Outer header bytes of a tunnelled packet in the configured underlay: outerLen plus 20 over IPv6. */
export let outerLenF: u32 = 0;

/**
 * 0 or an E_* code. Refused: IPv6 over a VM MTU below 1280 (RFC 8200 §5), native routing with different inner
 * and underlay families (the pod's packet is the underlay packet), and outer headers larger than the headroom.
 */
export function setFamilies(u6: u32, i6: u32, prefix0: u32, prefix1: u32, zeroCsum: u32): i32 {
  if (u6 > 1 || i6 > 1 || zeroCsum > 1) return E_ARGUMENT;
  if (mode == MODE_NONE && u6 != i6) return E_ARGUMENT;
  if ((u6 | i6) != 0 && vmMtu < IP6_MIN_MTU) return E_ARGUMENT;
  const outer: u32 = mode == MODE_NONE ? 0 : outerLen + (u6 != 0 ? IP6_HEADER_LEN - IP_HEADER_LEN : 0);
  if (outer > headroom) return E_HEADROOM;
  underlay6 = u6 != 0;
  inner6 = i6 != 0;
  families = (u6 << 1) | i6;
  nodePrefix0 = prefix0;
  nodePrefix1 = prefix1;
  zeroUdpChecksum6 = zeroCsum != 0;
  outerLenF = outer;
  return 0;
}


/** Back to IPv4 only: configure calls it, so outerLenF can never describe an older tunnel configuration. */
export function resetFamilies(): void {
  underlay6 = false;
  inner6 = false;
  families = 0;
  nodePrefix0 = 0;
  nodePrefix1 = 0;
  zeroUdpChecksum6 = false;
  outerLenF = 0;
}
