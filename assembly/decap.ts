import { ETH_HEADER_LEN, ETHERTYPE_IPV4, ethCheckLen, ethTypeIs } from './ethernet';
import {
  ipCheck, ipHeaderLen, ipIsFragment, ipProtocol, ipTotalLen, ipTtl, PROTO_UDP,
} from './ipv4';
import { M_INNER_LEN, M_INNER_OFF, M_WIRE_LEN, M_WIRE_OFF } from './layout';
import { slotAddr } from './lookup';
import { metaGet, metaSet } from './meta';
import {
  MODE_NONE, R_BAD_ETHERTYPE, R_BAD_INNER, R_BAD_SLOT_LENGTH, R_BAD_UDP_LENGTH, R_NOT_UDP, R_OK, R_OUTER_FRAGMENT,
  R_TRUNCATED, R_TTL_EXPIRED, R_WRONG_PORT,
} from './reason';
import { headroom, mode, slotBytes, tunnelPort } from './state';
import { tunnelHeaderLen } from './tunnel-header';
import { udpCheckLen, udpDstPort, udpLength, UDP_HEADER_LEN } from './udp';

// Receives packet i's underlay frame (M_WIRE_OFF, M_WIRE_LEN within its slot) at the destination node and
// validates it completely before trusting a byte: the frame must lie inside the slot, every header is length-
// checked before it is read, the outer IPv4 checksum must verify, and the tunnel's port, flags and VNI must
// match. Reads only; on success it records where the inner frame is. Returns the result code.

@inline export function decapOne(i: u32): u32 {
  const off = metaGet(M_WIRE_OFF, i);
  const len = metaGet(M_WIRE_LEN, i);
  const limit = headroom + slotBytes;
  if (off > limit || len > limit - off) return R_BAD_SLOT_LENGTH;
  const p = slotAddr(i) + off;
  if (!ethCheckLen(len)) return R_TRUNCATED;
  if (!ethTypeIs(p, ETHERTYPE_IPV4)) return R_BAD_ETHERTYPE;
  const ip = p + ETH_HEADER_LEN;
  const r = ipCheck(ip, len - ETH_HEADER_LEN, true);
  if (r != R_OK) return r;
  if (ipTtl(ip) == 0) return R_TTL_EXPIRED;
  if (mode == MODE_NONE) {
    metaSet(M_INNER_OFF, i, off);
    metaSet(M_INNER_LEN, i, len);
    return R_OK;
  }
  // Tunnel packets are sent with DF; a fragment means a middlebox split it and this kernel does not reassemble.
  if (ipIsFragment(ip)) return R_OUTER_FRAGMENT;
  if (ipProtocol(ip) != PROTO_UDP) return R_NOT_UDP;
  const hl = ipHeaderLen(ip);
  const ipData = ipTotalLen(ip) - hl;
  if (!udpCheckLen(ipData)) return R_TRUNCATED;
  const u = ip + hl;
  const udpLen = udpLength(u);
  if (udpLen < UDP_HEADER_LEN || udpLen > ipData) return R_BAD_UDP_LENGTH;
  if (udpDstPort(u) != tunnelPort) return R_WRONG_PORT;
  const t = u + UDP_HEADER_LEN;
  const tAvail = udpLen - UDP_HEADER_LEN;
  const hdr = tunnelHeaderLen(t, tAvail);
  if (hdr < 0) return <u32>-hdr;
  const inner = t + <usize>hdr;
  const innerLen = tAvail - <u32>hdr;
  if (!ethCheckLen(innerLen) || !ethTypeIs(inner, ETHERTYPE_IPV4)) return R_BAD_INNER;
  if (ipCheck(inner + ETH_HEADER_LEN, innerLen - ETH_HEADER_LEN, false) != R_OK) return R_BAD_INNER;
  metaSet(M_INNER_OFF, i, <u32>(inner - slotAddr(i)));
  metaSet(M_INNER_LEN, i, innerLen);
  return R_OK;
}
