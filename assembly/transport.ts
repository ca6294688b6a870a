import { readU16, readU32, readU32x4, readU8, writeU16 } from './bytes';
import { checksumReplace32 } from './checksum';
import {
  IP_DST, IP_SRC, ipDst, ipHeaderLen, ipIsFirstFragment, ipProtocol, ipSetAddress, ipSrc, ipTotalLen,
  PROTO_TCP, PROTO_UDP,
} from './ipv4';
import { fmix32 } from './route';

// What the data path needs of the inner TCP/UDP header: ports for the flow hash, the header length for the
// payload count, and the checksum field to patch when NAT rewrites an address (the pseudo-header covers it).
// TCP: RFC 9293 §3.1 (data offset at byte 12, checksum at 16). UDP: RFC 768 (checksum at 6, 0 = none).

const TCP_DATA_OFFSET: u32 = 12;
const TCP_CHECKSUM: u32 = 16;
const TCP_MIN_HEADER_LEN: u32 = 20;
const UDP_CHECKSUM: u32 = 6;
const UDP_HEADER_LEN: u32 = 8;

/** True when the packet carries the start of a TCP/UDP header (first fragment or not fragmented). */
@inline function hasL4Start(ip: usize): bool {
  return ipIsFirstFragment(ip);
}

/** Hash of the inner flow (addresses, protocol, ports): the entropy RFC 7348 §5 asks for in the source port. */
@inline export function flowHash(ip: usize): u32 {
  const hl = ipHeaderLen(ip);
  const proto = ipProtocol(ip);
  // Source, destination and (without options) the ports word in one load: 16 bytes from the source address lie
  // inside the slot, which is at least 64 bytes long.
  const f = readU32x4(ip + IP_SRC);
  let h = fmix32(i32x4.extract_lane(f, 0) ^ 0x9e3779b9);
  h = fmix32(h ^ i32x4.extract_lane(f, 1));
  h = fmix32(h ^ proto);
  if ((proto == PROTO_TCP || proto == PROTO_UDP) && hasL4Start(ip) && hl + 4 <= ipTotalLen(ip)) {
    h = fmix32(h ^ (hl == IP_DST + 4 ? <u32>i32x4.extract_lane(f, 2) : readU32(ip + hl)));
  }
  return h;
}

/** Application bytes the packet carries: IP payload minus the TCP/UDP header when this packet holds it. */
@inline export function payloadLen(ip: usize): u32 {
  const hl = ipHeaderLen(ip);
  const data = ipTotalLen(ip) - hl;
  if (!hasL4Start(ip)) return data;
  const proto = ipProtocol(ip);
  if (proto == PROTO_UDP) return data >= UDP_HEADER_LEN ? data - UDP_HEADER_LEN : 0;
  if (proto == PROTO_TCP && data >= TCP_MIN_HEADER_LEN) {
    const th = (readU8(ip + hl + TCP_DATA_OFFSET) >>> 4) << 2;
    return data >= th ? data - th : 0;
  }
  return data;
}

/** Rewrites the source (SNAT) or destination (DNAT) address, patching the IPv4 and TCP/UDP checksums. */
export function natRewrite(ip: usize, field: u32, addr: u32): void {
  const old = field == IP_SRC ? ipSrc(ip) : ipDst(ip);
  const hl = ipHeaderLen(ip);
  const data = ipTotalLen(ip) - hl;
  const proto = ipProtocol(ip);
  if (hasL4Start(ip)) {
    if (proto == PROTO_TCP && data >= TCP_MIN_HEADER_LEN) {
      const c = ip + hl + TCP_CHECKSUM;
      writeU16(c, checksumReplace32(readU16(c), old, addr));
    } else if (proto == PROTO_UDP && data >= UDP_HEADER_LEN) {
      const c = ip + hl + UDP_CHECKSUM;
      const hc = readU16(c);
      // A zero UDP checksum means "none" and stays zero; a computed zero is sent as 0xffff (RFC 768).
      if (hc != 0) {
        const n = checksumReplace32(hc, old, addr);
        writeU16(c, n == 0 ? 0xffff : n);
      }
    }
  }
  ipSetAddress(ip, field == IP_SRC ? IP_SRC : IP_DST, addr);
}
