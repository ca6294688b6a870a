import { InputError, type InputProblem } from '../error/input-error.ts';
import { LB_IPS_MAX, LB_IPS_RULE } from '../model/snat/lb-manual-ports.ts';
import { CNI_NAMES, type CniName } from '../model/ipam/cni.ts';
import { isDualStack, resolveFamilies } from '../net/ip-families.ts';
import { DUAL_STACK_CNIS, natGatewayProblem } from '../checks/dual-stack-checks.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';

/** The dual-stack flags of `cnisim plan`, with the az CLI's names. */
export interface FamilyFlags {
  readonly ipFamilies?: string | undefined;
  readonly podCidr?: string | undefined;
  readonly podCidrs?: string | undefined;
  readonly serviceCidr?: string | undefined;
  readonly serviceCidrs?: string | undefined;
  readonly nodeSubnetIpv6?: string | undefined;
  readonly outboundType?: string | undefined;
}

/** Scenario paths of the dual-stack fields and the flag that sets each, for messages. */
export const FAMILY_FLAG_RENAMES: ReadonlyArray<readonly [RegExp, string, 'ipFamilies' | 'podCidrs' | 'serviceCidrs' | 'nodeSubnetIpv6' | 'nodes']> = [
  [/cluster\.pools\[\*\]\.count/g, '--nodes', 'nodes'],
  [/network\.ipFamilies(\[\d+\])?/g, '--ip-families', 'ipFamilies'],
  [/network\.podCidrs(\[\d+\])?/g, '--pod-cidrs', 'podCidrs'],
  [/network\.serviceCidrs(\[\d+\])?/g, '--service-cidrs', 'serviceCidrs'],
  [/network\.nodeSubnetIpv6|cluster\.pools\[\d+\]\.nodeSubnetIpv6/g, '--node-subnet-ipv6', 'nodeSubnetIpv6'],
];

const FLAG_OF: Record<string, string> = { ipFamilies: '--ip-families', podCidrs: '--pod-cidrs', podCidr: '--pod-cidr', serviceCidrs: '--service-cidrs', serviceCidr: '--service-cidr' };

function list(text: string | undefined): string[] | undefined {
  return text === undefined ? undefined : text.split(',').map((t) => t.trim());
}

/**
 * Applies `--ip-families`, `--pod-cidrs`, `--service-cidrs` and `--node-subnet-ipv6` over the scenario's network
 * (whose `--pod-cidr`/`--service-cidr` are already applied). The scenario's own IPv6 ranges carry over when the
 * result is still dual-stack. Throws InputError (exit 2) when the families and ranges do not make a plan.
 */
export function applyFamilyFlags(s: Scenario, f: FamilyFlags): Scenario {
  const n = s.network;
  const ipFamilies = list(f.ipFamilies) ?? [...n.ipFamilies];
  const dual = ipFamilies.some((x) => x.toLowerCase() === 'ipv6');
  const carry = (v4: string, v6: string | null) => (dual && v6 !== null ? [v4, v6] : undefined);
  const podCidrs = list(f.podCidrs) ?? carry(n.podCidr, n.podCidrIpv6);
  const serviceCidrs = list(f.serviceCidrs) ?? carry(n.serviceCidr, n.serviceCidrIpv6);
  const { value, problems } = resolveFamilies({
    ipFamilies,
    podCidrs,
    podCidr: f.podCidrs === undefined || f.podCidr !== undefined ? n.podCidr : undefined,
    serviceCidrs,
    serviceCidr: f.serviceCidrs === undefined || f.serviceCidr !== undefined ? n.serviceCidr : undefined,
  });
  if (problems.length > 0) {
    throw new InputError(
      problems.map((p): InputProblem => {
        const key = String(p.path[0]);
        const flag = FLAG_OF[key] ?? `network.${key}`;
        return { code: p.code, path: flag, value: p.value, allowed: p.allowed, ...(p.rule === undefined ? {} : { rule: p.rule }) };
      }),
    );
  }
  const pools = f.nodeSubnetIpv6 === undefined ? s.cluster.pools : s.cluster.pools.map(({ nodeSubnetIpv6: _drop, ...rest }) => rest);
  return {
    ...s,
    network: { ...n, ...value, ...(f.nodeSubnetIpv6 === undefined ? {} : { nodeSubnetIpv6: f.nodeSubnetIpv6 }) },
    cluster: { ...s.cluster, pools },
  };
}

/** Without `--cni` or a scenario, plan every model, or only the dual-stack ones for a dual-stack cluster. */
export function defaultCnisForFlags(s: Scenario): CniName[] {
  return isDualStack(s.network.ipFamilies) ? [...DUAL_STACK_CNIS] : [...CNI_NAMES];
}

/** Checks of the flags that only make sense for a dual-stack plan: the outbound type and its IPv6 IP count. */
export function familyFlagProblems(s: Scenario, f: FamilyFlags, outboundType: string, outboundIpv6Ips: number | undefined): InputProblem[] {
  const dual = isDualStack(s.network.ipFamilies);
  const problems: InputProblem[] = [];
  if (dual && f.outboundType !== undefined) problems.push(...natGatewayProblem({ outboundType, path: '--outbound-type' }));
  if (outboundIpv6Ips !== undefined) {
    if (!dual) {
      problems.push({ code: 'ipv6-without-family', path: '--outbound-ipv6-ips', value: String(outboundIpv6Ips), allowed: 'no IPv6 outbound IPs unless --ip-families ipv4,ipv6' });
    } else if (outboundType !== 'loadBalancer') {
      problems.push({ code: 'outbound-ipv6-ips', path: '--outbound-ipv6-ips', value: String(outboundIpv6Ips), allowed: 'only with --outbound-type loadBalancer (the managed outbound IPv6 IPs of the Load Balancer)' });
    } else if (outboundIpv6Ips < 1 || outboundIpv6Ips > LB_IPS_MAX) {
      problems.push({ code: 'outbound-ipv6-ips', path: '--outbound-ipv6-ips', value: String(outboundIpv6Ips), allowed: `1 to ${LB_IPS_MAX} managed outbound IPv6 IPs`, rule: LB_IPS_RULE });
    }
  }
  return problems;
}
