import type { ClusterEvent, ClusterView, PodEvent } from '../../src/model/cluster/cluster-view.ts';
import { TraceBus } from '../../src/sim/trace.ts';

/** A cluster view whose nodes and pods a test sets by hand, publishing the same events the cluster model does. */
export class FakeCluster implements ClusterView {
  readonly events = new TraceBus<ClusterEvent>();
  readonly podEvents = new TraceBus<PodEvent>();
  private readonly pods: number[] = [];
  private readonly pools: number[] = [];
  private vms = 0;

  vmCount(): number {
    return this.vms;
  }
  readyNodeCount(): number {
    return this.vms;
  }
  readyNodeId(i: number): number {
    return i;
  }
  nodeIpv4(node: number): number {
    return (0x0ae00004 + node) >>> 0;
  }
  nodePodCidrBase(): number {
    return -1;
  }
  runningPods(node: number): number {
    return this.pods[node] ?? 0;
  }
  poolIndex(node: number): number {
    return this.pools[node] ?? 0;
  }
  runningPodCount(): number {
    return this.pods.reduce((a, b) => a + b, 0);
  }

  addNode(timeNs: number, pool = 0): number {
    const id = this.pods.length;
    this.pods.push(0);
    this.pools.push(pool);
    this.vms++;
    this.events.emit({ kind: 'node-created', timeNs, nodeId: id, poolIndex: pool, surge: false });
    return id;
  }

  removeNode(timeNs: number, node: number): void {
    this.pods[node] = 0;
    this.vms--;
    this.events.emit({ kind: 'node-removed', timeNs, nodeId: node });
  }

  setPods(timeNs: number, node: number, pods: number): void {
    this.pods[node] = pods;
    this.podEvents.emit({ kind: 'pod-running', timeNs, nodeId: node });
  }
}
