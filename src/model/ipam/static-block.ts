import { formatCidr, type Cidr } from '../../net/cidr.ts';
import { alignedBlocksAvoidingReserved } from '../../net/azure-subnet.ts';
import { STATIC_BLOCK_PREFIX, STATIC_BLOCK_SIZE, staticBlocksPerNode } from '../azure/limits.ts';
import type { IpamNodeSpec, NodeJoinResult } from './ipam-model.ts';
import { IpamBase } from './ipam-base.ts';

/**
 * Azure CNI Pod Subnet, static block: the node's IP comes from the node subnet; its pods' addresses come from
 * /28 blocks (16 addresses) of the pod subnet, ceil((maxPods + 1)/16) blocks per node taken when the node
 * joins, with 1 address per node reserved, so a node can run 16 × blocks − 1 pods.
 * https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-static-block-allocation
 *
 * A block is an aligned /28 that avoids the subnet's 5 reserved addresses, so a pod subnet holds
 * `staticBlocksInSubnet` blocks (a /24: 14). The planner counts the same.
 */
/** Blocks a static-block pod subnet holds: aligned /28s clear of the 5 reserved addresses (an inference, see README). */
export function staticBlocksInSubnet(subnet: Cidr): number {
  return alignedBlocksAvoidingReserved(subnet, STATIC_BLOCK_PREFIX);
}

export class StaticBlockIpam extends IpamBase {
  readonly cni = 'pod-subnet-static' as const;
  protected readonly podsUseVnetIps = true;

  protected join(node: number, spec: IpamNodeSpec): NodeJoinResult {
    const pods = this.pools[spec.podSubnetId];
    if (pods === undefined) throw new Error(`node ${node}: unknown pod subnet`);
    const blocks = staticBlocksPerNode(spec.maxPods);
    const addresses = blocks * STATIC_BLOCK_SIZE;
    // A static pod subnet holds blocks only (it cannot be a node subnet), so its used addresses are whole blocks.
    const blocksFree = staticBlocksInSubnet(pods.cidr) - pods.used / STATIC_BLOCK_SIZE;
    if (blocksFree < blocks || pods.free < addresses) {
      return {
        kind: 'fail',
        cause: 'pod-subnet-full',
        detail: `node needs ${blocks} /28 blocks; ${Math.max(0, blocksFree)} of the ${staticBlocksInSubnet(pods.cidr)} aligned /28 blocks of ${formatCidr(pods.cidr)} are free`,
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
