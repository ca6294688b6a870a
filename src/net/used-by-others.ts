import { parseCidr } from './cidr.ts';

/**
 * Addresses other tenants (private endpoints, other VMs, gateways) use in the subnet `cidrText`, from a scenario's
 * `network.usedByOthers` map. Keys match by address and prefix, not by spelling. Lives below both the scenario
 * layer and the planner, which both subtract it.
 */
export function usedByOthersIn(network: { readonly usedByOthers: Readonly<Record<string, number>> }, cidrText: string): number {
  const c = parseCidr(cidrText);
  if (c === undefined) return 0;
  let n = 0;
  for (const [key, count] of Object.entries(network.usedByOthers)) {
    const k = parseCidr(key);
    if (k !== undefined && k.base === c.base && k.prefix === c.prefix) n += count;
  }
  return n;
}
