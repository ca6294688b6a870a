import type { CniName } from '../model/ipam/cni.ts';
import type { Ipv6PodCidrSpec } from '../model/ipam/ipam-model.ts';
import { parseCidr6 } from '../net/cidr6.ts';
import type { Scenario } from './schema/scenario.ts';

/** The IPv6 pod CIDR the IPAM cuts into node blocks: dual-stack Overlay and kubenet only, else null. */
export function ipv6PodCidrSpec(s: Scenario, cni: CniName): Ipv6PodCidrSpec | null {
  const text = s.network.podCidrIpv6;
  if (text === null || (cni !== 'overlay' && cni !== 'kubenet')) return null;
  const cidr = parseCidr6(text);
  if (cidr === undefined) throw new Error(`unvalidated IPv6 CIDR ${text}`);
  return { cidr, blockPrefix: s.assumptions.ipv6NodeBlockPrefix };
}
