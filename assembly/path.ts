import { decapOne } from './decap';
import { encapOne } from './encap';
import { ETH_HEADER_LEN } from './ethernet';
import { IP_DST, IP_SRC, ipTotalLen } from './ipv4';
import {
  C_CROSS_NODE, C_DELIVERED, C_DROPS, C_EGRESS, C_LOCAL, C_PACKETS, C_SERVICE, C_VNET,
  M_BACKEND, M_REASON, M_SRC_NODE,
} from './layout';
import { classify, drop, lookupOne, slotAddr } from './lookup';
import { count, metaGet } from './meta';
import { countOnWire, settle } from './path-counters';
import { R_NO_BACKEND, R_OK, V_DROP, V_EGRESS, V_LOCAL, V_NODE, V_SERVICE, V_VNET } from './reason';
import { headroom } from './state';
import { natRewrite, payloadLen } from './transport';

// The whole per-packet path for one packet, as a node's dataplane runs it:
//   lookup → (service: DNAT to the flow's backend, look up again) → local delivery, or
//   cross-node: encapsulate at the source node, decapsulate at the destination node, or
//   egress: SNAT to the node IP and route natively; VNet destinations: route natively.
// It updates the counters the datapath model reports.

export function pathOne(i: u32): void {
  count(C_PACKETS, 1);
  let verdict = lookupOne(i);
  const ip = slotAddr(i) + headroom + ETH_HEADER_LEN;
  if (verdict == V_SERVICE) {
    count(C_SERVICE, 1);
    const backend = metaGet(M_BACKEND, i);
    if (backend == 0) verdict = drop(i, R_NO_BACKEND);
    else {
      natRewrite(ip, IP_DST, backend);
      verdict = classify(i, backend);
      // A backend must be a pod; a service address resolving to another service is a configuration loop.
      if (verdict == V_SERVICE) verdict = drop(i, R_NO_BACKEND);
    }
  }
  if (verdict == V_DROP) {
    count(C_DROPS + metaGet(M_REASON, i), 1);
    return;
  }
  const payload = <f64>payloadLen(ip);
  if (verdict == V_LOCAL) {
    count(C_LOCAL, 1);
    count(C_DELIVERED, 1);
    return;
  }
  if (verdict == V_EGRESS) {
    count(C_EGRESS, 1);
    natRewrite(ip, IP_SRC, metaGet(M_SRC_NODE, i));
  } else if (verdict == V_VNET) count(C_VNET, 1);
  else count(C_CROSS_NODE, 1);
  const innerIpLen = <f64>ipTotalLen(ip);
  let r = encapOne(i);
  if (r == R_OK) {
    countOnWire(i, payload, innerIpLen);
    if (verdict == V_NODE) r = decapOne(i);
  }
  settle(i, r, payload);
}
