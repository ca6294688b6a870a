import { ETH_HEADER_LEN, ETHERTYPE_IPV4, ethEmit } from './ethernet';
import { geneveEmit } from './geneve';
import {
  IP_FLAG_DF, IP_FLAG_MF, IP_FRAG_OFFSET_MASK, IP_HEADER_LEN, ipEmit, ipFlagsFrag, ipHeaderLen, ipSetLengthFlags,
  ipTotalLen, PROTO_UDP,
} from './ipv4';
import { M_FRAGS, M_LEN, M_NEXTHOP, M_SRC_NODE, M_VERDICT, M_WIRE_BYTES, M_WIRE_LEN, M_WIRE_OFF } from './layout';
import { slotAddr } from './lookup';
import { metaGet, metaSet } from './meta';
import { MODE_NONE, MODE_VXLAN, R_FRAG_NEEDED, R_OK, V_NODE } from './reason';
import { headroom, mode, optionsBytes, outerLen, outerTtl, tunnelPort, vmMtu, vni } from './state';
import { flowHash } from './transport';
import { UDP_HEADER_LEN, udpEmit } from './udp';
import { vxlanEmit } from './vxlan';

// Puts packet i on the underlay. Cross-node packets are tunnelled in VXLAN/Geneve mode; everything else (and
// every packet in `none` mode, the Azure CNI Overlay path) is routed natively. The outer headers are written into
// the slot's headroom, in front of the inner frame, so the inner bytes never move.
//
// MTU: the inner IPv4 packet must fit the VM MTU minus what the tunnel adds. When it does not, DF set means drop
// and count "fragmentation needed" (RFC 1191: the sender would get ICMP type 3 code 4); DF clear means the
// sending node fragments the inner packet (RFC 791 §3.2) before encapsulating each fragment. The slot then holds
// the first fragment (MF set, checksum fixed); M_FRAGS and M_WIRE_BYTES count every fragment's frame.

/** Source ports come from 49152-65535, the range RFC 7348 §5 recommends, chosen by the inner flow hash. */
const SRC_PORT_BASE: u32 = 49152;
const SRC_PORT_MASK: u32 = 0x3fff;

@inline export function encapOne(i: u32): u32 {
  const s = slotAddr(i);
  const f = s + headroom;
  const ip = f + ETH_HEADER_LEN;
  const tunnel = mode != MODE_NONE && metaGet(M_VERDICT, i) == V_NODE;
  const added = tunnel ? outerLen : 0;
  const maxIpLen = vmMtu - added;
  const ipLen = ipTotalLen(ip);
  const hash = tunnel ? flowHash(ip) : 0;
  let frameLen = metaGet(M_LEN, i);
  let frags: u32 = 1;
  let wireBytes: u32 = 0;
  if (ipLen > maxIpLen) {
    const ff = ipFlagsFrag(ip);
    const hl = ipHeaderLen(ip);
    const chunk = maxIpLen > hl ? ((maxIpLen - hl) >>> 3) << 3 : 0;
    if ((ff & IP_FLAG_DF) != 0 || chunk == 0) return R_FRAG_NEEDED;
    const data = ipLen - hl;
    frags = (data + chunk - 1) / chunk;
    // Every fragment repeats the inner IPv4 header (no options are copied selectively: none are emitted).
    wireBytes = frags * (added + ETH_HEADER_LEN + hl) + data;
    ipSetLengthFlags(ip, hl + chunk, (ff & (IP_FRAG_OFFSET_MASK | IP_FLAG_MF)) | IP_FLAG_MF);
    frameLen = ETH_HEADER_LEN + hl + chunk;
  }
  if (!tunnel) {
    metaSet(M_WIRE_OFF, i, headroom);
    metaSet(M_WIRE_LEN, i, frameLen);
  } else {
    const o = f - outerLen;
    const src = metaGet(M_SRC_NODE, i);
    const dst = metaGet(M_NEXTHOP, i);
    const udpLen = outerLen - ETH_HEADER_LEN - IP_HEADER_LEN + frameLen;
    ethEmit(o, dst, src, ETHERTYPE_IPV4);
    ipEmit(o + ETH_HEADER_LEN, IP_HEADER_LEN + udpLen, outerTtl, PROTO_UDP, src, dst);
    const u = o + ETH_HEADER_LEN + IP_HEADER_LEN;
    udpEmit(u, SRC_PORT_BASE | (hash & SRC_PORT_MASK), tunnelPort, udpLen);
    if (mode == MODE_VXLAN) vxlanEmit(u + UDP_HEADER_LEN, vni);
    else geneveEmit(u + UDP_HEADER_LEN, vni, optionsBytes);
    metaSet(M_WIRE_OFF, i, headroom - outerLen);
    metaSet(M_WIRE_LEN, i, outerLen + frameLen);
  }
  metaSet(M_FRAGS, i, frags);
  metaSet(M_WIRE_BYTES, i, frags == 1 ? metaGet(M_WIRE_LEN, i) : wireBytes);
  return R_OK;
}

