import type { IpamNodeSpec, NodeJoinResult } from './ipam-model.ts';
import { IpamBase } from './ipam-base.ts';

/**
 * Azure CNI Node Subnet (legacy): nodes and pods share the node subnet, and each node reserves maxPods pod
 * addresses up front, plus its own: "The equivalent number of IP addresses per node are then reserved up front
 * for that node." https://learn.microsoft.com/en-us/azure/aks/concepts-network-legacy-cni
 * Planning formula (N+S) × (maxPods+1): https://learn.microsoft.com/en-us/azure/aks/concepts-network-ip-address-planning
 */
export class NodeSubnetIpam extends IpamBase {
  readonly cni = 'node-subnet' as const;
  protected readonly podsUseVnetIps = true;

  protected join(node: number, spec: IpamNodeSpec): NodeJoinResult {
    const r = this.takeNodeIp(node, spec.maxPods);
    if (r.kind === 'fail') return r;
    this.nodes.capacity[node] = spec.maxPods;
    this.nodes.held[node] = spec.maxPods;
    this.podIpsHeld += spec.maxPods;
    return r;
  }

  protected leave(node: number): void {
    const held = this.nodes.get(this.nodes.held, node);
    this.giveNodeIp(node, held);
    this.podIpsHeld -= held;
  }
}
