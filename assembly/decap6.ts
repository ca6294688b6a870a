import { readU16 } from './bytes';
import { udp6Checksum } from './checksum6';
import { ETH_HEADER_LEN, ETHERTYPE_IPV4, ethCheckLen, ethEtherType } from './ethernet';
import {
  IP_FLAG_MF, IP_FRAG_OFFSET_MASK, ipCheck, ipFlagsFrag, ipHeaderLen, ipProtocol, ipTotalLen, ipTtl, PROTO_UDP,
} from './ipv4';
import { ETHERTYPE_IPV6, ip6Check, ip6HopLimit, ip6NextHeader, ip6PayloadLen, IP6_HEADER_LEN } from './ipv6';
import { M_INNER_LEN, M_INNER_OFF, M_WIRE_LEN, M_WIRE_OFF } from './layout';
import { slotAddr } from './lookup';
import { innerFrameOk } from './lookup6';
import { metaGet, metaSet } from './meta';
import {
  MODE_NONE, R_BAD_CHECKSUM, R_BAD_ETHERTYPE, R_BAD_INNER, R_BAD_SLOT_LENGTH, R_BAD_UDP_LENGTH, R_NOT_UDP, R_OK,
  R_OUTER_FRAGMENT, R_TRUNCATED, R_TTL_EXPIRED, R_WRONG_PORT, R_ZERO_UDP_CHECKSUM,
} from './reason';
import { headroom, mode, slotBytes, tunnelPort } from './state';
import { tunnelHeaderLen } from './tunnel-header';
import { underlay6, zeroUdpChecksum6 } from './state6';
import { udpCheckLen, udpDstPort, udpLength, UDP_CHECKSUM, UDP_HEADER_LEN } from './udp';

// decap.ts for the family-aware path: the underlay frame is IPv4 or IPv6, the inner frame IPv4 or IPv6. Every
// header is length-checked before it is read. Over IPv6 the outer header has no checksum; the UDP checksum (over
// the pseudo-header and the whole datagram) must verify, and a zero checksum is accepted only when zero-checksum
// tunnels are configured (RFC 6936 §5: otherwise the datagram is discarded). An outer IPv6 Next Header other than
// UDP (an extension header, a fragment header included) is refused as not UDP: this kernel parses no extensions.

export function decapOne6(i: u32): u32 {
  const off = metaGet(M_WIRE_OFF, i);
  const len = metaGet(M_WIRE_LEN, i);
  const limit = headroom + slotBytes;
  if (off > limit || len > limit - off) return R_BAD_SLOT_LENGTH;
  const p = slotAddr(i) + off;
  if (!ethCheckLen(len)) return R_TRUNCATED;
  const ip = p + ETH_HEADER_LEN;
  const avail = len - ETH_HEADER_LEN;
  let ipData: u32;
  let u: usize;
  if (underlay6) {
    if (ethEtherType(p) != ETHERTYPE_IPV6) return R_BAD_ETHERTYPE;
    const r = ip6Check(ip, avail);
    if (r != R_OK) return r;
    if (ip6HopLimit(ip) == 0) return R_TTL_EXPIRED;
    if (mode == MODE_NONE) return found(i, off, len);
    if (ip6NextHeader(ip) != PROTO_UDP) return R_NOT_UDP;
    ipData = ip6PayloadLen(ip);
    u = ip + IP6_HEADER_LEN;
  } else {
    if (ethEtherType(p) != ETHERTYPE_IPV4) return R_BAD_ETHERTYPE;
    const r = ipCheck(ip, avail, true);
    if (r != R_OK) return r;
    if (ipTtl(ip) == 0) return R_TTL_EXPIRED;
    if (mode == MODE_NONE) return found(i, off, len);
    if ((ipFlagsFrag(ip) & (IP_FLAG_MF | IP_FRAG_OFFSET_MASK)) != 0) return R_OUTER_FRAGMENT;
    if (ipProtocol(ip) != PROTO_UDP) return R_NOT_UDP;
    const hl = ipHeaderLen(ip);
    ipData = ipTotalLen(ip) - hl;
    u = ip + hl;
  }
  if (!udpCheckLen(ipData)) return R_TRUNCATED;
  const udpLen = udpLength(u);
  if (udpLen < UDP_HEADER_LEN || udpLen > ipData) return R_BAD_UDP_LENGTH;
  if (underlay6) {
    if (readU16(u + UDP_CHECKSUM) == 0) {
      if (!zeroUdpChecksum6) return R_ZERO_UDP_CHECKSUM;
    } else if (udp6Checksum(ip, u, udpLen) != 0) return R_BAD_CHECKSUM;
  }
  if (udpDstPort(u) != tunnelPort) return R_WRONG_PORT;
  const t = u + UDP_HEADER_LEN;
  const tAvail = udpLen - UDP_HEADER_LEN;
  const hdr = tunnelHeaderLen(t, tAvail);
  if (hdr < 0) return <u32>-hdr;
  const inner = t + <usize>hdr;
  const innerLen = tAvail - <u32>hdr;
  if (!innerFrameOk(inner, innerLen)) return R_BAD_INNER;
  return found(i, <u32>(inner - slotAddr(i)), innerLen);
}

@inline function found(i: u32, innerOff: u32, innerLen: u32): u32 {
  metaSet(M_INNER_OFF, i, innerOff);
  metaSet(M_INNER_LEN, i, innerLen);
  return R_OK;
}
