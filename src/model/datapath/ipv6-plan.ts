import ipaddr from 'ipaddr.js';
import type { Cidr } from '../../net/cidr.ts';
import { DEFAULT_POD_CIDR_IPV6, DEFAULT_SERVICE_CIDR_IPV6 } from '../../net/ip-families.ts';
import type { KernelSession } from '../../kernel/kernel-session.ts';
import { V_EGRESS, V_NODE, V_SERVICE, V_VNET } from '../../kernel/reason.ts';
import type { ClusterView } from '../cluster/cluster-view.ts';
import { podBlockBase } from './route-table.ts';

// The IPv6 addresses the datapath model gives a cluster's IPv6 pods (azure-networking.md §6), as 32-bit words,
// most significant first, so the kernel ABI stays numeric. The ranges come from the scenario through
// `ipv6Ranges`, built once per variant; what a scenario leaves out takes the defaults below.
//
// - Pods: the IPv6 pod CIDR (network.podCidrs; AKS default fd12:3456:789a::/64), one block per node of
//   assumptions.ipv6NodeBlockPrefix bits (/80: "10.244.1.0/24,fd12:3456:789a:0:1::/80" in configure-dual-stack's
//   example output; UNCONFIRMED as a rule). Node n's block is the one whose index in the IPv6 pod CIDR is the
//   index of its IPv4 /24 in the IPv4 pod CIDR, so the two families pair up as in that example, and a pod's IPv6
//   host bits equal its IPv4 host byte.
// - Services: the IPv6 service CIDR (network.serviceCidrs; AKS default fd12:3456:789a:1::/108).
//   https://learn.microsoft.com/en-us/azure/aks/azure-cni-overlay (dual-stack), .../configure-dual-stack
// - Nodes: the IPv6 node subnet (network.nodeSubnetIpv6, exactly /64 in Azure); a node's address is the subnet
//   prefix followed by its IPv4 address zero-extended (the kernel derives outer IPv6 addresses the same way).
//   Azure has no default IPv6 VNet range. Without network.vnetIpv6 the VNet is fd00:10::/48 and, without
//   network.nodeSubnetIpv6, the node subnet fd00:10:224::/64: unique local addresses (RFC 4193) chosen to echo
//   the IPv4 defaults 10.224.0.0/12 and its node subnet. A VNet given without a node subnet gets its first /64.
// - Internet: 2001:db8::/32, the documentation prefix (RFC 3849), which can only be outside any cluster.

export type Words = readonly [number, number, number, number];

export interface Ipv6Cidr {
  readonly words: Words;
  readonly prefix: number;
}

function parse6(text: string): Ipv6Cidr {
  const [addr, prefix] = ipaddr.IPv6.parseCIDR(text);
  const b = addr.toByteArray();
  const w = (k: number) => (((b[4 * k] ?? 0) << 24) | ((b[4 * k + 1] ?? 0) << 16) | ((b[4 * k + 2] ?? 0) << 8) | (b[4 * k + 3] ?? 0)) >>> 0;
  return { words: [w(0), w(1), w(2), w(3)], prefix };
}

export const DEFAULT_VNET_IPV6 = 'fd00:10::/48';
export const DEFAULT_NODE_SUBNET_IPV6 = 'fd00:10:224::/64';
/** Per-node pod block when no assumption is given (UNCONFIRMED as a rule, see above). */
export const DEFAULT_NODE_BLOCK_PREFIX_IPV6 = 80;
export const EXTERNAL_IPV6 = parse6('2001:db8::/32');

/** The IPv6 ranges one datapath variant routes, parsed once: never per packet. */
export interface Ipv6Ranges {
  readonly pod: Ipv6Cidr;
  readonly service: Ipv6Cidr;
  readonly vnet: Ipv6Cidr;
  readonly nodeSubnet: Ipv6Cidr;
  readonly nodeBlockPrefix: number;
  /** Host bits of the service CIDR as a mask on its last word (a ClusterIP's offset is kept inside the range). */
  readonly serviceOffsetMask: number;
}

/** The scenario's IPv6 ranges as plain values: null or absent takes the default documented above. */
export interface Ipv6RangesInput {
  readonly podCidrIpv6?: string | null | undefined;
  readonly serviceCidrIpv6?: string | null | undefined;
  readonly vnetIpv6?: string | undefined;
  readonly nodeSubnetIpv6?: string | undefined;
  readonly nodeBlockPrefix?: number | undefined;
}

/** Parses the ranges (validated CIDR text, as the scenario schema leaves it) into words for the kernel. */
export function ipv6Ranges(input: Ipv6RangesInput = {}): Ipv6Ranges {
  const vnet = parse6(input.vnetIpv6 ?? DEFAULT_VNET_IPV6);
  const nodeSubnet =
    input.nodeSubnetIpv6 !== undefined ? parse6(input.nodeSubnetIpv6)
    : input.vnetIpv6 !== undefined && vnet.prefix <= 64 ? { words: vnet.words, prefix: 64 }
    : parse6(DEFAULT_NODE_SUBNET_IPV6);
  const service = parse6(input.serviceCidrIpv6 ?? DEFAULT_SERVICE_CIDR_IPV6);
  const serviceHostBits = 128 - service.prefix;
  return {
    pod: parse6(input.podCidrIpv6 ?? DEFAULT_POD_CIDR_IPV6),
    service,
    vnet,
    nodeSubnet,
    nodeBlockPrefix: input.nodeBlockPrefix ?? DEFAULT_NODE_BLOCK_PREFIX_IPV6,
    serviceOffsetMask: serviceHostBits >= 32 ? 0xffffffff : 2 ** serviceHostBits - 1,
  };
}

/**
 * Writes the address of node block `block` of the IPv6 pod CIDR into `out` at `off` (host bits zero): the pod
 * CIDR's words with the block index shifted up to the block's prefix. The index fits in 24 bits (an IPv4 pod CIDR
 * holds at most 2^24 /24s) and the block's host bits number 8..80, so it spans at most two words.
 */
function writeBlock(r: Ipv6Ranges, block: number, out: Uint32Array, off: number): void {
  const p = r.pod.words;
  out[off] = p[0];
  out[off + 1] = p[1];
  out[off + 2] = p[2];
  out[off + 3] = p[3];
  const shift = 128 - r.nodeBlockPrefix;
  const word = off + 3 - (shift >>> 5);
  const bit = shift & 31;
  out[word] = ((out[word] ?? 0) | (block << bit)) >>> 0;
  if (bit > 0 && word > off) out[word - 1] = ((out[word - 1] ?? 0) | (block >>> (32 - bit))) >>> 0;
}

/**
 * The IPv6 twin of an IPv4 address the traffic model drew, written into `out` at `off`: a pod address maps to the
 * same host in its node's block, a ClusterIP to the same offset in the IPv6 service CIDR (modulo its size), an
 * Internet address to the same last byte in 2001:db8::/32. Same draws, so IPv4 and IPv6 variants see the same packets.
 */
export function mapToIpv6(v4: number, podCidr: Cidr, serviceCidr: Cidr, r: Ipv6Ranges, out: Uint32Array, off: number): void {
  const podSpan = 2 ** (32 - podCidr.prefix);
  const svcSpan = 2 ** (32 - serviceCidr.prefix);
  if (v4 - podCidr.base >= 0 && v4 - podCidr.base < podSpan) {
    const rel = v4 - podCidr.base;
    writeBlock(r, rel >>> 8, out, off);
    out[off + 3] = ((out[off + 3] ?? 0) | (rel & 0xff)) >>> 0;
  } else if (v4 - serviceCidr.base >= 0 && v4 - serviceCidr.base < svcSpan) {
    const s = r.service.words;
    out[off] = s[0];
    out[off + 1] = s[1];
    out[off + 2] = s[2];
    out[off + 3] = (s[3] | ((v4 - serviceCidr.base) & r.serviceOffsetMask)) >>> 0;
  } else {
    out[off] = EXTERNAL_IPV6.words[0];
    out[off + 1] = 0;
    out[off + 2] = 0;
    out[off + 3] = v4 & 0xff;
  }
}

/**
 * Loads the IPv6 routes beside the IPv4 ones (loadRoutes cleared both tables): a node block per Ready node
 * (verdict node, next hop its IPv4 address, which names the node in the kernel), the VNet and node subnet
 * (native), the service CIDR (DNAT) and ::/0 to egress.
 */
export function loadRoutes6(k: KernelSession, view: ClusterView, podCidr: Cidr, r: Ipv6Ranges): void {
  const abi = k.abi;
  const must = (code: number, what: string) => {
    if (code !== 0) throw new Error(`IPv6 route table: cannot add ${what} (code ${code})`);
  };
  const add = (c: Ipv6Cidr, verdict: number, what: string) =>
    must(abi.route6Add(c.words[0], c.words[1], c.words[2], c.words[3], c.prefix, verdict, 0), what);
  must(abi.route6Add(0, 0, 0, 0, 0, V_EGRESS, 0), 'default route');
  add(r.vnet, V_VNET, 'VNet');
  add(r.nodeSubnet, V_VNET, 'node subnet');
  add(r.service, V_SERVICE, 'service CIDR');
  const n = view.readyNodeCount();
  const w = new Uint32Array(4);
  for (let i = 0; i < n; i++) {
    const node = view.readyNodeId(i);
    writeBlock(r, (podBlockBase(view, podCidr, node) - podCidr.base) >>> 8, w, 0);
    must(abi.route6Add(w[0] ?? 0, w[1] ?? 0, w[2] ?? 0, w[3] ?? 0, r.nodeBlockPrefix, V_NODE, view.nodeIpv4(node)), `pod block of node ${node}`);
  }
}
