import { ETH_HEADER_LEN, ETHERTYPE_IPV4, ethCheckLen, ethEtherType } from './ethernet';
import { ip6Check, IP6_DST, ETHERTYPE_IPV6 } from './ipv6';
import {
  M_FRAGS, M_INNER_LEN, M_INNER_OFF, M_LEN, M_NEXTHOP, M_REASON, M_SRC_NODE, M_VERDICT, M_WIRE_BYTES, M_WIRE_LEN,
  M_WIRE_OFF,
} from './layout';
import { drop, lookupOne, slotAddr } from './lookup';
import { ipCheck } from './ipv4';
import { metaGet, metaSet } from './meta';
import { R_BAD_INNER, R_BAD_SLOT_LENGTH, R_NO_ROUTE, R_OK, V_LOCAL, V_NODE, V_NONE } from './reason';
import { lastNextHop6, route6LookupAt, route6Lookup } from './route6';
import { inner6 } from './state6';
import { headroom, slotBytes } from './state';

// lookup.ts for the family-aware path: inner IPv4 packets go through lookupOne unchanged; inner IPv6 packets are
// validated as IPv6 and routed by the 128-bit table.

/** Resets packet i's outputs, validates its inner frame and classifies its destination. Returns the verdict. */
export function lookupOneF(i: u32): u32 {
  if (!inner6) return lookupOne(i);
  metaSet(M_VERDICT, i, V_NONE);
  metaSet(M_NEXTHOP, i, 0);
  metaSet(M_REASON, i, R_OK);
  metaSet(M_WIRE_OFF, i, 0);
  metaSet(M_WIRE_LEN, i, 0);
  metaSet(M_FRAGS, i, 0);
  metaSet(M_WIRE_BYTES, i, 0);
  metaSet(M_INNER_OFF, i, 0);
  metaSet(M_INNER_LEN, i, 0);
  const len = metaGet(M_LEN, i);
  if (len > slotBytes) return drop(i, R_BAD_SLOT_LENGTH);
  const f = slotAddr(i) + headroom;
  if (!ethCheckLen(len) || ethEtherType(f) != ETHERTYPE_IPV6) return drop(i, R_BAD_INNER);
  if (ip6Check(f + ETH_HEADER_LEN, len - ETH_HEADER_LEN) != R_OK) return drop(i, R_BAD_INNER);
  return settle(i, route6LookupAt(f + ETH_HEADER_LEN, IP6_DST));
}

/** Routes the IPv6 destination (d0..d3) for packet i (after DNAT), as classify does for IPv4. */
export function classify6(i: u32, d0: u32, d1: u32, d2: u32, d3: u32): u32 {
  return settle(i, route6Lookup(d0, d1, d2, d3));
}

/** A node route whose next hop is the packet's own node is local delivery. */
function settle(i: u32, verdict: u32): u32 {
  if (verdict == V_NONE) return drop(i, R_NO_ROUTE);
  const nextHop = lastNextHop6();
  if (verdict == V_NODE && nextHop == metaGet(M_SRC_NODE, i)) verdict = V_LOCAL;
  metaSet(M_VERDICT, i, verdict);
  metaSet(M_NEXTHOP, i, nextHop);
  return verdict;
}

/** True when the frame at `f` (`len` bytes) starts with a valid Ethernet + IP header of the inner family. */
export function innerFrameOk(f: usize, len: u32): bool {
  if (!ethCheckLen(len)) return false;
  if (inner6) return ethEtherType(f) == ETHERTYPE_IPV6 && ip6Check(f + ETH_HEADER_LEN, len - ETH_HEADER_LEN) == R_OK;
  return ethEtherType(f) == ETHERTYPE_IPV4 && ipCheck(f + ETH_HEADER_LEN, len - ETH_HEADER_LEN, false) == R_OK;
}
