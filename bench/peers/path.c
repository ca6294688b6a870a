/*
 * The per-packet full path of cnisim's kernel (assembly/path.ts: lookup -> service DNAT / egress SNAT ->
 * VXLAN encap -> decap, with the same counters), ported line for line to C so that `gcc -O2` gives the practical
 * ceiling for the WASM build. It runs on a byte image of the WASM kernel's own memory (same layout: counters,
 * route hash table, per-packet meta arrays, slots with headroom), written by bench/peers/wasm-path.ts after the
 * same setup the kernel bench uses. Before timing, it runs the path once and compares the whole memory with the
 * image the WASM kernel produced from the same input: byte for byte, counters included. A mismatch exits 1, so
 * the two can never silently drift apart. Geneve mode is not ported (the comparison runs VXLAN); the program
 * refuses any other mode.
 *
 * Usage: path PREFIX REPS   (reads PREFIX.geom, PREFIX.in, PREFIX.out)
 * Output: "check ok" on stderr, then one CSV line per repetition: native-c,batch,packets,wall_s,cpu_s
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef uint32_t u32;

/* assembly/layout.ts (checked against PREFIX.geom) */
#define LAYOUT_VERSION 2u
#define COUNTERS_OFF 65536u
#define LENGTHS_OFF (COUNTERS_OFF + 64u * 8u)
#define ROUTE_SLOTS_LOG2 15u
#define ROUTE_SLOTS (1u << ROUTE_SLOTS_LOG2)
#define ROUTE_ENTRY_BYTES 16u
#define ROUTES_OFF (LENGTHS_OFF + 512u)
/* the IPv6 route lengths (1,024 B) and table (16,384 entries of 32 B) lie between the IPv4 routes and meta */
#define META_OFF (ROUTES_OFF + ROUTE_SLOTS * ROUTE_ENTRY_BYTES + 1024u + 16384u * 32u)
#define ROUTE_EMPTY 0xffffffffu
enum { M_LEN, M_SRC_NODE, M_BACKEND, M_VERDICT, M_NEXTHOP, M_REASON, M_WIRE_OFF, M_WIRE_LEN, M_FRAGS, M_WIRE_BYTES,
       M_INNER_OFF, M_INNER_LEN };
enum { C_PACKETS, C_DELIVERED, C_LOCAL, C_CROSS_NODE, C_SERVICE, C_EGRESS, C_VNET, C_WIRE_FRAMES, C_WIRE_BYTES,
       C_PAYLOAD_BYTES, C_PAYLOAD_DELIVERED, C_FRAGMENTED_PACKETS, C_FRAGMENTS, C_INNER_BYTES, C_DROPS = 16 };
/* assembly/reason.ts */
enum { R_OK, R_TRUNCATED, R_BAD_ETHERTYPE, R_BAD_VERSION, R_BAD_IHL, R_BAD_TOTAL_LENGTH, R_BAD_CHECKSUM, R_NOT_UDP,
       R_BAD_UDP_LENGTH, R_WRONG_PORT, R_VXLAN_NO_I_FLAG, R_WRONG_VNI, R_GENEVE_BAD_VERSION, R_GENEVE_BAD_PROTOCOL,
       R_OUTER_FRAGMENT, R_TTL_EXPIRED, R_NO_ROUTE, R_FRAG_NEEDED, R_BAD_SLOT_LENGTH, R_BAD_INNER };
#define R_NO_BACKEND 21u
enum { V_NONE, V_LOCAL, V_NODE, V_SERVICE, V_EGRESS, V_VNET, V_DROP };
enum { MODE_NONE, MODE_VXLAN, MODE_GENEVE };
/* header fields (assembly/ethernet.ts, ipv4.ts, udp.ts, vxlan.ts, transport.ts) */
#define ETH_TYPE 12u
#define ETH_HEADER_LEN 14u
#define ETHERTYPE_IPV4 0x0800u
#define IP_VER_IHL 0u
#define IP_TOS 1u
#define IP_LENGTH 2u
#define IP_IDENT 4u
#define IP_FLAGS_FRAG 6u
#define IP_TTL 8u
#define IP_PROTOCOL 9u
#define IP_CHECKSUM 10u
#define IP_SRC 12u
#define IP_DST 16u
#define IP_HEADER_LEN 20u
#define IP_FLAG_DF 0x4000u
#define IP_FLAG_MF 0x2000u
#define IP_FRAG_OFFSET_MASK 0x1fffu
#define PROTO_TCP 6u
#define PROTO_UDP 17u
#define UDP_HEADER_LEN 8u
#define VXLAN_HEADER_LEN 8u
#define TCP_MIN_HEADER_LEN 20u
#define SRC_PORT_BASE 49152u
#define SRC_PORT_MASK 0x3fffu

static uint8_t* mem;
static u32 slotCount, slotBytes, headroom, stride, slotsOff, mode, vni, tunnelPort, vmMtu, outerTtl, outerLen;
static u32 foundNextHop;

/* bytes.ts: network byte order in one place */
static inline u32 readU8(u32 p) { return mem[p]; }
static inline void writeU8(u32 p, u32 v) { mem[p] = (uint8_t)v; }
static inline u32 readU16(u32 p) { return ((u32)mem[p] << 8) | mem[p + 1]; }
static inline void writeU16(u32 p, u32 v) { mem[p] = (uint8_t)(v >> 8); mem[p + 1] = (uint8_t)v; }
static inline u32 readU32(u32 p) { u32 v; memcpy(&v, mem + p, 4); return __builtin_bswap32(v); }
static inline void writeU32(u32 p, u32 v) { v = __builtin_bswap32(v); memcpy(mem + p, &v, 4); }
/* the field compared in network order: the constant is swapped, not the load (bytes.ts isU16, anyU16) */
static inline u32 load16(u32 p) { uint16_t v; memcpy(&v, mem + p, 2); return v; }
static inline u32 net16(u32 v) { return __builtin_bswap16((uint16_t)v); }
static inline int isU16(u32 p, u32 v) { return load16(p) == net16(v); }
static inline int anyU16(u32 p, u32 mask) { return (load16(p) & net16(mask)) != 0; }
/* wasm memory is little-endian, like x86 */
static inline u32 loadLE32(u32 p) { u32 v; memcpy(&v, mem + p, 4); return v; }
static inline void storeLE32(u32 p, u32 v) { memcpy(mem + p, &v, 4); }

/* meta.ts */
static inline u32 metaGet(u32 f, u32 i) { return loadLE32(META_OFF + (f * slotCount + i) * 4); }
static inline void metaSet(u32 f, u32 i, u32 v) { storeLE32(META_OFF + (f * slotCount + i) * 4, v); }
static inline void count(u32 c, double v) {
  double x; memcpy(&x, mem + COUNTERS_OFF + c * 8, 8); x += v; memcpy(mem + COUNTERS_OFF + c * 8, &x, 8);
}

/* checksum.ts */
static inline u32 fold(u32 sum) { sum = (sum & 0xffff) + (sum >> 16); sum = (sum & 0xffff) + (sum >> 16); return sum; }
static u32 checksum(u32 p, u32 len) { u32 sum = 0; for (u32 i = 0; i < len; i += 2) sum += readU16(p + i); return ~fold(sum) & 0xffff; }
static u32 checksumReplace32(u32 hc, u32 oldV, u32 newV) {
  u32 sum = (~hc & 0xffff) + (~(oldV >> 16) & 0xffff) + (~oldV & 0xffff) + (newV >> 16) + (newV & 0xffff);
  return ~fold(sum) & 0xffff;
}

/* ethernet.ts */
static inline int ethCheckLen(u32 len) { return len >= ETH_HEADER_LEN; }
static inline int ethTypeIs(u32 p, u32 t) { return isU16(p + ETH_TYPE, t); }
static void ethEmit(u32 p, u32 dstIp, u32 srcIp, u32 etherType) {
  writeU16(p, 0x0200); writeU32(p + 2, dstIp); writeU16(p + 6, 0x0200); writeU32(p + 8, srcIp); writeU16(p + ETH_TYPE, etherType);
}

/* ipv4.ts */
static u32 ipCheck(u32 p, u32 avail, int verify) {
  if (avail < IP_HEADER_LEN) return R_TRUNCATED;
  u32 verIhl = readU8(p + IP_VER_IHL);
  if ((verIhl >> 4) != 4) return R_BAD_VERSION;
  u32 hl = (verIhl & 0xf) << 2;
  if (hl < IP_HEADER_LEN) return R_BAD_IHL;
  if (hl > avail) return R_TRUNCATED;
  u32 total = readU16(p + IP_LENGTH);
  if (total < hl || total > avail) return R_BAD_TOTAL_LENGTH;
  if (verify && checksum(p, hl) != 0) return R_BAD_CHECKSUM;
  return R_OK;
}
static inline u32 ipHeaderLen(u32 p) { return (readU8(p + IP_VER_IHL) & 0xf) << 2; }
static inline u32 ipTotalLen(u32 p) { return readU16(p + IP_LENGTH); }
static inline u32 ipFlagsFrag(u32 p) { return readU16(p + IP_FLAGS_FRAG); }
static inline u32 ipProtocol(u32 p) { return readU8(p + IP_PROTOCOL); }
static void ipFillChecksum(u32 p) { writeU16(p + IP_CHECKSUM, 0); writeU16(p + IP_CHECKSUM, checksum(p, ipHeaderLen(p))); }
static void ipSetLengthFlags(u32 p, u32 totalLen, u32 flagsFrag) {
  writeU16(p + IP_LENGTH, totalLen); writeU16(p + IP_FLAGS_FRAG, flagsFrag); ipFillChecksum(p);
}
static void ipEmit(u32 p, u32 totalLen, u32 ttl, u32 protocol, u32 src, u32 dst) {
  u32 w0 = (0x45u << 24) | totalLen, w1 = IP_FLAG_DF, w2 = (ttl << 24) | (protocol << 16);
  u32 sum = (w0 >> 16) + (w0 & 0xffff) + w1 + (w2 >> 16) + (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff);
  writeU32(p + IP_VER_IHL, w0); writeU32(p + IP_IDENT, w1); writeU32(p + IP_TTL, w2 | (~fold(sum) & 0xffff));
  writeU32(p + IP_SRC, src); writeU32(p + IP_DST, dst);
}

/* route.ts */
static inline u32 fmix32(u32 x) { x ^= x >> 16; x *= 0x85ebca6bu; x ^= x >> 13; x *= 0xc2b2ae35u; x ^= x >> 16; return x; }
static inline u32 maskOf(u32 len) { return len == 0 ? 0 : 0xffffffffu << (32 - len); }
static inline u32 slotOf(u32 prefix, u32 len) { return fmix32(prefix ^ ((len + 1) * 0x9e3779b9u)) >> (32 - ROUTE_SLOTS_LOG2); }
static u32 routeLookup(u32 dst) {
  u32 n = loadLE32(LENGTHS_OFF);
  for (u32 k = 0; k < n; k++) {
    u32 len = loadLE32(LENGTHS_OFF + 4 + k * 4);
    u32 key = dst & maskOf(len);
    u32 i = slotOf(key, len);
    for (;;) {
      u32 e = ROUTES_OFF + i * ROUTE_ENTRY_BYTES;
      u32 l = loadLE32(e + 4);
      if (l == ROUTE_EMPTY) break;
      if (l == len && loadLE32(e) == key) { foundNextHop = loadLE32(e + 12); return loadLE32(e + 8); }
      i = (i + 1) & (ROUTE_SLOTS - 1);
    }
  }
  foundNextHop = 0;
  return V_NONE;
}

/* transport.ts */
static inline int hasL4Start(u32 ip) { return !anyU16(ip + IP_FLAGS_FRAG, IP_FRAG_OFFSET_MASK); }
static u32 flowHash(u32 ip) {
  u32 hl = ipHeaderLen(ip), proto = ipProtocol(ip);
  u32 h = fmix32(readU32(ip + IP_SRC) ^ 0x9e3779b9u);
  h = fmix32(h ^ readU32(ip + IP_DST));
  h = fmix32(h ^ proto);
  if ((proto == PROTO_TCP || proto == PROTO_UDP) && hasL4Start(ip) && hl + 4 <= ipTotalLen(ip)) h = fmix32(h ^ readU32(ip + hl));
  return h;
}
static u32 payloadLen(u32 ip) {
  u32 hl = ipHeaderLen(ip), data = ipTotalLen(ip) - hl;
  if (!hasL4Start(ip)) return data;
  u32 proto = ipProtocol(ip);
  if (proto == PROTO_UDP) return data >= UDP_HEADER_LEN ? data - UDP_HEADER_LEN : 0;
  if (proto == PROTO_TCP && data >= TCP_MIN_HEADER_LEN) { u32 th = (readU8(ip + hl + 12) >> 4) << 2; return data >= th ? data - th : 0; }
  return data;
}
static void natRewrite(u32 ip, u32 field, u32 addr) {
  u32 old = readU32(ip + field), hl = ipHeaderLen(ip), data = ipTotalLen(ip) - hl, proto = ipProtocol(ip);
  if (hasL4Start(ip)) {
    if (proto == PROTO_TCP && data >= TCP_MIN_HEADER_LEN) { u32 c = ip + hl + 16; writeU16(c, checksumReplace32(readU16(c), old, addr)); }
    else if (proto == PROTO_UDP && data >= UDP_HEADER_LEN) {
      u32 c = ip + hl + 6, hc = readU16(c);
      if (hc != 0) { u32 n = checksumReplace32(hc, old, addr); writeU16(c, n == 0 ? 0xffff : n); }
    }
  }
  writeU32(ip + field, addr);
  ipFillChecksum(ip);
}

/* lookup.ts */
static inline u32 slotAddr(u32 i) { return slotsOff + i * stride; }
static inline u32 drop(u32 i, u32 reason) { metaSet(M_VERDICT, i, V_DROP); metaSet(M_REASON, i, reason); return V_DROP; }
static u32 classify(u32 i, u32 dst) {
  u32 verdict = routeLookup(dst);
  if (verdict == V_NONE) return drop(i, R_NO_ROUTE);
  u32 nextHop = foundNextHop;
  if (verdict == V_NODE && nextHop == metaGet(M_SRC_NODE, i)) verdict = V_LOCAL;
  metaSet(M_VERDICT, i, verdict);
  metaSet(M_NEXTHOP, i, nextHop);
  return verdict;
}
static u32 lookupOne(u32 i) {
  metaSet(M_VERDICT, i, V_NONE); metaSet(M_NEXTHOP, i, 0); metaSet(M_REASON, i, R_OK); metaSet(M_WIRE_OFF, i, 0);
  metaSet(M_WIRE_LEN, i, 0); metaSet(M_FRAGS, i, 0); metaSet(M_WIRE_BYTES, i, 0); metaSet(M_INNER_OFF, i, 0);
  metaSet(M_INNER_LEN, i, 0);
  u32 len = metaGet(M_LEN, i);
  if (len > slotBytes) return drop(i, R_BAD_SLOT_LENGTH);
  u32 f = slotAddr(i) + headroom;
  if (!ethCheckLen(len) || !ethTypeIs(f, ETHERTYPE_IPV4)) return drop(i, R_BAD_INNER);
  if (ipCheck(f + ETH_HEADER_LEN, len - ETH_HEADER_LEN, 0) != R_OK) return drop(i, R_BAD_INNER);
  return classify(i, readU32(f + ETH_HEADER_LEN + IP_DST));
}

/* encap.ts (VXLAN and native) */
static u32 encapOne(u32 i) {
  u32 s = slotAddr(i), f = s + headroom, ip = f + ETH_HEADER_LEN;
  int tunnel = mode != MODE_NONE && metaGet(M_VERDICT, i) == V_NODE;
  u32 added = tunnel ? outerLen : 0, maxIpLen = vmMtu - added, ipLen = ipTotalLen(ip);
  u32 hash = tunnel ? flowHash(ip) : 0;
  u32 frameLen = metaGet(M_LEN, i), frags = 1, wireBytes = 0;
  if (ipLen > maxIpLen) {
    u32 ff = ipFlagsFrag(ip), hl = ipHeaderLen(ip);
    u32 chunk = maxIpLen > hl ? ((maxIpLen - hl) >> 3) << 3 : 0;
    if ((ff & IP_FLAG_DF) != 0 || chunk == 0) return R_FRAG_NEEDED;
    u32 data = ipLen - hl;
    frags = (data + chunk - 1) / chunk;
    wireBytes = frags * (added + ETH_HEADER_LEN + hl) + data;
    ipSetLengthFlags(ip, hl + chunk, (ff & (IP_FRAG_OFFSET_MASK | IP_FLAG_MF)) | IP_FLAG_MF);
    frameLen = ETH_HEADER_LEN + hl + chunk;
  }
  if (!tunnel) {
    metaSet(M_WIRE_OFF, i, headroom);
    metaSet(M_WIRE_LEN, i, frameLen);
  } else {
    u32 o = f - outerLen, src = metaGet(M_SRC_NODE, i), dst = metaGet(M_NEXTHOP, i);
    u32 udpLen = outerLen - ETH_HEADER_LEN - IP_HEADER_LEN + frameLen;
    ethEmit(o, dst, src, ETHERTYPE_IPV4);
    ipEmit(o + ETH_HEADER_LEN, IP_HEADER_LEN + udpLen, outerTtl, PROTO_UDP, src, dst);
    u32 u = o + ETH_HEADER_LEN + IP_HEADER_LEN;
    writeU32(u, ((SRC_PORT_BASE | (hash & SRC_PORT_MASK)) << 16) | (tunnelPort & 0xffff)); writeU32(u + 4, udpLen << 16);
    writeU32(u + UDP_HEADER_LEN, 0x08u << 24);
    writeU32(u + UDP_HEADER_LEN + 4, (vni & 0xffffff) << 8);
    metaSet(M_WIRE_OFF, i, headroom - outerLen);
    metaSet(M_WIRE_LEN, i, outerLen + frameLen);
  }
  metaSet(M_FRAGS, i, frags);
  metaSet(M_WIRE_BYTES, i, frags == 1 ? metaGet(M_WIRE_LEN, i) : wireBytes);
  return R_OK;
}

/* decap.ts (VXLAN and native) */
static u32 decapOne(u32 i) {
  u32 off = metaGet(M_WIRE_OFF, i), len = metaGet(M_WIRE_LEN, i), limit = headroom + slotBytes;
  if (off > limit || len > limit - off) return R_BAD_SLOT_LENGTH;
  u32 p = slotAddr(i) + off;
  if (!ethCheckLen(len)) return R_TRUNCATED;
  if (!ethTypeIs(p, ETHERTYPE_IPV4)) return R_BAD_ETHERTYPE;
  u32 ip = p + ETH_HEADER_LEN;
  u32 r = ipCheck(ip, len - ETH_HEADER_LEN, 1);
  if (r != R_OK) return r;
  if (readU8(ip + IP_TTL) == 0) return R_TTL_EXPIRED;
  if (mode == MODE_NONE) { metaSet(M_INNER_OFF, i, off); metaSet(M_INNER_LEN, i, len); return R_OK; }
  if (anyU16(ip + IP_FLAGS_FRAG, IP_FLAG_MF | IP_FRAG_OFFSET_MASK)) return R_OUTER_FRAGMENT;
  if (ipProtocol(ip) != PROTO_UDP) return R_NOT_UDP;
  u32 hl = ipHeaderLen(ip), ipData = ipTotalLen(ip) - hl;
  if (ipData < UDP_HEADER_LEN) return R_TRUNCATED;
  u32 u = ip + hl, udpLen = readU16(u + 4);
  if (udpLen < UDP_HEADER_LEN || udpLen > ipData) return R_BAD_UDP_LENGTH;
  if (readU16(u + 2) != tunnelPort) return R_WRONG_PORT;
  u32 t = u + UDP_HEADER_LEN, tAvail = udpLen - UDP_HEADER_LEN;
  if (tAvail < VXLAN_HEADER_LEN) return R_TRUNCATED;
  if ((readU8(t) & 0x08) == 0) return R_VXLAN_NO_I_FLAG;
  if ((readU32(t + 4) >> 8) != vni) return R_WRONG_VNI;
  u32 inner = t + VXLAN_HEADER_LEN, innerLen = tAvail - VXLAN_HEADER_LEN;
  if (!ethCheckLen(innerLen) || !ethTypeIs(inner, ETHERTYPE_IPV4)) return R_BAD_INNER;
  if (ipCheck(inner + ETH_HEADER_LEN, innerLen - ETH_HEADER_LEN, 0) != R_OK) return R_BAD_INNER;
  metaSet(M_INNER_OFF, i, inner - slotAddr(i));
  metaSet(M_INNER_LEN, i, innerLen);
  return R_OK;
}

/* path.ts */
static void pathOne(u32 i) {
  count(C_PACKETS, 1);
  u32 verdict = lookupOne(i);
  u32 ip = slotAddr(i) + headroom + ETH_HEADER_LEN;
  if (verdict == V_SERVICE) {
    count(C_SERVICE, 1);
    u32 backend = metaGet(M_BACKEND, i);
    if (backend == 0) verdict = drop(i, R_NO_BACKEND);
    else {
      natRewrite(ip, IP_DST, backend);
      verdict = classify(i, backend);
      if (verdict == V_SERVICE) verdict = drop(i, R_NO_BACKEND);
    }
  }
  if (verdict == V_DROP) { count(C_DROPS + metaGet(M_REASON, i), 1); return; }
  double payload = (double)payloadLen(ip);
  if (verdict == V_LOCAL) { count(C_LOCAL, 1); count(C_DELIVERED, 1); return; }
  if (verdict == V_EGRESS) { count(C_EGRESS, 1); natRewrite(ip, IP_SRC, metaGet(M_SRC_NODE, i)); }
  else if (verdict == V_VNET) count(C_VNET, 1);
  else count(C_CROSS_NODE, 1);
  double innerIpLen = (double)ipTotalLen(ip);
  u32 r = encapOne(i);
  if (r == R_OK) {
    u32 frags = metaGet(M_FRAGS, i);
    count(C_WIRE_FRAMES, (double)frags);
    count(C_WIRE_BYTES, (double)metaGet(M_WIRE_BYTES, i));
    count(C_PAYLOAD_BYTES, payload);
    count(C_INNER_BYTES, innerIpLen);
    if (frags > 1) { count(C_FRAGMENTED_PACKETS, 1); count(C_FRAGMENTS, (double)frags); }
    if (verdict == V_NODE) r = decapOne(i);
  }
  metaSet(M_REASON, i, r);
  if (r != R_OK) { count(C_DROPS + r, 1); return; }
  count(C_DELIVERED, 1);
  count(C_PAYLOAD_DELIVERED, payload);
}

static void pathBatch(u32 n) { if (n > slotCount) n = slotCount; for (u32 i = 0; i < n; i++) pathOne(i); }

static uint8_t* readFile(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  if (!f) { perror(path); exit(2); }
  fseek(f, 0, SEEK_END); *size = (size_t)ftell(f); fseek(f, 0, SEEK_SET);
  uint8_t* buf = malloc(*size);
  if (!buf || fread(buf, 1, *size, f) != *size) { fprintf(stderr, "cannot read %s\n", path); exit(2); }
  fclose(f);
  return buf;
}

static double cpuSeconds(void) { struct timespec ts; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); return ts.tv_sec + ts.tv_nsec * 1e-9; }
static double wallSeconds(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec + ts.tv_nsec * 1e-9; }

int main(int argc, char** argv) {
  if (argc != 3) { fprintf(stderr, "usage: %s PREFIX REPS\n", argv[0]); return 2; }
  char path[4096];
  snprintf(path, sizeof path, "%s.geom", argv[1]);
  FILE* g = fopen(path, "r");
  if (!g) { perror(path); return 2; }
  u32 layout, metaOff, batch;
  if (fscanf(g, "%u %u %u %u %u %u %u %u %u %u %u %u %u %u", &layout, &metaOff, &slotCount, &slotBytes, &headroom, &stride,
             &slotsOff, &mode, &vni, &tunnelPort, &vmMtu, &outerTtl, &outerLen, &batch) != 14) { fprintf(stderr, "bad %s\n", path); return 2; }
  fclose(g);
  if (layout != LAYOUT_VERSION || metaOff != META_OFF) { fprintf(stderr, "layout mismatch: version %u meta %u\n", layout, metaOff); return 2; }
  if (mode != MODE_VXLAN && mode != MODE_NONE) { fprintf(stderr, "only VXLAN and native modes are ported\n"); return 2; }
  size_t inSize, outSize;
  snprintf(path, sizeof path, "%s.in", argv[1]);
  uint8_t* input = readFile(path, &inSize);
  snprintf(path, sizeof path, "%s.out", argv[1]);
  uint8_t* expected = readFile(path, &outSize);
  if (inSize != outSize) { fprintf(stderr, "image sizes differ\n"); return 2; }
  mem = input;
  pathBatch(batch);
  for (size_t k = 0; k < inSize; k++) {
    if (mem[k] != expected[k]) { fprintf(stderr, "MISMATCH with the WASM kernel at byte %zu: %u != %u\n", k, mem[k], expected[k]); return 1; }
  }
  fprintf(stderr, "check ok: %u packets, %zu bytes identical to the WASM kernel's output\n", batch, inSize);
  free(expected);
  int reps = atoi(argv[2]);
  /* Repetitions need enough packets to time: small batches are repeated inside one timed sample. */
  u32 inner = batch >= 65536 ? 1 : (1u << 20) / batch;
  for (int r = 0; r < reps; r++) {
    double c0 = cpuSeconds(), w0 = wallSeconds();
    for (u32 k = 0; k < inner; k++) pathBatch(batch);
    double w = wallSeconds() - w0, c = cpuSeconds() - c0;
    printf("native-c,%u,%llu,%.6f,%.6f\n", batch, (unsigned long long)batch * inner, w, c);
  }
  return 0;
}
