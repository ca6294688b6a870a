import type { TraceBus } from '../../sim/trace.ts';

/**
 * What the traffic, SNAT and datapath models may see of the cluster: a read-only view, valid until the next
 * event. Node ids are small integers, reused after a node is removed. Indexed accessors (rather than returned
 * arrays) keep the per-event path free of allocation.
 */
export interface ClusterView {
  /** Nodes that exist as VMs now (joining, ready, draining): the size of the load balancer backend pool. */
  vmCount(): number;
  /** Nodes that are Ready (can run pods). */
  readyNodeCount(): number;
  /** The id of the i-th Ready node, 0 ≤ i < readyNodeCount(), in ascending id order. */
  readyNodeId(index: number): number;
  /** The node's primary VNet IPv4 address, as an unsigned 32-bit integer. */
  nodeIpv4(nodeId: number): number;
  /**
   * Base of the node's pod address block as an unsigned 32-bit integer: the /24 from the pod CIDR under Overlay
   * and kubenet. -1 under the flat models, where pod IPs come one by one from a VNet subnet.
   */
  nodePodCidrBase(nodeId: number): number;
  /** Pods Running on the node now. */
  runningPods(nodeId: number): number;
  /** Index of the node's pool in the scenario's `cluster.pools`. */
  poolIndex(nodeId: number): number;
  /** Running pods in the whole cluster. */
  runningPodCount(): number;
  /** Lifecycle events, published as they happen. */
  readonly events: TraceBus<ClusterEvent>;
  /**
   * Pods starting to run and stopping, one event per pod, on a bus of their own: they come with every restart,
   * and a run that does not watch them (no traffic model) then builds no event object for them.
   */
  readonly podEvents: TraceBus<PodEvent>;
}

export type PodEvent =
  | { readonly kind: 'pod-running'; readonly timeNs: number; readonly nodeId: number }
  | { readonly kind: 'pod-stopped'; readonly timeNs: number; readonly nodeId: number };

export type ClusterEvent =
  | { readonly kind: 'node-created'; readonly timeNs: number; readonly nodeId: number; readonly poolIndex: number; readonly surge: boolean }
  | { readonly kind: 'node-ready'; readonly timeNs: number; readonly nodeId: number }
  | { readonly kind: 'node-removed'; readonly timeNs: number; readonly nodeId: number }
  | { readonly kind: 'node-join-failed'; readonly timeNs: number; readonly poolIndex: number; readonly cause: string; readonly detail: string };

/**
 * `pods` pods on the node found their subnet, pod subnet or pod CIDR without an address for them (published once
 * per group, when they are first counted as failed; see PodIpLedger). They have a bus of their own
 * (`ClusterModel.podIpFailures`): under an exhausted subnet one comes with every restart, and the lifecycle
 * subscribers (autoscaler, upgrades, traffic, datapath) have no use for them.
 */
export interface PodIpFailedEvent {
  readonly kind: 'pod-ip-failed';
  readonly timeNs: number;
  readonly nodeId: number;
  readonly cause: string;
  readonly pods: number;
}
