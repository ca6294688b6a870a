import type { InputProblem } from '../error/input-error.ts';
import type { AddressField } from './address-plan.ts';
import { VNET_FAQ_URL } from './azure-subnet.ts';
import { blocksIn, cidr6sOverlap, cidr6Within, parseCidr6, type Cidr6 } from './cidr6.ts';
import { DUAL_STACK_SOURCE, OVERLAY_DUAL_STACK_SOURCE } from './ip-families.ts';

/**
 * AKS's rules for the IPv6 half of a dual-stack address plan (../shared/reference/azure-networking.md §6, §2.3).
 * The IPv4 half goes through `checkAddressPlan` unchanged.
 */

// "IPv6 subnets must be exactly /64." VNet FAQ
export const IPV6_SUBNET_PREFIX = 64;
export const IPV6_SUBNET_RULE = `Azure IPv6 subnets must be exactly /64 (${VNET_FAQ_URL})`;
// "The IPv6 subnet assigned to `--service-cidrs` can be no larger than `/108`." azure-cni-overlay; configure-dual-stack
export const IPV6_SERVICE_CIDR_LARGEST_PREFIX = 108;
export const IPV6_SERVICE_CIDR_RULE = `the IPv6 service CIDR can be no larger than /108 (${OVERLAY_DUAL_STACK_SOURCE}; ${DUAL_STACK_SOURCE})`;
// Expanding the pod CIDR supports neither IPv6 nor dual-stack. azure-cni-overlay-pod-expand
export const IPV6_POD_CIDR_EXPANSION_RULE =
  'IPv6 pod CIDR expansion is not supported, so the IPv6 pod CIDR must be planned at its final size (https://learn.microsoft.com/en-us/azure/aks/azure-cni-overlay-pod-expand)';
const IPV6_OVERLAP_RULE = `the IPv6 pod CIDR, service CIDR and subnets must not overlap, as their IPv4 counterparts (${DUAL_STACK_SOURCE})`;
const IPV6_IN_VNET_RULE = `a subnet's IPv6 range is carved out of the VNet's IPv6 address space (${VNET_FAQ_URL})`;

export interface DualStackPlanInput {
  /** The VNet's IPv6 address space, when given (subnets' IPv6 ranges must lie inside it). */
  readonly vnetIpv6: AddressField | null;
  /** IPv6 ranges of the node subnets that give one; pools naming the same text share it. */
  readonly nodeSubnetsIpv6: readonly AddressField[];
  readonly podCidrIpv6: AddressField;
  /** Which pod CIDR overlap rule applies: Overlay (no subnet) or kubenet (not the VNet). */
  readonly podCidrModel: 'overlay' | 'kubenet';
  readonly serviceCidrIpv6: AddressField;
  /** Prefix of the per-node IPv6 block (assumptions.ipv6NodeBlockPrefix, /80 by default, UNCONFIRMED). */
  readonly nodeBlockPrefix: number;
  readonly nodeBlockPrefixPath: string;
}

interface Parsed {
  readonly field: AddressField;
  readonly value: Cidr6;
}

function parse(field: AddressField, problems: InputProblem[]): Parsed | undefined {
  const value = parseCidr6(field.text);
  if (value === undefined) {
    problems.push({ code: 'malformed-cidr', path: field.path, value: JSON.stringify(field.text), allowed: 'an IPv6 CIDR like fd12:3456:789a::/64, no host bits set' });
    return undefined;
  }
  return { field, value };
}

/** Every IPv6 address-plan rule; one problem per broken rule and field. */
export function checkDualStackPlan(input: DualStackPlanInput): InputProblem[] {
  const problems: InputProblem[] = [];
  const vnet = input.vnetIpv6 === null ? undefined : parse(input.vnetIpv6, problems);
  const subnets: Parsed[] = [];
  const seen = new Set<string>();
  for (const f of input.nodeSubnetsIpv6) {
    if (seen.has(`${f.path}\u0000${f.text}`)) continue;
    seen.add(`${f.path}\u0000${f.text}`);
    const p = parse(f, problems);
    if (p !== undefined) subnets.push(p);
  }
  const pod = parse(input.podCidrIpv6, problems);
  const service = parse(input.serviceCidrIpv6, problems);

  for (const s of subnets) {
    if (s.value.prefix !== IPV6_SUBNET_PREFIX) {
      problems.push({ code: 'ipv6-subnet-size', path: s.field.path, value: s.field.text, allowed: `an IPv6 subnet of exactly /${IPV6_SUBNET_PREFIX}`, rule: IPV6_SUBNET_RULE });
    }
    if (vnet !== undefined && !cidr6Within(s.value, vnet.value)) {
      problems.push({ code: 'subnet-outside-vnet', path: s.field.path, value: s.field.text, allowed: `an IPv6 subnet inside ${vnet.field.text} (${vnet.field.path})`, rule: IPV6_IN_VNET_RULE });
    }
  }
  subnets.forEach((a, i) => {
    const b = subnets.slice(0, i).find((o) => o.field.text !== a.field.text && cidr6sOverlap(o.value, a.value));
    if (b !== undefined) {
      problems.push({ code: 'subnet-overlap', path: a.field.path, value: a.field.text, allowed: `an IPv6 subnet that does not overlap ${b.field.text} (${b.field.path})`, rule: IPV6_OVERLAP_RULE });
    }
  });

  if (pod !== undefined) {
    if (blocksIn(pod.value, input.nodeBlockPrefix) === 0n) {
      problems.push({
        code: 'ipv6-pod-cidr-too-small',
        path: pod.field.path,
        value: pod.field.text,
        allowed: `an IPv6 pod CIDR of /${input.nodeBlockPrefix} or larger, to hold at least one per-node /${input.nodeBlockPrefix} block (${input.nodeBlockPrefixPath})`,
        rule: IPV6_POD_CIDR_EXPANSION_RULE,
      });
    }
    const others = input.podCidrModel === 'kubenet' && vnet !== undefined ? [vnet, ...subnets] : subnets;
    const hit = others.find((o) => cidr6sOverlap(o.value, pod.value));
    if (hit !== undefined) {
      problems.push({ code: 'pod-cidr-overlap', path: pod.field.path, value: pod.field.text, allowed: `an IPv6 pod CIDR that does not overlap ${hit.field.text} (${hit.field.path})`, rule: IPV6_OVERLAP_RULE });
    }
  }

  if (service !== undefined) {
    if (service.value.prefix < IPV6_SERVICE_CIDR_LARGEST_PREFIX) {
      problems.push({ code: 'service-cidr-too-large', path: service.field.path, value: service.field.text, allowed: `an IPv6 prefix of /${IPV6_SERVICE_CIDR_LARGEST_PREFIX} or longer`, rule: IPV6_SERVICE_CIDR_RULE });
    }
    const others = [...(vnet === undefined ? [] : [vnet]), ...subnets, ...(pod === undefined ? [] : [pod])];
    const hit = others.find((o) => cidr6sOverlap(o.value, service.value));
    if (hit !== undefined) {
      problems.push({ code: 'service-cidr-overlap', path: service.field.path, value: service.field.text, allowed: `an IPv6 service CIDR that does not overlap ${hit.field.text} (${hit.field.path})`, rule: IPV6_OVERLAP_RULE });
    }
  }
  return problems;
}
