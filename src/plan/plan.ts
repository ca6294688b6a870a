/**
 * The closed-form planner behind `cnisim plan`: how many VNet addresses, pod-subnet addresses and pod CIDR /24s a
 * cluster needs under one networking model, whether they fit, and the most nodes the address plan holds. The
 * rules are those of ../shared/reference/azure-networking.md; constants come from src/model/azure/limits.ts and
 * src/net/azure-subnet.ts with their sources.
 */
import {
  CLUSTER_LIMITS_SOURCE,
  KUBENET_MAX_ROUTES,
  KUBENET_RULE,
  MAX_NODES_PER_CLUSTER,
  MAX_NODES_PER_POOL,
  NODE_POD_CIDR_SIZE,
  STATIC_BLOCK_SIZE,
  VNET_MAX_PRIVATE_IPS,
  VNET_PRIVATE_IPS_RULE,
} from '../model/azure/limits.ts';
import type { CniName } from '../model/ipam/cni.ts';
import { usableIps } from '../net/azure-subnet.ts';
import { cidrSize, parseCidr, type Cidr } from '../net/cidr.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
import { fillNodes, type FillPool, type FillResource } from './capacity-fill.ts';
import { planConcurrency, planPools, usesPodCidr, type PlanPool } from './plan-pools.ts';
import { podSubnetDemand } from './pod-subnet-demand.ts';
import { subnetErrors, type PlanError, type SubnetTally } from './subnet-tally.ts';
import { planSnat, type OutboundType, type SnatPlan } from './snat.ts';

export type { PlanError } from './subnet-tally.ts';

/** How much of one address space the plan uses. All counts are IPv4 addresses. */
export interface AddressSpaceUse {
  readonly cidr: string;
  /** Addresses the model can hand out: subnet size − 5 (static block: whole /28s of that); pod CIDR: its size. */
  readonly usable: number;
  /** Addresses the planned nodes, their upgrade surge and internal load balancer frontends take. */
  readonly required: number;
  /** usable − required; negative when it does not fit. */
  readonly free: number;
}

export interface SnatOptions {
  readonly outboundType: OutboundType;
  readonly outboundIps: number;
  /** LB allocatedOutboundPorts; 0 = the default table. */
  readonly outboundPorts: number;
  /** null = the outbound type's default. */
  readonly idleTimeoutMin: number | null;
}

/** AKS's defaults: a Standard Load Balancer with one managed outbound IP and the default port table. */
export const DEFAULT_SNAT_OPTIONS: SnatOptions = { outboundType: 'loadBalancer', outboundIps: 1, outboundPorts: 0, idleTimeoutMin: null };

/** The plan of one networking model; `planJson` gives its stable JSON form. */
export interface Plan {
  readonly cni: CniName;
  /** Σ pools (autoscaler maxCount if autoscaled, else count). */
  readonly nodes: number;
  /** Σ pools' upgrade surge nodes. */
  readonly surgeNodes: number;
  /** The largest maxPods among the pools. */
  readonly maxPods: number;
  /** The tightest node subnet (least free) when pools use several; every one is checked. */
  readonly nodeSubnet: AddressSpaceUse | null;
  readonly podSubnet: AddressSpaceUse | null;
  readonly podCidr: AddressSpaceUse | null;
  /** Most nodes (surge nodes count as nodes) the address plan and AKS limits hold at once. */
  readonly maxNodesThatFit: number;
  /** Pods those nodes run at maxPods each. */
  readonly maxPodsPerCluster: number;
  readonly fits: boolean;
  readonly limitingFactor: string;
  readonly errors: readonly PlanError[];
  readonly snat: SnatPlan;
  /** Every subnet the model draws on (node subnets first), for callers that need more than the tightest. */
  readonly subnets: readonly (AddressSpaceUse & { readonly role: 'node' | 'pod' })[];
  /** The same cluster with no upgrade running: nodes, VNet IPs reserved, pod CIDR /24s (planner vs simulator). */
  readonly steadyState: { readonly nodes: number; readonly vnetIps: number; readonly podCidrBlocks: number };
}

// "Each node is assigned a /24 address space carved out from the same CIDR".
const OVERLAY_CONCEPTS = 'https://learn.microsoft.com/en-us/azure/aks/concepts-network-azure-cni-overlay';

/** Whole /28 blocks the planner (and the static-block simulator) takes from a pod subnet: ⌊(size − 5)/16⌋. */
export function staticBlocksInSubnet(subnet: Cidr): number {
  return Math.floor(usableIps(subnet) / STATIC_BLOCK_SIZE);
}

function cidrOf(text: string): Cidr {
  const c = parseCidr(text);
  if (c === undefined) throw new Error(`planner given an unvalidated CIDR ${text}`);
  return c;
}


/** Plans one networking model for the scenario's pools and network, with the given outbound design. */
export function planScenario(s: Scenario, cni: CniName, snatOptions: SnatOptions = DEFAULT_SNAT_OPTIONS): Plan {
  const pools = planPools(s, cni);
  const nodes = pools.reduce((sum, p) => sum + p.nodes, 0);
  // Pools upgrading at once add their surges; one after another, the largest surge is the peak.
  const concurrency = planConcurrency(s);
  const atPeak = (a: number, b: number) => (concurrency === 'all' ? a + b : Math.max(a, b));
  const surge = pools.reduce((sum, p) => atPeak(sum, p.surge), 0);
  const errors: PlanError[] = [];

  // Subnets, in order of first use; pools naming the same CIDR share one.
  const tallies = new Map<string, SubnetTally>();
  const tally = (text: string, path: string, role: 'node' | 'pod') => {
    const key = `${role}:${text}`;
    let t = tallies.get(key);
    if (t === undefined) {
      const c = cidrOf(text);
      t = { text, path, role, cidr: c, usable: usableIps(c), base: 0, surge: 0, ilb: 0, nodes: 0, surgeNodes: 0, pools: [] };
      tallies.set(key, t);
    }
    return t;
  };
  const nodeIpsPerNode = (p: PlanPool) => (cni === 'node-subnet' ? p.maxPods + 1 : 1);
  pools.forEach((p, i) => {
    const t = tally(p.nodeSubnet, p.nodeSubnetPath, 'node');
    t.base += p.nodes * nodeIpsPerNode(p);
    t.surge = atPeak(t.surge, p.surge * nodeIpsPerNode(p));
    t.nodes += p.nodes;
    t.surgeNodes = atPeak(t.surgeNodes, p.surge);
    t.pools.push(i);
  });
  // "If you deploy an internal Azure Load Balancer, its front-end IPs are allocated from the cluster subnet".
  const first = pools[0];
  if (first !== undefined) tally(first.nodeSubnet, first.nodeSubnetPath, 'node').ilb = s.network.internalLoadBalancerFrontends;

  const demand = cni === 'pod-subnet-dynamic' || cni === 'pod-subnet-static' ? podSubnetDemand(s, cni, pools) : null;
  pools.forEach((p, i) => {
    const d = demand?.[i];
    if (p.podSubnet === null || d === undefined) return;
    const t = tally(p.podSubnet, p.podSubnetPath, 'pod');
    if (cni === 'pod-subnet-static') t.usable = staticBlocksInSubnet(t.cidr) * STATIC_BLOCK_SIZE;
    t.base += d.perNode.reduce((a, b) => a + b, 0);
    t.surge = atPeak(t.surge, p.surge * d.surgeNode);
    t.nodes += p.nodes;
    t.surgeNodes = atPeak(t.surgeNodes, p.surge);
    t.pools.push(i);
  });

  for (const t of tallies.values()) subnetErrors(cni, t, errors);

  // Overlay and kubenet: a /24 per node from the pod CIDR.
  let podCidr: AddressSpaceUse | null = null;
  if (usesPodCidr(cni)) {
    const c = cidrOf(s.network.podCidr);
    const size = cidrSize(c);
    const rpNodes = nodes + (s.assumptions.overlayPodCidrCountsSurge ? surge : 0);
    const required = (nodes + surge) * NODE_POD_CIDR_SIZE;
    podCidr = { cidr: s.network.podCidr, usable: size, required, free: size - required };
    if (rpNodes * NODE_POD_CIDR_SIZE > size) {
      // Azure's wording, https://github.com/Azure/AKS-Construction/issues/701 (AKS CHANGELOG 2023-05-07).
      errors.push({
        code: 'InsufficientSubnetSize',
        message: `Pre-allocated IPs ${rpNodes * NODE_POD_CIDR_SIZE} exceeds IPs available ${size} in Subnet Cidr ${s.network.podCidr}, Subnet Name networkProfile.podCIDR. If Autoscaler is enabled, the max-count from each nodepool is counted towards this total`,
      });
    } else if (required > size) {
      errors.push({
        code: 'PodCidrFullDuringUpgrade',
        message: `Pod CIDR ${s.network.podCidr} has ${size / NODE_POD_CIDR_SIZE} /24 blocks but ${nodes} nodes + ${surge} upgrade surge nodes need ${nodes + surge}: the upgrade cannot add its surge nodes (one /24 per node, ${OVERLAY_CONCEPTS})`,
      });
    }
  }

  if (cni === 'kubenet' && nodes + surge > KUBENET_MAX_ROUTES) {
    errors.push({
      code: 'KubenetRouteLimit',
      message: `${nodes} nodes + ${surge} upgrade surge nodes need ${nodes + surge} routes but a kubenet route table holds at most ${KUBENET_MAX_ROUTES}: ${KUBENET_RULE}`,
    });
  }
  const clusterMax = MAX_NODES_PER_CLUSTER[s.assumptions.tier];
  if (nodes + surge > clusterMax) {
    errors.push({
      code: 'ClusterNodeLimit',
      message: `${nodes} nodes + ${surge} upgrade surge nodes exceed the ${clusterMax}-node limit of the ${s.assumptions.tier} tier (${CLUSTER_LIMITS_SOURCE})`,
    });
  }
  for (const p of pools) {
    if (p.nodes + p.surge > MAX_NODES_PER_POOL) {
      errors.push({
        code: 'PoolNodeLimit',
        message: `Pool ${p.name}: ${p.nodes} nodes + ${p.surge} surge nodes exceed ${MAX_NODES_PER_POOL} instances per node pool, so the upgrade is rejected (${CLUSTER_LIMITS_SOURCE})`,
      });
    }
  }

  const list = [...tallies.values()];
  const privateIps = list.reduce((sum, t) => sum + privateIpCount(cni, t), 0);
  if (privateIps > VNET_MAX_PRIVATE_IPS) {
    errors.push({ code: 'VnetPrivateIpLimit', message: `The plan takes ${privateIps} private IPs of the VNet, over the limit: ${VNET_PRIVATE_IPS_RULE}` });
  }

  const snat = planSnat({
    outboundType: snatOptions.outboundType,
    outboundIps: snatOptions.outboundIps,
    outboundPorts: snatOptions.outboundPorts,
    idleTimeoutMin: snatOptions.idleTimeoutMin,
    nodes: pools.reduce((sum, p) => sum + p.count, 0),
    effectiveNodes: nodes + surge,
  });
  errors.push(...snat.errors.map((e) => ({ code: e.code, message: e.message })));

  const fill = maxNodes(s, cni, pools, list, demand, clusterMax, snat);
  const uses = list.map((t) => {
    const required = t.base + t.surge + t.ilb;
    return { role: t.role, cidr: t.text, usable: t.usable, required, free: t.usable - required };
  });
  const tightest = (role: 'node' | 'pod') =>
    uses.filter((u) => u.role === role).reduce<AddressSpaceUse | null>((m, u) => (m === null || u.free < m.free ? { cidr: u.cidr, usable: u.usable, required: u.required, free: u.free } : m), null);

  return {
    cni,
    nodes,
    surgeNodes: surge,
    maxPods: pools.reduce((m, p) => Math.max(m, p.maxPods), 0),
    nodeSubnet: tightest('node'),
    podSubnet: tightest('pod'),
    podCidr,
    maxNodesThatFit: fill.total,
    maxPodsPerCluster: fill.perPool.reduce((sum, n, i) => sum + n * (pools[i]?.maxPods ?? 0), 0),
    fits: errors.length === 0,
    limitingFactor: fill.limitingFactor,
    errors,
    snat,
    subnets: uses,
    steadyState: {
      nodes,
      vnetIps: list.reduce((sum, t) => sum + t.base + t.ilb, 0),
      podCidrBlocks: usesPodCidr(cni) ? nodes : 0,
    },
  };
}

/** VNet private IPs a subnet's use counts for: addresses, except static /28 blocks which count one each. */
function privateIpCount(cni: CniName, t: SubnetTally): number {
  const n = t.base + t.surge + t.ilb;
  return cni === 'pod-subnet-static' && t.role === 'pod' ? n / STATIC_BLOCK_SIZE : n;
}

function maxNodes(
  s: Scenario,
  cni: CniName,
  pools: readonly PlanPool[],
  list: readonly SubnetTally[],
  demand: ReadonlyArray<{ readonly fullNode: number }> | null,
  clusterMax: number,
  snat: SnatPlan,
): { total: number; perPool: readonly number[]; limitingFactor: string } {
  const resources: FillResource[] = list.map((t) => ({ factor: t.role === 'node' ? 'node-subnet' : 'pod-subnet', capacity: t.usable - t.ilb }));
  const index = (role: 'node' | 'pod', text: string) => list.findIndex((t) => t.role === role && t.text === text);
  const add = (factor: string, capacity: number) => resources.push({ factor, capacity }) - 1;
  const cluster = add('cluster-node-limit', clusterMax);
  const vnetIps = add('vnet-private-ip-limit', VNET_MAX_PRIVATE_IPS - list.reduce((sum, t) => sum + t.ilb, 0));
  const podCidr = usesPodCidr(cni) ? add('pod-cidr', Math.floor(cidrSize(cidrOf(s.network.podCidr)) / NODE_POD_CIDR_SIZE)) : -1;
  const routes = cni === 'kubenet' ? add('kubenet-route-limit', KUBENET_MAX_ROUTES) : -1;
  const snatNodes = snat.maxNodes === null ? -1 : add('snat-ports', snat.maxNodes);
  const fillPools: FillPool[] = pools.map((p, i) => {
    const nodeIps = cni === 'node-subnet' ? p.maxPods + 1 : 1;
    const costs: Array<[number, number]> = [
      [index('node', p.nodeSubnet), nodeIps],
      [cluster, 1],
      [add('pool-node-limit', MAX_NODES_PER_POOL), 1],
    ];
    let privateIps = nodeIps;
    if (p.podSubnet !== null) {
      const full = demand?.[i]?.fullNode ?? p.maxPods;
      costs.push([index('pod', p.podSubnet), full]);
      privateIps += cni === 'pod-subnet-static' ? full / STATIC_BLOCK_SIZE : full;
    }
    costs.push([vnetIps, privateIps]);
    if (podCidr >= 0) costs.push([podCidr, 1]);
    if (routes >= 0) costs.push([routes, 1]);
    if (snatNodes >= 0) costs.push([snatNodes, 1]);
    return { costs };
  });
  return fillNodes(resources, fillPools);
}

/** The JSON form of a plan: exactly the documented keys, in a fixed order. */
export function planJson(p: Plan): Record<string, unknown> {
  return {
    cni: p.cni,
    nodes: p.nodes,
    surgeNodes: p.surgeNodes,
    maxPods: p.maxPods,
    nodeSubnet: p.nodeSubnet,
    podSubnet: p.podSubnet,
    podCidr: p.podCidr,
    maxNodesThatFit: p.maxNodesThatFit,
    maxPodsPerCluster: p.maxPodsPerCluster,
    fits: p.fits,
    limitingFactor: p.limitingFactor,
    errors: p.errors.map((e) => ({ code: e.code, message: e.message })),
    snat: {
      outboundType: p.snat.outboundType,
      portsPerNode: p.snat.portsPerNode,
      totalPorts: p.snat.totalPorts,
      maxNodes: p.snat.maxNodes,
      idleTimeoutMin: p.snat.idleTimeoutMin,
    },
  };
}
