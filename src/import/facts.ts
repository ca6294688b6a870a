import type { Fact } from './provenance.ts';

/**
 * What the readers extract from each kind of file, in one normalized form whatever the spelling (az CLI, REST,
 * Terraform, kubectl). Only the fields that matter to the plan are read; everything else is ignored.
 */
export interface PoolFacts {
  readonly name: Fact<string>;
  /** The ARM id of the cluster the pool belongs to (lowercase), when the file says (nodepool list/show). */
  clusterId?: Fact<string>;
  count?: Fact<number>;
  autoscale?: Fact<boolean>;
  minCount?: Fact<number>;
  maxCount?: Fact<number>;
  maxPods?: Fact<number>;
  /** "System" or "User". */
  mode?: Fact<string>;
  osType?: Fact<string>;
  /** ARM id of the node subnet; absent when AKS made the VNet. */
  vnetSubnetId?: Fact<string>;
  podSubnetId?: Fact<string>;
  /** "DynamicIndividual" or "StaticBlock". */
  podIpAllocationMode?: Fact<string>;
  maxSurge?: Fact<string>;
  maxUnavailable?: Fact<string>;
}

export interface OutboundFacts {
  readonly outboundType?: Fact<string>;
  readonly outboundIps?: Fact<number>;
  readonly outboundPorts?: Fact<number>;
  readonly idleTimeoutMin?: Fact<number>;
}

export interface AutoscalerFacts {
  readonly scanIntervalS?: Fact<number>;
  readonly scaleDownUnneededS?: Fact<number>;
  readonly scaleDownUtilization?: Fact<number>;
}

export interface ClusterFacts {
  /** ARM id or name, to tell two clusters apart. */
  readonly identity: string;
  readonly name: Fact<string>;
  readonly nodeResourceGroup?: Fact<string>;
  /** "Free", "Standard" or "Premium". */
  readonly tier?: Fact<string>;
  /** "azure", "kubenet", "none". */
  readonly networkPlugin?: Fact<string>;
  /** "overlay" or absent. */
  readonly networkPluginMode?: Fact<string>;
  readonly podCidr?: Fact<string>;
  readonly serviceCidr?: Fact<string>;
  readonly dnsServiceIp?: Fact<string>;
  readonly outbound: OutboundFacts;
  readonly autoscaler: AutoscalerFacts;
  readonly pools: PoolFacts[];
}

/** One ipConfiguration in a subnet: who holds the address. */
export interface IpConfigFact {
  readonly id: Fact<string>;
}

export interface SubnetFacts {
  /** ARM id (lowercased for matching), or `name:<name>` when the file gives none. */
  readonly key: string;
  readonly id?: Fact<string>;
  readonly name?: Fact<string>;
  /** The IPv4 prefix (addressPrefix, or the IPv4 one of addressPrefixes). */
  readonly prefix?: Fact<string>;
  readonly ipConfigurations: readonly IpConfigFact[];
  /** `file $.path` of the ipConfigurations array, for comments. */
  readonly ipConfigurationsAt?: string;
}

export interface VnetFacts {
  readonly key: string;
  readonly addressPrefixes: readonly Fact<string>[];
  readonly subnets: readonly SubnetFacts[];
}

/** A Kubernetes node (kubectl get nodes). */
export interface NodeFacts {
  readonly name: string;
  readonly pool?: Fact<string>;
  readonly mode?: Fact<string>;
  /** `kubernetes.azure.com/podnetwork-type`: overlay, vnet (Pod Subnet dynamic), vnetblock (static block). */
  readonly podNetworkType?: Fact<string>;
  readonly podCidr?: Fact<string>;
  readonly maxPods?: Fact<number>;
}

/** A NodeNetworkConfig (kubectl get nodenetworkconfigs -A). */
export interface NncFacts {
  readonly node: string;
  readonly requested?: Fact<number>;
  readonly allocated?: Fact<number>;
  /** Network container type: vnet, vnetblock, overlay. */
  readonly ncType?: Fact<string>;
  readonly subnetAddressSpace?: Fact<string>;
  readonly maxIpCount?: Fact<number>;
}

/** Everything read from all files, before the scenario is built. */
export interface ImportFacts {
  readonly clusters: ClusterFacts[];
  /** Pools from nodepool files (they refine the cluster's agentPoolProfiles, by name). */
  readonly pools: PoolFacts[];
  readonly subnets: SubnetFacts[];
  readonly vnets: VnetFacts[];
  readonly nodes: NodeFacts[];
  readonly nncs: NncFacts[];
  /** Resources outside the subnet files that hold one address in a subnet (Terraform private endpoints). */
  readonly tenants: Array<{ readonly subnetKey: string; readonly what: Fact<string> }>;
}

export function emptyFacts(): ImportFacts {
  return { clusters: [], pools: [], subnets: [], vnets: [], nodes: [], nncs: [], tenants: [] };
}
