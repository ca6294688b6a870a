import { ETH_HEADER_LEN, ETHERTYPE_IPV4, ethCheckLen, ethTypeIs } from './ethernet';
import { ipCheck, ipDst } from './ipv4';
import {
  M_FRAGS, M_INNER_LEN, M_INNER_OFF, M_LEN, M_NEXTHOP, M_REASON, M_SRC_NODE, M_VERDICT,
  M_WIRE_BYTES, M_WIRE_LEN, M_WIRE_OFF,
} from './layout';
import { metaGet, metaSet } from './meta';
import { R_BAD_INNER, R_BAD_SLOT_LENGTH, R_NO_ROUTE, R_OK, V_DROP, V_LOCAL, V_NODE, V_NONE } from './reason';
import { lastNextHop, routeLookup } from './route';
import { headroom, slotBytes, slotsOff, stride } from './state';

// First stage of every packet: clear the outputs a previous batch left in the slot's meta (so no stale wire frame
// or verdict leaks into this batch), check the inner frame enough to read its destination, and route it.

@inline export function slotAddr(i: u32): usize {
  return slotsOff + i * stride;
}

/** Resets packet i's outputs, validates its inner frame and classifies its destination. Returns the verdict. */
@inline export function lookupOne(i: u32): u32 {
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
  if (!ethCheckLen(len) || !ethTypeIs(f, ETHERTYPE_IPV4)) return drop(i, R_BAD_INNER);
  if (ipCheck(f + ETH_HEADER_LEN, len - ETH_HEADER_LEN, false) != R_OK) return drop(i, R_BAD_INNER);
  return classify(i, ipDst(f + ETH_HEADER_LEN));
}

/** Routes `dst` for packet i; a node route whose next hop is the packet's own node is local delivery. */
@inline export function classify(i: u32, dst: u32): u32 {
  let verdict = routeLookup(dst);
  if (verdict == V_NONE) return drop(i, R_NO_ROUTE);
  const nextHop = lastNextHop();
  if (verdict == V_NODE && nextHop == metaGet(M_SRC_NODE, i)) verdict = V_LOCAL;
  metaSet(M_VERDICT, i, verdict);
  metaSet(M_NEXTHOP, i, nextHop);
  return verdict;
}

@inline export function drop(i: u32, reason: u32): u32 {
  metaSet(M_VERDICT, i, V_DROP);
  metaSet(M_REASON, i, reason);
  return V_DROP;
}
