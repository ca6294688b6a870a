import type { InputProblem } from '../error/input-error.ts';
import { KUBENET_DUAL_STACK_MAX_NODES, KUBENET_DUAL_STACK_RULE } from '../model/azure/limits.ts';
import type { CniName } from '../model/ipam/cni.ts';
import { checkDualStackPlan } from '../net/dual-stack-rules.ts';
import { DUAL_STACK_SOURCE } from '../net/ip-families.ts';
import { poolAddressing } from './pool-subnets.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';

/** The networking models AKS runs dual-stack: Azure CNI Overlay and kubenet (configure-dual-stack). */
export const DUAL_STACK_CNIS: readonly CniName[] = ['overlay', 'kubenet'];

const MODEL_RULE = `dual-stack is supported with Azure CNI Overlay and kubenet (${DUAL_STACK_SOURCE})`;
const POLICY_RULE = `dual-stack clusters support neither Azure Network Policy Manager nor Calico network policies (${DUAL_STACK_SOURCE})`;
const VIRTUAL_NODES_RULE = `virtual nodes are not supported on dual-stack clusters (${DUAL_STACK_SOURCE})`;
export const NAT_GATEWAY_IPV4_ONLY_RULE =
  'the Standard NAT Gateway is IPv4 only; a dual-stack cluster needs StandardV2, outboundType managedNATGatewayV2 (preview) (https://learn.microsoft.com/en-us/azure/nat-gateway/nat-sku; https://learn.microsoft.com/en-us/azure/aks/azure-cni-overlay)';

/** An outbound type the plan or a scenario design uses, and where it was set. */
export interface OutboundChoice {
  readonly outboundType: string;
  readonly path: string;
}

/** The Standard NAT Gateway problem for a dual-stack cluster's outbound choice, if it is one. */
export function natGatewayProblem(o: OutboundChoice): InputProblem[] {
  return o.outboundType === 'managedNATGateway'
    ? [{ code: 'nat-gateway-ipv4-only', path: o.path, value: o.outboundType, allowed: 'loadBalancer, userAssignedNATGateway (a StandardV2 gateway) or userDefinedRouting; managedNATGatewayV2 is the dual-stack managed NAT gateway', rule: NAT_GATEWAY_IPV4_ONLY_RULE }]
    : [];
}

/**
 * The dual-stack rules for a scenario under the models in `cnis`: the IPv6 address plan, the models that run
 * dual-stack, dual-stack kubenet's 200 nodes, no Azure NPM or Calico, no virtual nodes, and no Standard NAT
 * Gateway. Nothing for an IPv4-only scenario.
 */
export function dualStackProblems(s: Scenario, cnis: readonly CniName[]): InputProblem[] {
  const n = s.network;
  if (n.podCidrIpv6 === null || n.serviceCidrIpv6 === null) return [];
  const problems: InputProblem[] = [];
  cnis.forEach((cni) => {
    if (!DUAL_STACK_CNIS.includes(cni)) {
      const i = s.cni.indexOf(cni);
      problems.push({ code: 'dual-stack-model', path: i >= 0 ? `cni[${i}]` : 'cni', value: cni, allowed: `${DUAL_STACK_CNIS.join(' or ')} for ipFamilies [IPv4, IPv6]`, rule: MODEL_RULE });
    }
  });
  const nodeSubnetsIpv6 = s.cluster.pools.flatMap((p, i) =>
    p.nodeSubnetIpv6 !== undefined ? [{ path: `cluster.pools[${i}].nodeSubnetIpv6`, text: p.nodeSubnetIpv6 }] : n.nodeSubnetIpv6 !== undefined && p.nodeSubnet === undefined ? [{ path: 'network.nodeSubnetIpv6', text: n.nodeSubnetIpv6 }] : [],
  );
  for (const model of ['overlay', 'kubenet'] as const) {
    if (!cnis.includes(model)) continue;
    problems.push(
      ...checkDualStackPlan({
        vnetIpv6: n.vnetIpv6 === undefined ? null : { path: 'network.vnetIpv6', text: n.vnetIpv6 },
        nodeSubnetsIpv6,
        podCidrIpv6: { path: 'network.podCidrs[1]', text: n.podCidrIpv6 },
        podCidrModel: model,
        serviceCidrIpv6: { path: 'network.serviceCidrs[1]', text: n.serviceCidrIpv6 },
        nodeBlockPrefix: s.assumptions.ipv6NodeBlockPrefix,
        nodeBlockPrefixPath: 'assumptions.ipv6NodeBlockPrefix',
      }),
    );
  }
  if (cnis.includes('kubenet')) {
    const nodes = poolAddressing(s, 'kubenet').reduce((sum, p) => sum + p.nodes, 0);
    if (nodes > KUBENET_DUAL_STACK_MAX_NODES) {
      problems.push({ code: 'kubenet-dual-stack-nodes', path: 'cluster.pools[*].count', value: String(nodes), allowed: `at most ${KUBENET_DUAL_STACK_MAX_NODES} nodes (autoscaler maxCount for autoscaled pools) in a dual-stack kubenet cluster`, rule: KUBENET_DUAL_STACK_RULE });
    }
  }
  if (n.networkPolicy === 'azure' || n.networkPolicy === 'calico') {
    problems.push({ code: 'dual-stack-network-policy', path: 'network.networkPolicy', value: n.networkPolicy, allowed: 'none or cilium on a dual-stack cluster', rule: POLICY_RULE });
  }
  if (n.virtualNodes) {
    problems.push({ code: 'dual-stack-virtual-nodes', path: 'network.virtualNodes', value: 'true', allowed: 'false on a dual-stack cluster', rule: VIRTUAL_NODES_RULE });
  }
  (s.outbound?.designs ?? []).forEach((d, i) => problems.push(...natGatewayProblem({ outboundType: d.outboundType, path: `outbound.designs[${i}].outboundType` })));
  return problems;
}
