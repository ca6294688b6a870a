import type { InputProblem } from '../error/input-error.ts';
import type { CniName } from '../model/ipam/cni.ts';
import { checkAddressPlan, type SubnetField } from '../net/address-plan.ts';
import { dualStackProblems } from './dual-stack-checks.ts';
import { checkMaxPods } from './max-pods-rule.ts';
import { poolAddressing, scenarioVnet, usesPodCidr, usesPodSubnet } from './pool-subnets.ts';
import { MANAGED_NODE_SUBNET, MANAGED_POD_SUBNET } from '../net/managed-vnet.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';

// src/checks holds the rules both the scenario loader (validate, wire) and the planner apply; it sits below both
// and takes only the Scenario type, so `cnisim plan` from flags loads no parser or schema (zod, yaml).
/**
 * The address-plan and maxPods rules for a scenario under each networking model in `cnis` (a rule only applies
 * to models that use the field: the pod CIDR to Overlay and kubenet, pod subnets to the Pod Subnet models).
 * Problems are deduplicated by (code, path), so a rule broken for several models is reported once.
 */
export function scenarioPlanProblems(s: Scenario, cnis: readonly CniName[]): InputProblem[] {
  const out: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (ps: readonly InputProblem[]) => {
    for (const p of ps) {
      const key = `${p.code}\u0000${p.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  };
  const vnet = scenarioVnet(s);
  for (const cni of cnis) {
    const pools = poolAddressing(s, cni);
    const subnets: SubnetField[] = [];
    const missing: InputProblem[] = [];
    const notGiven = (path: string, what: string) =>
      missing.push({
        code: 'subnet-not-given',
        path,
        value: '(not given)',
        allowed: `a ${what} for ${cni}: another subnet is given, so the VNet is yours and cnisim does not assume the managed VNet's subnets (${MANAGED_NODE_SUBNET}, ${MANAGED_POD_SUBNET})`,
      });
    for (const p of pools) {
      if (p.nodeSubnet === null) notGiven(p.nodeSubnetPath, 'node subnet');
      else subnets.push({ path: p.nodeSubnetPath, text: p.nodeSubnet, role: 'node' });
    }
    for (const p of pools) {
      if (p.podSubnet !== null) subnets.push({ path: p.podSubnetPath, text: p.podSubnet, role: cni === 'pod-subnet-static' ? 'pod-static' : 'pod-dynamic' });
      else if (usesPodSubnet(cni)) notGiven(p.podSubnetPath, 'pod subnet');
    }
    add(missing);
    add(
      checkAddressPlan({
        vnet: vnet === null ? null : { path: 'network.vnet', text: vnet },
        subnets,
        podCidr: usesPodCidr(cni) ? { path: 'network.podCidr', text: s.network.podCidr } : null,
        podCidrModel: cni === 'kubenet' ? 'kubenet' : 'overlay',
        serviceCidr: { path: 'network.serviceCidr', text: s.network.serviceCidr },
        dnsServiceIp: { path: 'network.dnsServiceIp', text: s.network.dnsServiceIp },
        serviceCidrAllowSlash12: s.assumptions.serviceCidrAllowSlash12,
      }),
    );
    add(
      checkMaxPods(
        s.cluster.pools.flatMap((p, i) => {
          const planned = pools[i];
          return p.maxPods === undefined || planned === undefined ? [] : [{ path: planned.maxPodsPath, maxPods: p.maxPods, nodes: planned.nodes }];
        }),
      ),
    );
  }
  add(dualStackProblems(s, cnis));
  return out;
}
