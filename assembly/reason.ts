// Result codes, one per packet. The TypeScript twin (src/kernel/reason.ts) carries the same numbers; the
// loader's layout version changes whenever this list does.
export const R_OK: u32 = 0;
export const R_TRUNCATED: u32 = 1;
export const R_BAD_ETHERTYPE: u32 = 2;
export const R_BAD_VERSION: u32 = 3;
export const R_BAD_IHL: u32 = 4;
export const R_BAD_TOTAL_LENGTH: u32 = 5;
export const R_BAD_CHECKSUM: u32 = 6;
export const R_NOT_UDP: u32 = 7;
export const R_BAD_UDP_LENGTH: u32 = 8;
export const R_WRONG_PORT: u32 = 9;
export const R_VXLAN_NO_I_FLAG: u32 = 10;
export const R_WRONG_VNI: u32 = 11;
export const R_GENEVE_BAD_VERSION: u32 = 12;
export const R_GENEVE_BAD_PROTOCOL: u32 = 13;
export const R_OUTER_FRAGMENT: u32 = 14;
export const R_TTL_EXPIRED: u32 = 15;
export const R_NO_ROUTE: u32 = 16;
export const R_FRAG_NEEDED: u32 = 17;
export const R_BAD_SLOT_LENGTH: u32 = 18;
export const R_BAD_INNER: u32 = 19;
export const R_GENEVE_BAD_OPT_LEN: u32 = 20;
export const R_NO_BACKEND: u32 = 21;
export const R_NOT_ON_WIRE: u32 = 22;
/** Inner IPv6 larger than the path allows: dropped, ICMPv6 Packet Too Big (RFC 8200 §5, RFC 4443 §3.2). */
export const R_PACKET_TOO_BIG: u32 = 23;
/** Outer UDP over IPv6 with checksum 0 while zero-checksum tunnels are not enabled (RFC 6936 §5). */
export const R_ZERO_UDP_CHECKSUM: u32 = 24;
export const REASON_COUNT: u32 = 25;

// Route verdicts.
export const V_NONE: u32 = 0;
export const V_LOCAL: u32 = 1;
export const V_NODE: u32 = 2;
export const V_SERVICE: u32 = 3;
export const V_EGRESS: u32 = 4;
export const V_VNET: u32 = 5;
export const V_DROP: u32 = 6;

// Encapsulation modes.
export const MODE_NONE: u32 = 0;
export const MODE_VXLAN: u32 = 1;
export const MODE_GENEVE: u32 = 2;
