import type { IpConfigFact, SubnetFacts, VnetFacts } from './facts.ts';
import { armBody, JsonNode } from './json-node.ts';
import type { Fact } from './provenance.ts';

/**
 * Readers for `az network vnet subnet show/list` and `az network vnet show/list`, az or REST form
 * (https://learn.microsoft.com/en-us/rest/api/virtualnetwork/subnets/get). A subnet's range is `addressPrefix`,
 * or the IPv4 entry of `addressPrefixes`; its `ipConfigurations` list every address something holds in it.
 */

/** Subnet ids are compared case-insensitively (ARM ids are; az prints resourceGroups, AKS resourcegroups). */
export function subnetKey(id: string): string {
  // Terraform plan references (`tf:module.net.azurerm_subnet.aks`) keep their case: addresses are case-sensitive.
  return id.startsWith('tf:') ? id : id.toLowerCase();
}

function ipv4Prefix(b: JsonNode): Fact<string> | undefined {
  const single = b.field('addressPrefix')?.string();
  if (single !== undefined) return single;
  return b.field('addressPrefixes')?.items().flatMap((i) => i.string() ?? []).find((f) => !f.value.includes(':'));
}

export function readSubnet(n: JsonNode): SubnetFacts {
  const b = armBody(n);
  const id = n.field('id')?.string();
  const name = n.field('name')?.string();
  const configs = b.field('ipConfigurations');
  const ipConfigurations: IpConfigFact[] = (configs?.items() ?? []).flatMap((c) => {
    const cid = c.field('id')?.string();
    return cid === undefined ? [] : [{ id: cid }];
  });
  const s: { -readonly [K in keyof SubnetFacts]: SubnetFacts[K] } = {
    key: id === undefined ? `name:${name?.value ?? ''}` : subnetKey(id.value),
    ipConfigurations,
  };
  if (id !== undefined) s.id = id;
  if (name !== undefined) s.name = name;
  if (configs !== undefined) s.ipConfigurationsAt = `${configs.file} ${configs.path}`;
  const prefix = ipv4Prefix(b);
  if (prefix !== undefined) s.prefix = prefix;
  return s;
}

function listOf(root: JsonNode): JsonNode[] {
  return Array.isArray(root.value) ? root.items() : (root.field('value')?.items() ?? [root]);
}

export function readSubnets(root: JsonNode): SubnetFacts[] {
  return listOf(root).map(readSubnet);
}

/** VNets, with their address space and the subnets they embed (`az network vnet show` includes them). */
export function readVnets(root: JsonNode): VnetFacts[] {
  return listOf(root).map((n) => {
    const b = armBody(n);
    const id = n.field('id')?.string()?.value ?? n.field('name')?.string()?.value ?? '';
    return {
      key: id.toLowerCase(),
      addressPrefixes: (b.at('addressSpace', 'addressPrefixes')?.items() ?? []).flatMap((i) => i.string() ?? []),
      subnets: (b.field('subnets')?.items() ?? []).map(readSubnet),
    };
  });
}
