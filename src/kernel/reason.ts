// The host's copy of assembly/reason.ts (same numbers; covered by LAYOUT_VERSION).

export const R_OK = 0;
export const R_TRUNCATED = 1;
export const R_BAD_ETHERTYPE = 2;
export const R_BAD_VERSION = 3;
export const R_BAD_IHL = 4;
export const R_BAD_TOTAL_LENGTH = 5;
export const R_BAD_CHECKSUM = 6;
export const R_NOT_UDP = 7;
export const R_BAD_UDP_LENGTH = 8;
export const R_WRONG_PORT = 9;
export const R_VXLAN_NO_I_FLAG = 10;
export const R_WRONG_VNI = 11;
export const R_GENEVE_BAD_VERSION = 12;
export const R_GENEVE_BAD_PROTOCOL = 13;
export const R_OUTER_FRAGMENT = 14;
export const R_TTL_EXPIRED = 15;
export const R_NO_ROUTE = 16;
export const R_FRAG_NEEDED = 17;
export const R_BAD_SLOT_LENGTH = 18;
export const R_BAD_INNER = 19;
export const R_GENEVE_BAD_OPT_LEN = 20;
export const R_NO_BACKEND = 21;
export const R_NOT_ON_WIRE = 22;
export const R_PACKET_TOO_BIG = 23;
export const R_ZERO_UDP_CHECKSUM = 24;
export const REASON_COUNT = 25;

/** Names for reports and CSV columns, indexed by code. */
export const REASON_NAMES: readonly string[] = [
  'ok', 'truncated', 'bad_ethertype', 'bad_version', 'bad_ihl', 'bad_total_length', 'bad_checksum', 'not_udp',
  'bad_udp_length', 'wrong_port', 'vxlan_no_i_flag', 'wrong_vni', 'geneve_bad_version', 'geneve_bad_protocol',
  'outer_fragment', 'ttl_expired', 'no_route', 'frag_needed', 'bad_slot_length', 'bad_inner', 'geneve_bad_opt_len',
  'no_backend', 'not_on_wire', 'packet_too_big', 'zero_udp_checksum',
];

export const V_NONE = 0;
export const V_LOCAL = 1;
export const V_NODE = 2;
export const V_SERVICE = 3;
export const V_EGRESS = 4;
export const V_VNET = 5;
export const V_DROP = 6;

export const MODE_NONE = 0;
export const MODE_VXLAN = 1;
export const MODE_GENEVE = 2;

export type EncapName = 'none' | 'vxlan' | 'geneve';
export const ENCAP_MODES: Readonly<Record<EncapName, number>> = { none: MODE_NONE, vxlan: MODE_VXLAN, geneve: MODE_GENEVE };

export const E_ALREADY = -1;
export const E_ARGUMENT = -2;
export const E_MEMORY = -3;
export const E_STATIC_DATA = -4;
export const E_HEADROOM = -5;
