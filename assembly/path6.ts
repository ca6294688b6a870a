import { decapOne6 } from './decap6';
import { encapOne6 } from './encap6';
import { ETH_HEADER_LEN } from './ethernet';
import { IP_DST, IP_SRC, ipTotalLen } from './ipv4';
import { IP6_DST, IP6_HEADER_LEN, IP6_SRC, ip6PayloadLen } from './ipv6';
import {
  C_CROSS_NODE, C_DELIVERED, C_DROPS, C_EGRESS, C_LOCAL, C_PACKETS, C_SERVICE, C_VNET,
  M_BACKEND, M_BACKEND6, M_REASON, M_SRC_NODE,
} from './layout';
import { classify, drop, slotAddr } from './lookup';
import { classify6, lookupOneF } from './lookup6';
import { count, metaGet } from './meta';
import { countOnWire, settle } from './path-counters';
import { R_NO_BACKEND, R_OK, V_DROP, V_EGRESS, V_LOCAL, V_NODE, V_SERVICE, V_VNET } from './reason';
import { headroom } from './state';
import { inner6, nodePrefix0, nodePrefix1 } from './state6';
import { natRewrite, payloadLen } from './transport';
import { natRewrite6, payloadLen6 } from './transport6';

// path.ts for the family-aware path (any IPv6 in the instance): the same stages and counters. Inner IPv6 service
// packets are DNATed to the backend in M_BACKEND6; egress is SNATed to the node address of the packet's family
// (AKS dual-stack: "egress is NATed to the node IP of the same family", azure-networking.md §6), which for IPv6 is
// the node's /64 prefix and its IPv4 address as the low bits (state6.ts).

export function pathOne6(i: u32): void {
  count(C_PACKETS, 1);
  let verdict = lookupOneF(i);
  const ip = slotAddr(i) + headroom + ETH_HEADER_LEN;
  if (verdict == V_SERVICE) {
    count(C_SERVICE, 1);
    verdict = dnat(i, ip);
  }
  if (verdict == V_DROP) {
    count(C_DROPS + metaGet(M_REASON, i), 1);
    return;
  }
  const payload = <f64>(inner6 ? payloadLen6(ip) : payloadLen(ip));
  if (verdict == V_LOCAL) {
    count(C_LOCAL, 1);
    count(C_DELIVERED, 1);
    return;
  }
  if (verdict == V_EGRESS) {
    count(C_EGRESS, 1);
    const node = metaGet(M_SRC_NODE, i);
    if (inner6) natRewrite6(ip, IP6_SRC, nodePrefix0, nodePrefix1, 0, node);
    else natRewrite(ip, IP_SRC, node);
  } else if (verdict == V_VNET) count(C_VNET, 1);
  else count(C_CROSS_NODE, 1);
  const innerIpLen = <f64>(inner6 ? IP6_HEADER_LEN + ip6PayloadLen(ip) : ipTotalLen(ip));
  let r = encapOne6(i);
  if (r == R_OK) {
    countOnWire(i, payload, innerIpLen);
    if (verdict == V_NODE) r = decapOne6(i);
  }
  settle(i, r, payload);
}

/** DNAT to the flow's backend pod and route again; a backend must be a pod (not another service). */
function dnat(i: u32, ip: usize): u32 {
  let verdict: u32;
  if (inner6) {
    const b0 = metaGet(M_BACKEND6, i);
    const b1 = metaGet(M_BACKEND6 + 1, i);
    const b2 = metaGet(M_BACKEND6 + 2, i);
    const b3 = metaGet(M_BACKEND6 + 3, i);
    if ((b0 | b1 | b2 | b3) == 0) return drop(i, R_NO_BACKEND);
    natRewrite6(ip, IP6_DST, b0, b1, b2, b3);
    verdict = classify6(i, b0, b1, b2, b3);
  } else {
    const backend = metaGet(M_BACKEND, i);
    if (backend == 0) return drop(i, R_NO_BACKEND);
    natRewrite(ip, IP_DST, backend);
    verdict = classify(i, backend);
  }
  return verdict == V_SERVICE ? drop(i, R_NO_BACKEND) : verdict;
}
