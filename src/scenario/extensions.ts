import { datapathExtension } from '../model/datapath/datapath-extension.ts';
import type { DatapathInput } from '../model/datapath/datapath-input.ts';
import { SNAT_EXTENSION } from '../model/snat/snat-extension.ts';
import { parseCidr, type Cidr } from '../net/cidr.ts';
import { caseExtension, type CaseExtension } from './case-extension.ts';
import { scenarioVnet } from '../checks/pool-subnets.ts';
import type { Scenario } from './schema/scenario.ts';
import { snatInput } from './snat-input.ts';

function cidr(text: string): Cidr {
  const c = parseCidr(text);
  if (c === undefined) throw new Error(`unvalidated CIDR ${text}`);
  return c;
}

/** The data path's input: its section and the ranges it routes (the VNet may be unknown). */
export function datapathInput(s: Scenario): DatapathInput {
  const vnet = scenarioVnet(s);
  const n = s.network;
  return {
    datapath: s.datapath,
    vnet: vnet === null ? null : cidr(vnet),
    serviceCidr: cidr(n.serviceCidr),
    podCidr: cidr(n.podCidr),
    ipv6: { podCidrIpv6: n.podCidrIpv6, serviceCidrIpv6: n.serviceCidrIpv6, vnetIpv6: n.vnetIpv6, nodeSubnetIpv6: n.nodeSubnetIpv6, nodeBlockPrefix: s.assumptions.ipv6NodeBlockPrefix },
  };
}

export const SNAT_CASE_EXTENSION: CaseExtension = caseExtension(SNAT_EXTENSION, snatInput);
export const DATAPATH_CASE_EXTENSION: CaseExtension = caseExtension(datapathExtension, datapathInput);

/**
 * The models that add columns to a run, in the order their columns and variant axes appear. Add one line per
 * model; the order is part of the CSV format (changing it changes every golden file).
 */
export const CASE_EXTENSIONS: readonly CaseExtension[] = [SNAT_CASE_EXTENSION, DATAPATH_CASE_EXTENSION];
