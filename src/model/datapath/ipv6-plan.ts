import ipaddr from 'ipaddr.js';
import type { Cidr } from '../../net/cidr.ts';
import type { KernelSession } from '../../kernel/kernel-session.ts';
import { V_EGRESS, V_NODE, V_SERVICE, V_VNET } from '../../kernel/reason.ts';
import type { ClusterView } from '../cluster/cluster-view.ts';
import { podBlockBase } from './route-table.ts';

// The IPv6 addresses the datapath model gives a dual-stack cluster (azure-networking.md §6), as 32-bit words, most
// significant first, so the kernel ABI stays numeric.
//
// - Pods: the AKS default IPv6 pod CIDR fd12:3456:789a::/64, one /80 per node ("10.244.1.0/24,fd12:3456:789a:0:1::/80"
//   in configure-dual-stack's example output; the /80 is UNCONFIRMED as a rule). Node n's /80 is the one whose
//   16 bits after the /64 are the index of its IPv4 /24 in the pod CIDR, so the two families pair up as in that
//   example, and a pod's IPv6 host bits equal its IPv4 host byte.
// - Services: the AKS default IPv6 service CIDR fd12:3456:789a:1::/108.
//   https://learn.microsoft.com/en-us/azure/aks/azure-cni-overlay (dual-stack), .../configure-dual-stack
// - Nodes: an IPv6 node subnet, exactly /64 in Azure; a node's address is the subnet prefix followed by its IPv4
//   address zero-extended (the kernel derives outer IPv6 addresses the same way). Azure has no default IPv6 VNet
//   range; fd00:10::/48 (VNet) and fd00:10:224::/64 (node subnet) are unique local addresses (RFC 4193) chosen to
//   echo the IPv4 defaults 10.224.0.0/12 and its node subnet.
// - Internet: 2001:db8::/32, the documentation prefix (RFC 3849), which can only be outside any cluster.
// Once scenarios carry IPv6 ranges (network.podCidrs, serviceCidrs), these become their values.

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

export const POD_CIDR_IPV6 = parse6('fd12:3456:789a::/64');
export const SERVICE_CIDR_IPV6 = parse6('fd12:3456:789a:1::/108');
export const VNET_IPV6 = parse6('fd00:10::/48');
export const NODE_SUBNET_IPV6 = parse6('fd00:10:224::/64');
export const EXTERNAL_IPV6 = parse6('2001:db8::/32');
/** Per-node pod block (UNCONFIRMED as a rule, see above). */
export const NODE_BLOCK_PREFIX_IPV6 = 80;

/**
 * The IPv6 twin of an IPv4 address the traffic model drew, written into `out` at `off`: a pod address maps to the
 * same host in its node's /80, a ClusterIP to the same offset in the IPv6 service CIDR, an Internet address to the
 * same last byte in 2001:db8::/32. Same draws, so IPv4 and IPv6 variants see the same packets.
 */
export function mapToIpv6(v4: number, podCidr: Cidr, serviceCidr: Cidr, out: Uint32Array, off: number): void {
  const podSpan = 2 ** (32 - podCidr.prefix);
  const svcSpan = 2 ** (32 - serviceCidr.prefix);
  if (v4 - podCidr.base >= 0 && v4 - podCidr.base < podSpan) {
    const rel = v4 - podCidr.base;
    out[off] = POD_CIDR_IPV6.words[0];
    out[off + 1] = POD_CIDR_IPV6.words[1];
    out[off + 2] = ((rel >>> 8) << 16) >>> 0;
    out[off + 3] = rel & 0xff;
  } else if (v4 - serviceCidr.base >= 0 && v4 - serviceCidr.base < svcSpan) {
    out[off] = SERVICE_CIDR_IPV6.words[0];
    out[off + 1] = SERVICE_CIDR_IPV6.words[1];
    out[off + 2] = SERVICE_CIDR_IPV6.words[2];
    out[off + 3] = (SERVICE_CIDR_IPV6.words[3] + (v4 - serviceCidr.base)) >>> 0;
  } else {
    out[off] = EXTERNAL_IPV6.words[0];
    out[off + 1] = 0;
    out[off + 2] = 0;
    out[off + 3] = v4 & 0xff;
  }
}

/**
 * Loads the IPv6 routes beside the IPv4 ones (loadRoutes cleared both tables): a /80 per Ready node (verdict node,
 * next hop its IPv4 address, which names the node in the kernel), the VNet and node subnet (native), the service
 * CIDR (DNAT) and ::/0 to egress.
 */
export function loadRoutes6(k: KernelSession, view: ClusterView, podCidr: Cidr): void {
  const abi = k.abi;
  const must = (r: number, what: string) => {
    if (r !== 0) throw new Error(`IPv6 route table: cannot add ${what} (code ${r})`);
  };
  const add = (c: Ipv6Cidr, verdict: number, what: string) =>
    must(abi.route6Add(c.words[0], c.words[1], c.words[2], c.words[3], c.prefix, verdict, 0), what);
  must(abi.route6Add(0, 0, 0, 0, 0, V_EGRESS, 0), 'default route');
  add(VNET_IPV6, V_VNET, 'VNet');
  add(NODE_SUBNET_IPV6, V_VNET, 'node subnet');
  add(SERVICE_CIDR_IPV6, V_SERVICE, 'service CIDR');
  const n = view.readyNodeCount();
  const p = POD_CIDR_IPV6.words;
  for (let i = 0; i < n; i++) {
    const node = view.readyNodeId(i);
    const block = (podBlockBase(view, podCidr, node) - podCidr.base) >>> 8;
    must(abi.route6Add(p[0], p[1], (block << 16) >>> 0, 0, NODE_BLOCK_PREFIX_IPV6, V_NODE, view.nodeIpv4(node)), `pod block of node ${node}`);
  }
}
