import type { ColumnSpec } from '../output/column.ts';
import { formatNumber, type CellValue } from '../output/csv-format.ts';
import type { Plan } from './plan.ts';

/**
 * The dual-stack part of `cnisim plan`'s CSV and table. It appears only when a plan is dual-stack, so the output
 * of an IPv4-only plan is unchanged.
 */
export const DUAL_STACK_CSV_COLUMNS: readonly ColumnSpec[] = [
  { name: 'ip_families', unit: '', description: 'IP families: IPv4, or IPv4;IPv6 for dual-stack.' },
  { name: 'pod_cidr_ipv6_cidr', unit: '', description: 'The IPv6 pod CIDR (dual-stack Overlay, kubenet).' },
  { name: 'pod_cidr_ipv6_block_prefix', unit: 'prefix length', description: 'Prefix of the IPv6 block each node takes (assumptions.ipv6NodeBlockPrefix, /80 UNCONFIRMED).' },
  { name: 'pod_cidr_ipv6_usable_blocks', unit: 'blocks', description: 'Per-node blocks the IPv6 pod CIDR holds.' },
  { name: 'pod_cidr_ipv6_required_blocks', unit: 'blocks', description: 'Blocks the planned nodes and their surge take, one each.' },
  { name: 'pod_cidr_ipv6_free_blocks', unit: 'blocks', description: 'usable − required (negative: does not fit).' },
  { name: 'runs_out_first', unit: '', description: 'The family whose addresses hold fewer nodes: IPv4, IPv6 or both.' },
  { name: 'snat_outbound_ipv6_ips', unit: 'IPs', description: 'Load Balancer managed outbound IPv6 IPs (countIPv6); empty for other outbound types.' },
];

export function isDualStackPlan(p: Plan): boolean {
  return p.families.podCidrIpv6 !== null;
}

export function dualStackCells(p: Plan): CellValue[] {
  const f = p.families;
  const u = f.podCidrIpv6;
  return [
    f.ipFamilies.join(';'),
    u?.cidr ?? null,
    u?.blockPrefix ?? null,
    u?.usable ?? null,
    u?.required ?? null,
    u?.free ?? null,
    f.runsOutFirst,
    f.managedOutboundIPs?.countIPv6 ?? null,
  ];
}

export function dualStackHeader(): string[] {
  return ['IPv6 pod CIDR (req/usable blocks)', 'runs out first'];
}

export function dualStackTableCells(p: Plan): string[] {
  const u = p.families.podCidrIpv6;
  return [u === null ? '-' : `${formatNumber(u.required)}/${formatNumber(u.usable)} /${u.blockPrefix}s of ${u.cidr}`, p.families.runsOutFirst ?? '-'];
}
