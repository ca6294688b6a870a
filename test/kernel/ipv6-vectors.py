#!/usr/bin/env python3
"""Builds the IPv6 byte vectors of kernel-fixture.ts from the RFC layouts, independently of the kernel.

RFC 8200 §3 (IPv6 header), §8.1 (upper-layer checksum over the pseudo-header), RFC 768 (UDP), RFC 7348 §5 (VXLAN),
RFC 8926 §3.4 (Geneve). The tunnel source port and flow label come from the kernel's documented flow hash
(assembly/transport6.ts: murmur3 fmix32 chained over the address words, next header and ports).
Run: /usr/bin/python3 test/kernel/ipv6-vectors.py
"""
import ipaddress
import struct

M = 0xFFFFFFFF


def fmix32(x):
    x ^= x >> 16
    x = (x * 0x85EBCA6B) & M
    x ^= x >> 13
    x = (x * 0xC2B2AE35) & M
    x ^= x >> 16
    return x


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s > 0xFFFF:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ip6(text):
    return ipaddress.IPv6Address(text).packed


def mac(addr_bytes):
    return b"\x02\x00" + addr_bytes[-4:]


def ipv6_header(payload_len, nh, hop, flow, src, dst):
    return struct.pack("!IHBB", (6 << 28) | flow, payload_len, nh, hop) + src + dst


def udp6(src, dst, sport, dport, payload, zero=False):
    length = 8 + len(payload)
    hdr = struct.pack("!HHHH", sport, dport, length, 0)
    if zero:
        return hdr + payload
    pseudo = src + dst + struct.pack("!IxxxB", length, 17)
    c = csum(pseudo + hdr + payload) or 0xFFFF
    return struct.pack("!HHHH", sport, dport, length, c) + payload


def flow_hash6(ip):
    words = struct.unpack("!8I", ip[8:40])
    h = fmix32(words[0] ^ 0x9E3779B9)
    for w in words[1:]:
        h = fmix32(h ^ w)
    nh = ip[6]
    h = fmix32(h ^ nh)
    plen = struct.unpack("!H", ip[4:6])[0]
    if nh in (6, 17) and plen >= 4:
        h = fmix32(h ^ struct.unpack("!I", ip[40:44])[0])
    return h


POD_A, POD_B = ip6("fd12:3456:789a::4"), ip6("fd12:3456:789a:0:1::5")
NODE_A, NODE_B = ip6("fd00:10:224::ae0:4"), ip6("fd00:10:224::ae0:5")

inner_udp = udp6(POD_A, POD_B, 40000, 8080, bytes(range(20)))
inner_ip = ipv6_header(len(inner_udp), 17, 64, 0, POD_A, POD_B) + inner_udp
inner = mac(POD_B) + mac(POD_A) + b"\x86\xdd" + inner_ip
h = flow_hash6(inner_ip)
sport, flow = 49152 | (h & 0x3FFF), h & 0xFFFFF


def outer(tunnel_header, port, zero=False):
    payload = tunnel_header + inner
    u = udp6(NODE_A, NODE_B, sport, port, payload, zero)
    hdr = mac(NODE_B) + mac(NODE_A) + b"\x86\xdd" + ipv6_header(len(u), 17, 64, flow, NODE_A, NODE_B)
    return (hdr + u)[: len(hdr) + 8]  # outer Ethernet + IPv6 + UDP; the tunnel header and inner frame follow


vxlan_hdr = struct.pack("!II", 0x08 << 24, 0x123456 << 8)
geneve_hdr = struct.pack("!BBHI", 12 // 4, 0, 0x6558, 0x123456 << 8) + struct.pack("!HBB", 0xFF00, 1, 2) + bytes(8)
print("inner6   ", inner.hex())
print("vxlan6   ", (outer(vxlan_hdr, 4789) + vxlan_hdr).hex())
print("vxlan6z  ", (outer(vxlan_hdr, 4789, True) + vxlan_hdr).hex())
print("geneve6  ", (outer(geneve_hdr, 6081) + geneve_hdr).hex())
print("sport %d flow 0x%05x" % (sport, flow))
