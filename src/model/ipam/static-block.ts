import { STATIC_BLOCK_SIZE, staticBlocksPerNode } from '../azure/limits.ts';
import type { IpamNodeSpec, NodeJoinResult } from './ipam-model.ts';
import { IpamBase } from './ipam-base.ts';

/**
 * Azure CNI Pod Subnet, static block: the node's IP comes from the node subnet; its pods' addresses come from
 * /28 blocks (16 addresses) of the pod subnet, ceil((maxPods + 1)/16) blocks per node taken when the node
 * joins, with 1 address per node reserved, so a node can run 16 × blocks − 1 pods.
 * https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-static-block-allocation
 *
 * A block counts against the subnet whole. The subnet pool counts addresses (size − 5), so a block is 16 of
 * them; aligned /28s that avoid the 5 reserved addresses would give one block fewer per subnet in the worst
 * case, which the planner's `staticBlocksInSubnet` also follows.
 */
export class StaticBlockIpam extends IpamBase {
  readonly cni = 'pod-subnet-static' as const;
  protected readonly podsUseVnetIps = true;

  protected join(node: number, spec: IpamNodeSpec): NodeJoinResult {
    const pods = this.pools[spec.podSubnetId];
    if (pods === undefined) throw new Error(`node ${node}: unknown pod subnet`);
    const blocks = staticBlocksPerNode(spec.maxPods);
    const addresses = blocks * STATIC_BLOCK_SIZE;
    if (pods.free < addresses) {
      return {
        kind: 'fail',
        cause: 'pod-subnet-full',
        detail: `node needs ${blocks} /28 blocks; ${pods.shortfall(addresses)}`,
      };
    }
    const r = this.takeNodeIp(node, 0);
    if (r.kind === 'fail') return r;
    pods.take(addresses);
    this.nodes.held[node] = addresses;
    this.nodes.capacity[node] = addresses - 1;
    this.podIpsHeld += addresses;
    return r;
  }

  protected leave(node: number): void {
    const held = this.nodes.get(this.nodes.held, node);
    this.pools[this.nodes.get(this.nodes.podSubnet, node)]?.give(held);
    this.podIpsHeld -= held;
    this.giveNodeIp(node, 0);
  }
}
