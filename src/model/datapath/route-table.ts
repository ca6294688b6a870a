import type { Cidr } from '../../net/cidr.ts';
import type { ClusterView } from '../cluster/cluster-view.ts';
import type { KernelSession } from '../../kernel/kernel-session.ts';
import { V_EGRESS, V_NODE, V_SERVICE, V_VNET } from '../../kernel/reason.ts';

/** Where a cluster's routes come from, besides its nodes. */
export interface RouteSources {
  /** null when the VNet is unknown: its subnets are still routed. */
  readonly vnet: Cidr | null;
  /** Every VNet subnet the cluster uses: node subnets and, under the Pod Subnet models, pod subnets. */
  readonly nodeSubnets: readonly Cidr[];
  readonly serviceCidr: Cidr;
  readonly podCidr: Cidr;
}

/**
 * The block holding a node's pods: its /24 from the pod CIDR under Overlay and kubenet (concepts-network-azure-cni-
 * overlay: "Each node is assigned a /24"). The flat models give pods VNet IPs one by one; the data path does not
 * depend on which, so it gives their nodes the same synthetic /24 from the pod CIDR (documented in docs/datapath.md).
 */
export function podBlockBase(view: ClusterView, podCidr: Cidr, nodeId: number): number {
  const base = view.nodePodCidrBase(nodeId);
  return base >= 0 ? base >>> 0 : (podCidr.base + 256 * nodeId) >>> 0;
}

/**
 * Loads the cluster's route table into the kernel: one /24 per Ready node (verdict node, next hop its IP), the
 * VNet and its subnets (node subnets, and the pod subnets of the Pod Subnet models: routed natively), the service CIDR (DNAT to a backend), and a default route to egress.
 * Longest prefix wins, so a pod block inside the VNet still resolves to its node.
 */
export function loadRoutes(k: KernelSession, view: ClusterView, src: RouteSources): void {
  const abi = k.abi;
  abi.routeClear();
  const must = (r: number, what: string) => {
    if (r !== 0) throw new Error(`route table: cannot add ${what} (code ${r})`);
  };
  must(abi.routeAdd(0, 0, V_EGRESS, 0), 'default route');
  if (src.vnet !== null) must(abi.routeAdd(src.vnet.base, src.vnet.prefix, V_VNET, 0), 'VNet');
  for (const s of src.nodeSubnets) must(abi.routeAdd(s.base, s.prefix, V_VNET, 0), 'node subnet');
  must(abi.routeAdd(src.serviceCidr.base, src.serviceCidr.prefix, V_SERVICE, 0), 'service CIDR');
  const n = view.readyNodeCount();
  for (let i = 0; i < n; i++) {
    const node = view.readyNodeId(i);
    must(abi.routeAdd(podBlockBase(view, src.podCidr, node), 24, V_NODE, view.nodeIpv4(node)), `pod block of node ${node}`);
  }
}
