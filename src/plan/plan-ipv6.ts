/**
 * The IPv6 half of a dual-stack plan (Overlay and kubenet): the IPv6 pod CIDR cut into a block per node, and
 * which family runs out first. ../shared/reference/azure-networking.md §6: nodes take an IPv4 and an IPv6
 * address from their subnet (an IPv6 subnet is exactly /64, 2^64 − 5 addresses, never the limit), and a block
 * of each family from the pod CIDRs: a /24 and, in Azure's examples, a /80 (`assumptions.ipv6NodeBlockPrefix`,
 * UNCONFIRMED as a rule).
 */
import { NODE_POD_CIDR_SIZE } from '../model/azure/limits.ts';
import type { CniName } from '../model/ipam/cni.ts';
import { usableIps } from '../net/azure-subnet.ts';
import { cidrSize, parseCidr } from '../net/cidr.ts';
import { blocksAsNumber, blocksIn, parseCidr6 } from '../net/cidr6.ts';
import { IPV6_POD_CIDR_EXPANSION_RULE } from '../net/dual-stack-rules.ts';
import type { IpFamily } from '../net/ip-families.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
import type { PlanPool } from './plan-pools.ts';
import type { PlanError } from './subnet-tally.ts';

/** How much of the IPv6 pod CIDR the plan uses, counted in per-node blocks. */
export interface PodCidrIpv6Use {
  readonly cidr: string;
  /** Prefix length of each node's block (80 unless assumptions say otherwise). */
  readonly blockPrefix: number;
  /** Blocks the CIDR holds: 2^(blockPrefix − prefix), clamped to 2^53 − 1; a /64 holds 65,536 /80s. */
  readonly usable: number;
  /** Blocks the planned nodes and their upgrade surge take, one each. */
  readonly required: number;
  /** usable − required; negative when it does not fit. */
  readonly free: number;
}

/** Which family's addresses stop the cluster growing first: the smaller of the two node capacities. */
export type RunsOutFirst = IpFamily | 'both';

export interface FamiliesPlan {
  readonly ipFamilies: readonly IpFamily[];
  readonly podCidrIpv6: PodCidrIpv6Use | null;
  /** Nodes the IPv4 addresses hold (pod CIDR /24s, node subnets); null for a single-stack plan. */
  readonly ipv4MaxNodes: number | null;
  /** Nodes the IPv6 addresses hold (pod CIDR blocks; the /64 node subnets never bind); null if single-stack. */
  readonly ipv6MaxNodes: number | null;
  readonly runsOutFirst: RunsOutFirst | null;
  /**
   * Load Balancer managed outbound IPs per family (`loadBalancerProfile.managedOutboundIPs`): `count` is the IPv4
   * outbound IPs, `countIPv6` defaults to 1 when dual-stack and is 0 otherwise (configure-dual-stack). Null for
   * other outbound types (a NAT gateway or firewall has no managed outbound IP count per family here).
   */
  readonly managedOutboundIPs: { readonly count: number; readonly countIPv6: number } | null;
  readonly errors: readonly PlanError[];
}

// Managed outbound IPv6 count "defaults to 1 when dual-stack" (reference §6; configure-dual-stack).
export const DEFAULT_OUTBOUND_IPV6_IPS = 1;

/** The outbound design fields the family plan reads. */
export interface OutboundIps {
  readonly outboundType: string;
  readonly outboundIps: number;
  readonly outboundIpv6Ips?: number | undefined;
}

function managedOutboundIPs(o: OutboundIps, dual: boolean): FamiliesPlan['managedOutboundIPs'] {
  if (o.outboundType !== 'loadBalancer') return null;
  return { count: o.outboundIps, countIPv6: dual ? (o.outboundIpv6Ips ?? DEFAULT_OUTBOUND_IPV6_IPS) : 0 };
}

/** IPv6 blocks in the scenario's IPv6 pod CIDR, or null for a single-stack scenario or model. */
export function ipv6NodeBlocks(s: Scenario, cni: CniName): number | null {
  const text = s.network.podCidrIpv6;
  if (text === null || (cni !== 'overlay' && cni !== 'kubenet')) return null;
  const c = parseCidr6(text);
  if (c === undefined) throw new Error(`planner given an unvalidated IPv6 CIDR ${text}`);
  return blocksAsNumber(blocksIn(c, s.assumptions.ipv6NodeBlockPrefix));
}

/**
 * The families of the plan. For dual-stack, the IPv6 pod CIDR use and the node capacity of each family: IPv4
 * is bounded by the pod CIDR's /24s and by the node subnets' usable addresses (less internal LB frontends),
 * IPv6 by the pod CIDR's blocks. The one that holds fewer nodes runs out first.
 */
export function planFamilies(s: Scenario, cni: CniName, pools: readonly PlanPool[], nodes: number, surge: number, outbound: OutboundIps): FamiliesPlan {
  const blocks = ipv6NodeBlocks(s, cni);
  const text = s.network.podCidrIpv6;
  if (blocks === null || text === null) {
    return { ipFamilies: ['IPv4'], podCidrIpv6: null, ipv4MaxNodes: null, ipv6MaxNodes: null, runsOutFirst: null, managedOutboundIPs: managedOutboundIPs(outbound, false), errors: [] };
  }
  const blockPrefix = s.assumptions.ipv6NodeBlockPrefix;
  const required = nodes + surge;
  const errors: PlanError[] = [];
  if (required > blocks) {
    errors.push({
      code: 'Ipv6PodCidrExhausted',
      factor: 'pod-cidr-ipv6',
      message: `IPv6 pod CIDR ${text} holds ${blocks} /${blockPrefix} blocks but ${nodes} nodes + ${surge} upgrade surge nodes need ${required}, one per node; ${IPV6_POD_CIDR_EXPANSION_RULE}`,
    });
  }
  const v4 = parseCidr(s.network.podCidr);
  if (v4 === undefined) throw new Error(`planner given an unvalidated CIDR ${s.network.podCidr}`);
  const subnets = new Map<string, number>();
  for (const p of pools) {
    const c = p.nodeSubnet === null ? undefined : parseCidr(p.nodeSubnet);
    if (c !== undefined && p.nodeSubnet !== null) subnets.set(p.nodeSubnet, usableIps(c));
  }
  const first = pools[0]?.nodeSubnet;
  const subnetNodes = [...subnets.entries()].reduce((sum, [t, usable]) => sum + Math.max(0, usable - (t === first ? s.network.internalLoadBalancerFrontends : 0)), 0);
  const ipv4MaxNodes = Math.min(Math.floor(cidrSize(v4) / NODE_POD_CIDR_SIZE), subnetNodes);
  const runsOutFirst: RunsOutFirst = ipv4MaxNodes < blocks ? 'IPv4' : blocks < ipv4MaxNodes ? 'IPv6' : 'both';
  return {
    ipFamilies: ['IPv4', 'IPv6'],
    podCidrIpv6: { cidr: text, blockPrefix, usable: blocks, required, free: blocks - required },
    ipv4MaxNodes,
    ipv6MaxNodes: blocks,
    runsOutFirst,
    managedOutboundIPs: managedOutboundIPs(outbound, true),
    errors,
  };
}
