import { hex } from './kernel-fixture.ts';

/** fd00:10:224::/64, the node subnet the IPv6 vectors use: a node's address is this prefix + its IPv4 address. */
export const NODE_PREFIX: readonly [number, number] = [0xfd000010, 0x02240000];

/** Four address words, most significant first, of an IPv6 address written in full or with one `::`. */
export function ipv6Words(text: string): [number, number, number, number] {
  const [head = '', tail] = text.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t].map((g) => parseInt(g, 16));
  const w = (k: number) => (((groups[2 * k] ?? 0) << 16) | (groups[2 * k + 1] ?? 0)) >>> 0;
  return [w(0), w(1), w(2), w(3)];
}

/**
 * Known IPv6 frames, built independently by test/kernel/ipv6-vectors.py from the RFC layouts (RFC 8200 §3, §8.1;
 * RFC 7348 §5; RFC 8926 §3.4) and decoded by tcpdump. The tunnel vectors are the outer headers only: the inner
 * frame follows them on the wire.
 */
export const VECTORS6 = {
  // [fd12:3456:789a::4]:40000 → [fd12:3456:789a:0:1::5]:8080 UDP, hop limit 64, flow label 0, 20 payload bytes
  // 00..13, UDP checksum 0x9570 over the IPv6 pseudo-header.
  inner: hex(
    '020000000005 020000000004 86dd' +
      '60000000 001c 11 40 fd123456789a00000000000000000004 fd123456789a00000001000000000005' +
      '9c40 1f90 001c 9570' +
      '000102030405060708090a0b0c0d0e0f10111213',
  ),
  // Node fd00:10:224::ae0:4 → fd00:10:224::ae0:5, VXLAN port 4789, VNI 0x123456; flow label 0x884b5 and source
  // port 50357 from the inner flow hash; UDP checksum 0xa742 over the pseudo-header and the whole datagram.
  vxlan: hex(
    '02000ae00005 02000ae00004 86dd' +
      '600884b5 0062 11 40 fd00001002240000000000000ae00004 fd00001002240000000000000ae00005' +
      'c4b5 12b5 0062 a742' +
      '08000000 12345600',
  ),
  // The same with zero-checksum tunnels configured (RFC 6935 §5): UDP checksum 0.
  vxlanZero: hex(
    '02000ae00005 02000ae00004 86dd' +
      '600884b5 0062 11 40 fd00001002240000000000000ae00004 fd00001002240000000000000ae00005' +
      'c4b5 12b5 0062 0000' +
      '08000000 12345600',
  ),
  // Geneve port 6081 with one 12-byte experimental option (class 0xff00, type 1, 8 data bytes).
  geneve: hex(
    '02000ae00005 02000ae00004 86dd' +
      '600884b5 006e 11 40 fd00001002240000000000000ae00004 fd00001002240000000000000ae00005' +
      'c4b5 17c1 006e 41c3' +
      '0300 6558 12345600' +
      'ff00 0102 0000000000000000',
  ),
};
