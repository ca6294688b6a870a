import { parseCidr } from './cidr.ts';
import { parseCidr6 } from './cidr6.ts';

/**
 * IP families of a cluster, as `az aks create --ip-families`, `--pod-cidrs` and `--service-cidrs` give them:
 * "Only `ipv4` or `ipv4,ipv6` are allowed", and the dual-stack defaults below (azure-cni-overlay, dual-stack
 * pivot; configure-dual-stack). ../shared/reference/azure-networking.md §6.
 */
export const IP_FAMILIES = ['IPv4', 'IPv6'] as const;
export type IpFamily = (typeof IP_FAMILIES)[number];

export const DUAL_STACK_SOURCE = 'https://learn.microsoft.com/en-us/azure/aks/configure-dual-stack';
export const OVERLAY_DUAL_STACK_SOURCE = 'https://learn.microsoft.com/en-us/azure/aks/azure-cni-overlay';

// "`--pod-cidrs` … default value of `10.244.0.0/16,fd12:3456:789a::/64`"; "`--service-cidrs` … default value of
// `10.0.0.0/16,fd12:3456:789a:1::/108`". azure-cni-overlay (dual-stack pivot); configure-dual-stack.
export const DEFAULT_POD_CIDR = '10.244.0.0/16';
export const DEFAULT_POD_CIDR_IPV6 = 'fd12:3456:789a::/64';
export const DEFAULT_SERVICE_CIDR = '10.0.0.0/16';
export const DEFAULT_SERVICE_CIDR_IPV6 = 'fd12:3456:789a:1::/108';

export const IPV6_ONLY_RULE = `AKS allows only ipv4 or ipv4,ipv6 as IP families; IPv6-only clusters are not supported (${DUAL_STACK_SOURCE})`;
const ONE_PER_FAMILY_RULE = `one CIDR for single-stack, two (one IPv4, one IPv6) for dual-stack (${DUAL_STACK_SOURCE})`;

/** A problem found while sorting CIDRs into families, with a path relative to the network section. */
export interface FamilyProblem {
  readonly code: string;
  /** Path segments under `network` (e.g. ['podCidrs', 1]). */
  readonly path: readonly (string | number)[];
  readonly value: string;
  readonly allowed: string;
  readonly rule?: string;
}

/** What the user wrote (all optional, as a scenario file or the plan flags give them). */
export interface FamiliesInput {
  readonly ipFamilies?: readonly string[] | undefined;
  readonly podCidr?: string | undefined;
  readonly podCidrs?: readonly string[] | undefined;
  readonly serviceCidr?: string | undefined;
  readonly serviceCidrs?: readonly string[] | undefined;
}

/** The address ranges in force: the IPv4 ones always, the IPv6 ones only for a dual-stack cluster. */
export interface ResolvedFamilies {
  readonly ipFamilies: readonly IpFamily[];
  readonly podCidr: string;
  readonly podCidrIpv6: string | null;
  readonly serviceCidr: string;
  readonly serviceCidrIpv6: string | null;
}

export function isDualStack(families: readonly string[]): boolean {
  return families.includes('IPv6');
}

function familyOf(text: string): IpFamily | null {
  if (parseCidr(text) !== undefined) return 'IPv4';
  if (parseCidr6(text) !== undefined) return 'IPv6';
  return null;
}

/** Splits a `[v4, v6]` list into its families; any order, at most one per family. */
function split(list: readonly string[], key: string, problems: FamilyProblem[]): { v4?: string; v6?: string } {
  const out: { v4?: string; v6?: string } = {};
  list.forEach((text, i) => {
    const family = familyOf(text);
    if (family === null) {
      problems.push({ code: 'malformed-cidr', path: [key, i], value: JSON.stringify(text), allowed: 'an IPv4 CIDR like 10.244.0.0/16 or an IPv6 CIDR like fd12:3456:789a::/64, no host bits set' });
    } else if ((family === 'IPv4' ? out.v4 : out.v6) !== undefined) {
      problems.push({ code: 'duplicate-family', path: [key, i], value: text, allowed: `${ONE_PER_FAMILY_RULE}; this is a second ${family} CIDR` });
    } else if (family === 'IPv4') out.v4 = text;
    else out.v6 = text;
  });
  return out;
}

/**
 * Sorts the user's families and CIDRs into the ranges in force, applying the AKS defaults: a dual-stack cluster
 * given no ranges gets pods 10.244.0.0/16,fd12:3456:789a::/64 and services 10.0.0.0/16,fd12:3456:789a:1::/108.
 * The single-family fields (`podCidr`, `serviceCidr`) keep working and may not disagree with the lists.
 */
export function resolveFamilies(input: FamiliesInput): { value: ResolvedFamilies; problems: FamilyProblem[] } {
  const problems: FamilyProblem[] = [];
  const families = input.ipFamilies ?? ['IPv4'];
  const known: IpFamily[] = [];
  families.forEach((f, i) => {
    const fam = IP_FAMILIES.find((x) => x.toLowerCase() === f.toLowerCase());
    if (fam === undefined) problems.push({ code: 'unknown-ip-family', path: ['ipFamilies', i], value: JSON.stringify(f), allowed: 'IPv4 or IPv6' });
    else if (known.includes(fam)) problems.push({ code: 'duplicate-family', path: ['ipFamilies', i], value: f, allowed: 'each family once' });
    else known.push(fam);
  });
  if (known.length > 0 && !known.includes('IPv4')) {
    problems.push({ code: 'ipv6-only', path: ['ipFamilies'], value: JSON.stringify(families), allowed: '[IPv4] or [IPv4, IPv6]', rule: IPV6_ONLY_RULE });
  }
  const dual = known.includes('IPv6');
  const pods = rangePair(input.podCidr, input.podCidrs, 'podCidr', 'podCidrs', DEFAULT_POD_CIDR, DEFAULT_POD_CIDR_IPV6, dual, problems);
  const services = rangePair(input.serviceCidr, input.serviceCidrs, 'serviceCidr', 'serviceCidrs', DEFAULT_SERVICE_CIDR, DEFAULT_SERVICE_CIDR_IPV6, dual, problems);
  return {
    value: {
      ipFamilies: dual ? ['IPv4', 'IPv6'] : ['IPv4'],
      podCidr: pods.v4,
      podCidrIpv6: pods.v6,
      serviceCidr: services.v4,
      serviceCidrIpv6: services.v6,
    },
    problems,
  };
}

function rangePair(
  single: string | undefined,
  list: readonly string[] | undefined,
  singleKey: string,
  listKey: string,
  defaultV4: string,
  defaultV6: string,
  dual: boolean,
  problems: FamilyProblem[],
): { v4: string; v6: string | null } {
  const parts = list === undefined ? {} : split(list, listKey, problems);
  if (list !== undefined && parts.v4 === undefined && parts.v6 !== undefined) {
    problems.push({ code: 'ipv6-only', path: [listKey], value: JSON.stringify(list), allowed: `an IPv4 CIDR first, then optionally an IPv6 one: ${ONE_PER_FAMILY_RULE}`, rule: IPV6_ONLY_RULE });
  }
  if (single !== undefined && parts.v4 !== undefined && single !== parts.v4) {
    problems.push({ code: 'conflicting-cidrs', path: [singleKey], value: single, allowed: `the same IPv4 CIDR as ${listKey} (${parts.v4}), or only one of ${singleKey} and ${listKey}` });
  }
  if (!dual && parts.v6 !== undefined) {
    const i = list?.indexOf(parts.v6) ?? 0;
    problems.push({ code: 'ipv6-without-family', path: [listKey, i], value: parts.v6, allowed: `no IPv6 CIDR unless ipFamilies includes IPv6 (ipFamilies: [IPv4, IPv6]) (${DUAL_STACK_SOURCE})` });
  }
  return { v4: parts.v4 ?? single ?? defaultV4, v6: dual ? (parts.v6 ?? defaultV6) : null };
}
