import { writeU16 } from './bytes';
import { udp6Checksum } from './checksum6';
import { ETH_HEADER_LEN, ETHERTYPE_IPV4, ethEmit } from './ethernet';
import { geneveEmit } from './geneve';
import {
  IP_FLAG_DF, IP_FLAG_MF, IP_FRAG_OFFSET_MASK, IP_HEADER_LEN, ipEmit, ipFlagsFrag, ipHeaderLen, ipSetLengthFlags,
  ipTotalLen, PROTO_UDP,
} from './ipv4';
import { ETHERTYPE_IPV6, IP6_HEADER_LEN, ip6Emit, ip6PayloadLen } from './ipv6';
import { M_FRAGS, M_LEN, M_NEXTHOP, M_SRC_NODE, M_VERDICT, M_WIRE_BYTES, M_WIRE_LEN, M_WIRE_OFF } from './layout';
import { slotAddr } from './lookup';
import { metaGet, metaSet } from './meta';
import { MODE_NONE, MODE_VXLAN, R_FRAG_NEEDED, R_OK, R_PACKET_TOO_BIG, V_NODE } from './reason';
import { headroom, mode, optionsBytes, outerTtl, tunnelPort, vmMtu, vni } from './state';
import { inner6, nodePrefix0, nodePrefix1, outerLenF, underlay6, zeroUdpChecksum6 } from './state6';
import { flowHash } from './transport';
import { flowHash6 } from './transport6';
import { UDP_CHECKSUM, UDP_HEADER_LEN, udpEmit } from './udp';
import { vxlanEmit } from './vxlan';

// encap.ts for the family-aware path: inner IPv4 or IPv6, underlay IPv4 or IPv6.
//
// MTU: an inner IPv6 packet larger than the path allows is dropped and counted as Packet Too Big: IPv6 has no
// in-network fragmentation (RFC 8200 §5), the sender would get ICMPv6 type 2 (RFC 4443 §3.2) and lower its path
// MTU. An inner IPv4 packet is treated as encap.ts does (DF: fragmentation needed; no DF: the node fragments it).
// The outer IPv6 packet itself is never fragmented: the inner packet was sized to fit.
//
// Over an IPv6 underlay the outer UDP checksum is computed over the pseudo-header and the whole datagram (RFC 8200
// §8.1 makes it mandatory), unless zero-checksum tunnels are configured (RFC 6935 §5 lets tunnel protocols send 0
// over IPv6 under the conditions of RFC 6936; RFC 7348 §5 and RFC 8926 §3.3 take that option for VXLAN and Geneve).
// The flow label carries the inner flow hash, as RFC 6438 asks of tunnel endpoints.

const SRC_PORT_BASE: u32 = 49152;
const SRC_PORT_MASK: u32 = 0x3fff;
const FLOW_LABEL_MASK: u32 = 0xfffff;

export function encapOne6(i: u32): u32 {
  const f = slotAddr(i) + headroom;
  const ip = f + ETH_HEADER_LEN;
  const tunnel = mode != MODE_NONE && metaGet(M_VERDICT, i) == V_NODE;
  const added = tunnel ? outerLenF : 0;
  const maxIpLen = vmMtu - added;
  let frameLen = metaGet(M_LEN, i);
  let frags: u32 = 1;
  let wireBytes: u32 = 0;
  let hash: u32 = 0;
  if (inner6) {
    if (IP6_HEADER_LEN + ip6PayloadLen(ip) > maxIpLen) return R_PACKET_TOO_BIG;
    if (tunnel) hash = flowHash6(ip);
  } else {
    if (tunnel) hash = flowHash(ip);
    const ipLen = ipTotalLen(ip);
    if (ipLen > maxIpLen) {
      const ff = ipFlagsFrag(ip);
      const hl = ipHeaderLen(ip);
      const chunk = maxIpLen > hl ? ((maxIpLen - hl) >>> 3) << 3 : 0;
      if ((ff & IP_FLAG_DF) != 0 || chunk == 0) return R_FRAG_NEEDED;
      const data = ipLen - hl;
      frags = (data + chunk - 1) / chunk;
      wireBytes = frags * (added + ETH_HEADER_LEN + hl) + data;
      ipSetLengthFlags(ip, hl + chunk, (ff & (IP_FRAG_OFFSET_MASK | IP_FLAG_MF)) | IP_FLAG_MF);
      frameLen = ETH_HEADER_LEN + hl + chunk;
    }
  }
  if (!tunnel) {
    metaSet(M_WIRE_OFF, i, headroom);
    metaSet(M_WIRE_LEN, i, frameLen);
  } else {
    const o = f - added;
    const src = metaGet(M_SRC_NODE, i);
    const dst = metaGet(M_NEXTHOP, i);
    const oip = o + ETH_HEADER_LEN;
    let u: usize;
    let udpLen: u32;
    if (underlay6) {
      udpLen = added - ETH_HEADER_LEN - IP6_HEADER_LEN + frameLen;
      ethEmit(o, dst, src, ETHERTYPE_IPV6);
      ip6Emit(oip, udpLen, PROTO_UDP, outerTtl, hash & FLOW_LABEL_MASK, nodePrefix0, nodePrefix1, 0, src, nodePrefix0, nodePrefix1, 0, dst);
      u = oip + IP6_HEADER_LEN;
    } else {
      udpLen = added - ETH_HEADER_LEN - IP_HEADER_LEN + frameLen;
      ethEmit(o, dst, src, ETHERTYPE_IPV4);
      ipEmit(oip, IP_HEADER_LEN + udpLen, outerTtl, PROTO_UDP, src, dst);
      u = oip + IP_HEADER_LEN;
    }
    udpEmit(u, SRC_PORT_BASE | (hash & SRC_PORT_MASK), tunnelPort, udpLen);
    if (mode == MODE_VXLAN) vxlanEmit(u + UDP_HEADER_LEN, vni);
    else geneveEmit(u + UDP_HEADER_LEN, vni, optionsBytes);
    if (underlay6 && !zeroUdpChecksum6) {
      const c = udp6Checksum(oip, u, udpLen);
      writeU16(u + UDP_CHECKSUM, c == 0 ? 0xffff : c);
    }
    metaSet(M_WIRE_OFF, i, headroom - added);
    metaSet(M_WIRE_LEN, i, added + frameLen);
  }
  metaSet(M_FRAGS, i, frags);
  metaSet(M_WIRE_BYTES, i, frags == 1 ? metaGet(M_WIRE_LEN, i) : wireBytes);
  return R_OK;
}
