import type { InputProblem } from '../error/input-error.ts';
import {
  AKS_FORBIDDEN_RANGES,
  AKS_FORBIDDEN_RANGE_TEXTS,
  DNS_SERVICE_IP_RULE,
  FORBIDDEN_RANGE_RULE,
  KUBENET_POD_CIDR_OVERLAP_RULE,
  OVERLAY_POD_CIDR_OVERLAP_RULE,
  SERVICE_CIDR_LARGEST_PREFIX_AKS,
  SERVICE_CIDR_LARGEST_PREFIX_UPSTREAM,
  SERVICE_CIDR_OVERLAP_RULE,
  SERVICE_CIDR_SIZE_RULE,
  VNET_LARGEST_PREFIX,
  VNET_SIZE_RULE,
} from './aks-address-rules.ts';
import { AZURE_SUBNET_MAX_PREFIX, AZURE_SUBNET_MIN_PREFIX, VNET_FAQ_URL } from './azure-subnet.ts';
import { cidrContains, cidrSize, cidrsOverlap, formatCidr, intToIpv4, parseCidr, parseIpv4, type Cidr } from './cidr.ts';

/** One address field as the user wrote it, and where (a scenario field path or a flag name). */
export interface AddressField {
  readonly path: string;
  readonly text: string;
}

/** What a subnet is used for: it decides which size rules apply. */
export type SubnetRole = 'node' | 'pod-dynamic' | 'pod-static';

export interface SubnetField extends AddressField {
  readonly role: SubnetRole;
}

/**
 * A cluster's address plan for one networking model. Only the fields the model uses are given: `podCidr` for
 * Overlay and kubenet (null otherwise), pod subnets for the Pod Subnet models.
 */
export interface AddressPlanInput {
  /**
   * null when the VNet is unknown (the user gave subnets but not their VNet): the rules that need its address
   * space are not checked, and the kubenet pod CIDR is checked against the subnets instead.
   */
  readonly vnet: AddressField | null;
  /** Node and pod subnets, one entry per pool and role; entries with the same CIDR text are one shared subnet. */
  readonly subnets: readonly SubnetField[];
  readonly podCidr: AddressField | null;
  /** Which pod CIDR overlap rule applies (only read when podCidr is given). */
  readonly podCidrModel: 'overlay' | 'kubenet';
  readonly serviceCidr: AddressField;
  readonly dnsServiceIp: AddressField;
  /** assumptions.serviceCidrAllowSlash12 (CONFLICT): accept a /12 service CIDR. */
  readonly serviceCidrAllowSlash12: boolean;
}

// Static block: "Maximum subnet size supported is x.x.x.x/12". configure-azure-cni-static-block-allocation
const STATIC_POD_SUBNET_LARGEST_PREFIX = 12;
const STATIC_RULE = 'a static-block pod subnet is at most /12 (https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-static-block-allocation)';
const SUBNET_SIZE_RULE = `Azure subnets are /2 to /29; Azure reserves 5 addresses in each, so a /29 has 3 usable (${VNET_FAQ_URL})`;
const SUBNET_IN_VNET_RULE = `a subnet is carved out of its virtual network's address space (${VNET_FAQ_URL})`;
const SUBNET_OVERLAP_RULE = `subnets of one virtual network cannot overlap (${VNET_FAQ_URL})`;
const POD_SUBNET_RULE = 'VMs cannot be placed in the pod subnet; nodes use a separate node subnet (https://learn.microsoft.com/en-us/azure/aks/configure-azure-cni-dynamic-ip-allocation)';

interface Parsed<T> {
  readonly field: AddressField;
  readonly value: T;
}

function parseField(field: AddressField, problems: InputProblem[]): Parsed<Cidr> | undefined {
  const c = parseCidr(field.text);
  if (c === undefined) {
    problems.push({
      code: 'malformed-cidr',
      path: field.path,
      value: JSON.stringify(field.text),
      allowed: 'an IPv4 CIDR like 10.224.0.0/16 (four numbers 0..255, a prefix 0..32, no host bits set)',
    });
    return undefined;
  }
  return { field, value: c };
}

function forbidden(p: Parsed<Cidr>, what: string, problems: InputProblem[]): void {
  const hit = AKS_FORBIDDEN_RANGES.findIndex((r) => cidrsOverlap(r, p.value));
  if (hit >= 0) {
    problems.push({
      code: 'forbidden-range',
      path: p.field.path,
      value: p.field.text,
      allowed: `a ${what} that does not overlap ${AKS_FORBIDDEN_RANGE_TEXTS[hit] ?? ''} (nor any of ${AKS_FORBIDDEN_RANGE_TEXTS.join(', ')})`,
      rule: FORBIDDEN_RANGE_RULE,
    });
  }
}

/** Every address-plan rule AKS checks before it creates a cluster; one problem per broken rule and field. */
export function checkAddressPlan(input: AddressPlanInput): InputProblem[] {
  const problems: InputProblem[] = [];
  const vnet = input.vnet === null ? undefined : parseField(input.vnet, problems);
  const service = parseField(input.serviceCidr, problems);
  const podCidr = input.podCidr === null ? undefined : parseField(input.podCidr, problems);
  const subnets: Array<Parsed<Cidr> & { role: SubnetRole }> = [];
  const seen = new Set<string>();
  for (const s of input.subnets) {
    const key = `${s.path}\u0000${s.text}\u0000${s.role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const p = parseField(s, problems);
    if (p !== undefined) subnets.push({ ...p, role: s.role });
  }

  if (vnet !== undefined) {
    if (vnet.value.prefix < VNET_LARGEST_PREFIX) {
      problems.push({ code: 'vnet-too-large', path: vnet.field.path, value: vnet.field.text, allowed: `a prefix of /${VNET_LARGEST_PREFIX} or longer`, rule: VNET_SIZE_RULE });
    }
    forbidden(vnet, 'VNet address space', problems);
  }

  for (const s of subnets) {
    const { prefix } = s.value;
    if (prefix < AZURE_SUBNET_MIN_PREFIX || prefix > AZURE_SUBNET_MAX_PREFIX) {
      problems.push({
        code: 'subnet-size',
        path: s.field.path,
        value: s.field.text,
        allowed: `a subnet from /${AZURE_SUBNET_MIN_PREFIX} to /${AZURE_SUBNET_MAX_PREFIX}`,
        rule: SUBNET_SIZE_RULE,
      });
    } else if (s.role === 'pod-static' && prefix < STATIC_POD_SUBNET_LARGEST_PREFIX) {
      problems.push({ code: 'static-pod-subnet-too-large', path: s.field.path, value: s.field.text, allowed: `a prefix of /${STATIC_POD_SUBNET_LARGEST_PREFIX} or longer`, rule: STATIC_RULE });
    }
    forbidden(s, 'subnet', problems);
    if (vnet !== undefined && !(cidrContains(vnet.value, s.value.base) && s.value.base + cidrSize(s.value) <= vnet.value.base + cidrSize(vnet.value))) {
      problems.push({ code: 'subnet-outside-vnet', path: s.field.path, value: s.field.text, allowed: `a subnet inside the VNet ${vnet.field.text} (${vnet.field.path})`, rule: SUBNET_IN_VNET_RULE });
    }
  }

  // Distinct subnets must not overlap; the same CIDR may be shared by pools, but not as both node and pod subnet.
  const reported = new Set<string>();
  for (let i = 0; i < subnets.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = subnets[i];
      const b = subnets[j];
      if (a === undefined || b === undefined || !cidrsOverlap(a.value, b.value)) continue;
      const same = a.value.base === b.value.base && a.value.prefix === b.value.prefix;
      const aNode = a.role === 'node';
      const bNode = b.role === 'node';
      if (same && aNode === bNode) continue;
      const key = `${a.field.path}|${b.field.path}`;
      if (reported.has(key)) continue;
      reported.add(key);
      problems.push(
        same
          ? { code: 'pod-subnet-is-node-subnet', path: a.field.path, value: a.field.text, allowed: `a pod subnet separate from the node subnet ${b.field.text} (${b.field.path})`, rule: POD_SUBNET_RULE }
          : { code: 'subnet-overlap', path: a.field.path, value: a.field.text, allowed: `a subnet that does not overlap ${b.field.text} (${b.field.path})`, rule: SUBNET_OVERLAP_RULE },
      );
    }
  }

  if (podCidr !== undefined) {
    forbidden(podCidr, 'pod CIDR', problems);
    if (input.podCidrModel === 'overlay') {
      const hit = subnets.find((s) => cidrsOverlap(s.value, podCidr.value));
      if (hit !== undefined) {
        problems.push({ code: 'pod-cidr-overlap', path: podCidr.field.path, value: podCidr.field.text, allowed: `a pod CIDR that overlaps no VNet subnet; it overlaps ${hit.field.text} (${hit.field.path})`, rule: OVERLAY_POD_CIDR_OVERLAP_RULE });
      }
    } else if (vnet !== undefined && cidrsOverlap(vnet.value, podCidr.value)) {
      problems.push({ code: 'pod-cidr-overlap', path: podCidr.field.path, value: podCidr.field.text, allowed: `a pod CIDR outside the VNet ${vnet.field.text} (${vnet.field.path})`, rule: KUBENET_POD_CIDR_OVERLAP_RULE });
    } else if (input.vnet === null) {
      // The VNet is unknown, but its subnets are in it.
      const hit = subnets.find((s) => cidrsOverlap(s.value, podCidr.value));
      if (hit !== undefined) {
        problems.push({ code: 'pod-cidr-overlap', path: podCidr.field.path, value: podCidr.field.text, allowed: `a pod CIDR outside the VNet; it overlaps its subnet ${hit.field.text} (${hit.field.path})`, rule: KUBENET_POD_CIDR_OVERLAP_RULE });
      }
    }
  }

  if (service !== undefined) {
    const largest = input.serviceCidrAllowSlash12 ? SERVICE_CIDR_LARGEST_PREFIX_UPSTREAM : SERVICE_CIDR_LARGEST_PREFIX_AKS;
    if (service.value.prefix < largest) {
      problems.push({ code: 'service-cidr-too-large', path: service.field.path, value: service.field.text, allowed: `a prefix of /${largest} or longer`, rule: SERVICE_CIDR_SIZE_RULE });
    }
    forbidden(service, 'service CIDR', problems);
    const others: Parsed<Cidr>[] = [...(vnet === undefined ? [] : [vnet]), ...subnets, ...(podCidr === undefined ? [] : [podCidr])];
    const hit = others.find((o) => cidrsOverlap(o.value, service.value));
    if (hit !== undefined) {
      problems.push({ code: 'service-cidr-overlap', path: service.field.path, value: service.field.text, allowed: `a service CIDR that does not overlap ${hit.field.text} (${hit.field.path})`, rule: SERVICE_CIDR_OVERLAP_RULE });
    }
  }

  checkDnsServiceIp(input.dnsServiceIp, service, problems);
  return problems;
}

function checkDnsServiceIp(field: AddressField, service: Parsed<Cidr> | undefined, problems: InputProblem[]): void {
  const ip = parseIpv4(field.text);
  if (ip === undefined) {
    problems.push({ code: 'malformed-ip', path: field.path, value: JSON.stringify(field.text), allowed: 'an IPv4 address like 10.0.0.10', rule: DNS_SERVICE_IP_RULE });
    return;
  }
  if (service === undefined) return;
  const svc = service.value;
  const range = `${formatCidr(svc)} (${service.field.path})`;
  if (!cidrContains(svc, ip)) {
    problems.push({ code: 'dns-ip-outside-service-cidr', path: field.path, value: field.text, allowed: `an address inside the service CIDR ${range}, e.g. ${intToIpv4(svc.base + 10)}`, rule: DNS_SERVICE_IP_RULE });
  } else if (ip === svc.base || ip === svc.base + 1) {
    // .0 is the network address and .1 is kubernetes.default.svc; neither can serve DNS.
    problems.push({
      code: 'dns-ip-first-address',
      path: field.path,
      value: field.text,
      allowed: `an address of ${range} other than its first addresses ${intToIpv4(svc.base)} (network) and ${intToIpv4(svc.base + 1)} (kubernetes.default.svc), e.g. ${intToIpv4(svc.base + 10)}`,
      rule: DNS_SERVICE_IP_RULE,
    });
  }
}
