import { InputError, type InputProblem } from '../error/input-error.ts';
import type { ImportFacts, PoolFacts, SubnetFacts } from './facts.ts';
import { nodePool } from './merge-pools.ts';
import { formatSource, type Fact, type Source } from './provenance.ts';
import { subnetKey } from './read-network.ts';

/** A pool's subnet with its range and where the range came from. */
export interface PoolSubnet {
  readonly cidr: string;
  readonly from: readonly (Source | string)[];
  /** The subnet's own facts (ipConfigurations), when a subnet or VNet file described it. */
  readonly subnet?: SubnetFacts;
  /** The ARM id the pool names, or undefined for AKS's managed VNet. */
  readonly id?: Fact<string>;
}

/** Every subnet the files describe, from subnet files and the subnets embedded in VNet files. */
function knownSubnets(facts: ImportFacts): SubnetFacts[] {
  return [...facts.subnets, ...facts.vnets.flatMap((v) => v.subnets)];
}

function findSubnet(facts: ImportFacts, id: string): SubnetFacts | undefined {
  const key = subnetKey(id);
  const all = knownSubnets(facts).filter((s) => s.prefix !== undefined);
  return all.find((s) => s.key === key) ?? all.find((s) => s.key.startsWith('name:') && key.endsWith(`/subnets/${s.key.slice(5).toLowerCase()}`));
}

/** The pod subnet range the NNCs of the pool's nodes report (`subnetAddressSpace`). */
function nncPodSubnet(facts: ImportFacts, pool: string): Fact<string> | undefined {
  return facts.nncs.find((n) => (n.ncType?.value === 'vnet' || n.ncType?.value === 'vnetblock') && nodePool(facts, n.node) === pool)?.subnetAddressSpace;
}

export interface SubnetFlags {
  readonly nodeSubnet?: string;
  readonly podSubnet?: string;
}

/**
 * Each pool's node subnet (role 'node') or pod subnet ('pod'). A pool naming a subnet no file describes takes
 * the flag's range if exactly one such subnet is missing; otherwise the import is refused, naming the subnet
 * and the command that prints it. A pool with no vnetSubnetId is on AKS's managed VNet (undefined: defaulted).
 */
export function resolvePoolSubnets(facts: ImportFacts, pools: readonly PoolFacts[], role: 'node' | 'pod', flags: SubnetFlags): Array<PoolSubnet | undefined> {
  const flag = role === 'node' ? flags.nodeSubnet : flags.podSubnet;
  const flagName = role === 'node' ? '--node-subnet' : '--pod-subnet';
  const missing = new Map<string, Fact<string>>();
  const out = pools.map((p): PoolSubnet | undefined => {
    const id = role === 'node' ? p.vnetSubnetId : p.podSubnetId;
    if (id === undefined) {
      if (role === 'pod') {
        const nnc = nncPodSubnet(facts, p.name.value);
        if (nnc !== undefined) return { cidr: nnc.value, from: [nnc] };
      }
      return undefined;
    }
    const s = findSubnet(facts, id.value);
    if (s?.prefix !== undefined) return { cidr: s.prefix.value, from: [s.prefix, `the subnet ${formatSource(id)} names`], subnet: s, id };
    const nnc = role === 'pod' ? nncPodSubnet(facts, p.name.value) : undefined;
    if (nnc !== undefined) return { cidr: nnc.value, from: [nnc], id };
    if (!missing.has(id.value.toLowerCase())) missing.set(id.value.toLowerCase(), id);
    return { cidr: flag ?? '', from: [`${flagName} ${flag ?? ''}`], id };
  });
  if (missing.size === 0 || (flag !== undefined && missing.size === 1)) return out;
  const byHand = missing.size === 1 ? `, or give it by hand with ${flagName} CIDR` : ` (${flagName} gives only one)`;
  const problems: InputProblem[] = [...missing.values()].map((id) => ({
    code: 'missing-subnet',
    path: formatSource(id),
    // The id goes in the value, which messages cut at 80 characters; what is wrong and what to do go in `allowed`.
    value: id.value,
    allowed: `the ${role} subnet's address range, which none of the files gives: ${
      id.value.startsWith('(known after apply')
        ? `import the Terraform state after apply${byHand}`
        : id.value.startsWith('tf:')
          ? `the Terraform state or plan that holds ${id.value.slice(3)}${byHand}`
          : `add the output of \`az network vnet subnet show --ids ${id.value} -o json\` to the files${byHand}`
    }`,
  }));
  throw new InputError(problems);
}
