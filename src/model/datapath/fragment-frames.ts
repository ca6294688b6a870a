import type { KernelSession } from '../../kernel/kernel-session.ts';
import { M_FRAGS, M_WIRE_BYTES, M_WIRE_LEN, M_WIRE_OFF } from '../../kernel/layout.ts';
import { checksum } from '../../kernel/twin/checksum.ts';
import { ETHERTYPE_IPV6, IP6_HEADER_LEN, udp6Checksum } from '../../kernel/twin/ipv6.ts';
import type { FrameSink } from '../extension.ts';

// The kernel leaves the first fragment of a fragmented packet in its slot and counts the rest (encap.ts). For a
// capture, this rebuilds fragments 2..n from it: the inner packet's later bytes are still in the slot, untouched.
// RFC 791 §3.2: every fragment repeats the IPv4 header with its own total length, offset (in 8-byte units) and
// MF flag (set on all but the last). The tunnel headers are those of the first fragment with the lengths and the
// outer IPv4 checksum redone (over an IPv6 underlay: the lengths and the outer UDP checksum). Only inner IPv4 is
// ever fragmented: IPv6 packets are dropped as Packet Too Big instead. Used only when a frame sink is attached; it
// allocates one scratch buffer.

const ETH = 14;
const IP_MF = 0x2000;
const IP_OFFSET_MASK = 0x1fff;

export class FragmentFrames {
  private readonly buf: Uint8Array;
  private readonly dv: DataView;

  constructor(maxFrameBytes: number) {
    this.buf = new Uint8Array(maxFrameBytes);
    this.dv = new DataView(this.buf.buffer);
  }

  /**
   * Offers fragments 2..n of packet i to the sink, `stepNs` apart after `timeNs`. The packet was a whole
   * datagram (the traffic model sends no fragments), so the last fragment has MF clear. Returns false once the
   * sink is full.
   */
  offer(k: KernelSession, i: number, timeNs: number, stepNs: number, sink: FrameSink): boolean {
    const frags = k.meta(M_FRAGS, i);
    const slot = k.slotAddr(i);
    const headroom = k.geometry.headroom;
    const outer = headroom - k.meta(M_WIRE_OFF, i);
    const inner = slot + headroom;
    const ip = inner + ETH;
    const hl = (k.u8[ip] ?? 0x45) & 0xf;
    const hlBytes = hl * 4;
    const firstLen = k.meta(M_WIRE_LEN, i);
    const chunk = firstLen - outer - ETH - hlBytes;
    // M_WIRE_BYTES = frags × (outer + 14 + IHL) + data bytes (encap.ts), which gives the datagram's data length.
    const data = k.meta(M_WIRE_BYTES, i) - frags * (outer + ETH + hlBytes);
    const baseOffset = k.dv.getUint16(ip + 6) & IP_OFFSET_MASK;
    const b = this.buf;
    const dv = this.dv;
    for (let f = 1; f < frags; f++) {
      const size = Math.min(chunk, data - f * chunk);
      // Headers: outer (if any), inner Ethernet and IPv4 header, copied from the first fragment.
      b.set(k.u8.subarray(slot + headroom - outer, ip + hlBytes), 0);
      b.set(k.u8.subarray(ip + hlBytes + f * chunk, ip + hlBytes + f * chunk + size), outer + ETH + hlBytes);
      const fip = outer + ETH;
      dv.setUint16(fip + 2, hlBytes + size);
      dv.setUint16(fip + 6, (f < frags - 1 ? IP_MF : 0) | (baseOffset + (f * chunk) / 8));
      dv.setUint16(fip + 10, 0);
      dv.setUint16(fip + 10, checksum(dv, fip, hlBytes));
      const frameLen = outer + ETH + hlBytes + size;
      if (outer > 0 && dv.getUint16(12) === ETHERTYPE_IPV6) {
        // IPv6 underlay: payload and UDP lengths, and the UDP checksum unless the tunnel sends zero (RFC 6935).
        const oip = ETH;
        const u = oip + IP6_HEADER_LEN;
        const udpLen = frameLen - ETH - IP6_HEADER_LEN;
        dv.setUint16(oip + 4, udpLen);
        dv.setUint16(u + 4, udpLen);
        if (dv.getUint16(u + 6) !== 0) {
          dv.setUint16(u + 6, 0);
          const c = udp6Checksum(dv, oip, u, udpLen);
          dv.setUint16(u + 6, c === 0 ? 0xffff : c);
        }
      } else if (outer > 0) {
        const oip = ETH;
        dv.setUint16(oip + 2, frameLen - ETH);
        dv.setUint16(oip + 10, 0);
        dv.setUint16(oip + 10, checksum(dv, oip, 20));
        dv.setUint16(oip + 20 + 4, frameLen - ETH - 20);
      }
      if (!sink.write(timeNs + f * stepNs, b.subarray(0, frameLen))) return false;
    }
    return true;
  }
}
