import type { Cidr } from '../../net/cidr.ts';
import type { Ipv6RangesInput } from './ipv6-plan.ts';

/** One datapath variant as the model reads it (the scenario's `datapath.variants[]`, defaults applied). */
export interface DatapathVariantInput {
  readonly name: string;
  readonly encap: 'none' | 'vxlan' | 'geneve';
  readonly vmMtu: number;
  /** undefined = the VM MTU less the tunnel overhead. */
  readonly podMtu?: number | undefined;
  readonly vxlanPort: number;
  readonly genevePort: number;
  readonly geneveOptionsBytes: number;
  readonly vni: number;
  /** Address family between nodes (the outer header) and of the pods' packets. */
  readonly underlay: 'ipv4' | 'ipv6';
  readonly inner: 'ipv4' | 'ipv6';
  /** IPv6 underlay only: zero outer UDP checksums (RFC 6935/6936). */
  readonly zeroUdpChecksum: boolean;
}

/** One packet size of the sampled traffic mix. */
export interface PacketSizeInput {
  readonly ipBytes: number | 'mtu';
  readonly weight: number;
  readonly protocol: 'tcp' | 'udp';
  readonly df: boolean;
}

/** The sampled pod traffic the data path is fed. */
export interface DatapathTrafficInput {
  readonly batchIntervalS: number;
  readonly packetsPerBatch: number;
  readonly podToPod: number;
  readonly podToService: number;
  readonly podToExternal: number;
  readonly sizes: readonly PacketSizeInput[];
}

/** The data path's part of a scenario, as the model needs it. */
export interface DatapathSectionInput {
  readonly variants: readonly DatapathVariantInput[];
  readonly traffic: DatapathTrafficInput;
}

/** What the datapath extension reads: its section (undefined when the scenario has none) and the address ranges it routes. */
export interface DatapathInput {
  readonly datapath: DatapathSectionInput | undefined;
  /** null when the VNet is unknown (subnets given without it): only the subnets are routed as VNet. */
  readonly vnet: Cidr | null;
  readonly serviceCidr: Cidr;
  readonly podCidr: Cidr;
  /** The IPv6 ranges an IPv6 variant routes (the scenario's, or the defaults where it gives none). */
  readonly ipv6: Ipv6RangesInput;
}
