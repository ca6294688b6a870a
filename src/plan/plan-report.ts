import type { ColumnSpec } from '../output/column.ts';
import { formatNumber, toCsv, type CellValue } from '../output/csv-format.ts';
import type { AddressSpaceUse, Plan, SubnetUse } from './plan.ts';
import { dualStackCells, dualStackHeader, DUAL_STACK_CSV_COLUMNS, dualStackTableCells, isDualStackPlan } from './plan-report-ipv6.ts';

/** The columns of `cnisim plan --format csv`, one row per networking model. */
export const PLAN_CSV_COLUMNS: readonly ColumnSpec[] = [
  { name: 'cni', unit: '', description: 'Networking model.' },
  { name: 'nodes', unit: 'nodes', description: 'Planned nodes: Σ pools (autoscaler maxCount if autoscaled, else count).' },
  { name: 'surge_nodes', unit: 'nodes', description: 'Upgrade surge nodes, Σ pools.' },
  { name: 'max_pods', unit: 'pods per node', description: 'Largest maxPods among the pools.' },
  ...spaceColumns('node_subnet', 'the tightest node subnet', true),
  ...spaceColumns('pod_subnet', 'the tightest pod subnet (Pod Subnet models)', true),
  ...spaceColumns('pod_cidr', 'the pod CIDR (Overlay, kubenet)'),
  { name: 'max_nodes_that_fit', unit: 'nodes', description: 'Largest N for which the same plan with N nodes fits, its upgrade surge included (surge not counted in N).' },
  { name: 'max_pods_per_cluster', unit: 'pods', description: 'max_nodes_that_fit × maxPods (Overlay: at most assumptions.overlayMaxPodsPerCluster).' },
  { name: 'fits', unit: 'true/false', description: 'Whether the plan fits (no errors).' },
  { name: 'limiting_factor', unit: '', description: 'What stops max_nodes_that_fit.' },
  { name: 'snat_outbound_type', unit: '', description: 'Outbound type.' },
  { name: 'snat_ports_per_node', unit: 'ports', description: 'SNAT ports per node at steady state; empty where shared on demand.' },
  { name: 'snat_ports_per_node_during_upgrade', unit: 'ports', description: 'SNAT ports per node while the surge nodes are in the backend pool; empty where shared on demand.' },
  { name: 'snat_worst_at', unit: '', description: 'steady-state or upgrade: the figure with fewer ports, which the verdict uses; empty where shared on demand.' },
  { name: 'snat_total_ports', unit: 'ports', description: 'SNAT port inventory of the outbound IPs.' },
  { name: 'snat_max_nodes', unit: 'nodes', description: 'Most nodes the outbound IPs support; empty if unbounded.' },
  { name: 'snat_idle_timeout_min', unit: 'min', description: 'Idle timeout in force.' },
  { name: 'errors', unit: '', description: 'Error messages, joined by " | ".' },
  { name: 'warnings', unit: '', description: 'Warning messages (the plan still fits), joined by " | ".' },
];

function spaceColumns(prefix: string, what: string, subnet = false): ColumnSpec[] {
  return [
    { name: `${prefix}_cidr`, unit: '', description: `CIDR of ${what}; empty where the model does not use it.` },
    { name: `${prefix}_usable_ips`, unit: 'addresses', description: `Addresses of ${what} the model can use.` },
    ...(subnet ? [{ name: `${prefix}_used_by_others_ips`, unit: 'addresses', description: `Addresses of ${what} other resources use (network.usedByOthers).` }] : []),
    { name: `${prefix}_required_ips`, unit: 'addresses', description: `Addresses the plan needs from ${what}, upgrade surge included.` },
    { name: `${prefix}_free_ips`, unit: 'addresses', description: subnet ? 'usable − used by others − required (negative: does not fit).' : 'usable − required (negative: does not fit).' },
  ];
}

function spaceCells(u: AddressSpaceUse | null): CellValue[] {
  return u === null ? [null, null, null, null] : [u.cidr, u.usable, u.required, u.free];
}

function subnetCells(u: SubnetUse | null): CellValue[] {
  return u === null ? [null, null, null, null, null] : [u.cidr, u.usable, u.usedByOthers, u.required, u.free];
}

/** The CSV columns for these plans: the dual-stack ones (after the pod CIDR's) only when a plan is dual-stack. */
export function planCsvColumns(plans: readonly Plan[]): readonly ColumnSpec[] {
  if (!plans.some(isDualStackPlan)) return PLAN_CSV_COLUMNS;
  const at = PLAN_CSV_COLUMNS.findIndex((c) => c.name === 'pod_cidr_free_ips') + 1;
  return [...PLAN_CSV_COLUMNS.slice(0, at), ...DUAL_STACK_CSV_COLUMNS, ...PLAN_CSV_COLUMNS.slice(at)];
}

export function planCsv(plans: readonly Plan[]): string {
  const dual = plans.some(isDualStackPlan);
  return toCsv(
    planCsvColumns(plans).map((c) => c.name),
    plans.map((p) => [
      p.cni,
      p.nodes,
      p.surgeNodes,
      p.maxPods,
      ...subnetCells(p.nodeSubnet),
      ...subnetCells(p.podSubnet),
      ...spaceCells(p.podCidr),
      ...(dual ? dualStackCells(p) : []),
      p.maxNodesThatFit,
      p.maxPodsPerCluster,
      p.fits ? 'true' : 'false',
      p.limitingFactor,
      p.snat.outboundType,
      p.snat.portsPerNode,
      p.snat.portsPerNodeDuringUpgrade,
      p.snat.worstAt,
      p.snat.totalPorts,
      p.snat.maxNodes,
      p.snat.idleTimeoutMin,
      p.errors.map((e) => e.message).join(' | '),
      p.warnings.map((w) => w.message).join(' | '),
    ]),
  );
}

function space(u: AddressSpaceUse | null): string {
  return u === null ? '-' : `${formatNumber(u.required)}/${formatNumber(u.usable)} ${u.cidr}`;
}

/** Steady-state ports per node, and the upgrade's figure after it when the surge nodes lower it. */
function snatCell(p: Plan): string {
  const { portsPerNode, portsPerNodeDuringUpgrade } = p.snat;
  if (portsPerNode === null || portsPerNodeDuringUpgrade === null) return 'shared';
  if (portsPerNodeDuringUpgrade === portsPerNode) return formatNumber(portsPerNode);
  return `${formatNumber(portsPerNode)} (upgrade ${formatNumber(portsPerNodeDuringUpgrade)})`;
}

/** A fixed-width table, one row per model, for a terminal. */
export function planTable(plans: readonly Plan[]): string {
  const dual = plans.some(isDualStackPlan);
  const header = ['cni', 'nodes', 'surge', 'maxPods', 'node subnet (req/usable)', 'pod subnet (req/usable)', 'pod CIDR (req/usable)', ...(dual ? dualStackHeader() : []), 'max nodes', 'max pods', 'SNAT ports/node', 'fits', 'limited by'];
  const rows = plans.map((p) => [
    p.cni,
    formatNumber(p.nodes),
    formatNumber(p.surgeNodes),
    formatNumber(p.maxPods),
    space(p.nodeSubnet),
    space(p.podSubnet),
    space(p.podCidr),
    ...(dual ? dualStackTableCells(p) : []),
    formatNumber(p.maxNodesThatFit),
    formatNumber(p.maxPodsPerCluster),
    snatCell(p),
    p.fits ? 'yes' : 'NO',
    p.limitingFactor,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** The JSON form of a plan: exactly the documented keys, in a fixed order. */
export function planJson(p: Plan): Record<string, unknown> {
  return {
    cni: p.cni,
    nodes: p.nodes,
    surgeNodes: p.surgeNodes,
    maxPods: p.maxPods,
    nodeSubnet: p.nodeSubnet,
    podSubnet: p.podSubnet,
    podCidr: p.podCidr,
    ipFamilies: p.families.ipFamilies,
    podCidrIpv6: p.families.podCidrIpv6,
    runsOutFirst: p.families.runsOutFirst,
    maxNodesThatFit: p.maxNodesThatFit,
    maxPodsPerCluster: p.maxPodsPerCluster,
    fits: p.fits,
    limitingFactor: p.limitingFactor,
    errors: p.errors.map((e) => ({ code: e.code, message: e.message })),
    warnings: p.warnings.map((w) => ({ code: w.code, message: w.message })),
    snat: {
      outboundType: p.snat.outboundType,
      portsPerNode: p.snat.portsPerNode,
      portsPerNodeDuringUpgrade: p.snat.portsPerNodeDuringUpgrade,
      worstAt: p.snat.worstAt,
      totalPorts: p.snat.totalPorts,
      maxNodes: p.snat.maxNodes,
      idleTimeoutMin: p.snat.idleTimeoutMin,
      managedOutboundIPs: p.families.managedOutboundIPs,
    },
  };
}
