import type { ColumnSpec } from '../column.ts';

/** The `outbound` key column: one row per outbound design of the scenario's `outbound.designs`. */
export const OUTBOUND_AXIS: ColumnSpec = {
  name: 'outbound',
  unit: 'text',
  description: 'Outbound design name from outbound.designs (empty when the scenario has no traffic/outbound section).',
};

const COMMON: readonly ColumnSpec[] = [
  { name: 'outbound_type', unit: 'text', description: 'AKS outboundType of the design.' },
  { name: 'connection_attempts', unit: 'connections', description: 'New connections opened (requests served by a pooled connection are not counted).' },
  { name: 'connections_not_snated', unit: 'connections', description: 'Attempts that never reach the outbound SNAT: destinations in the VNet or the cluster (pods, services).' },
  { name: 'snat_failures', unit: 'connections', description: 'Attempts refused because no SNAT port was free toward their destination.' },
  { name: 'snat_failure_ratio', unit: 'ratio', description: 'snat_failures / connection_attempts (0 when there were no attempts).' },
  { name: 'snat_first_failure_s', unit: 's', description: 'Simulated time of the first SNAT failure; empty when none.' },
];

/** Summary CSV columns, in order. */
export const SNAT_SUMMARY_COLUMNS: readonly ColumnSpec[] = [
  ...COMMON,
  { name: 'requests_pooled', unit: 'requests', description: 'Requests carried by an idle pooled connection (no new connection, no new port).' },
  { name: 'snat_ports_in_use_node_peak', unit: 'ports', description: 'Peak over time and nodes of the SNAT ports one node holds (in use, idle-timeout or hold-down).' },
  { name: 'snat_ports_in_use_total_peak', unit: 'ports', description: 'Peak over time of the SNAT ports held by all nodes together.' },
  { name: 'snat_ports_hold_down_peak', unit: 'ports', description: 'Peak over time of port reservations in hold-down (closed, not yet reusable toward the same destination).' },
  { name: 'snat_ports_per_node_min', unit: 'ports', description: 'Smallest per-node allocation in force during the run (LB); empty for shared inventories (NAT gateway, firewall).' },
  { name: 'snat_table_recomputes', unit: 'count', description: 'Times the LB default port table changed row as the backend pool grew or shrank.' },
];

/** Time-series columns: counts are cumulative since t = 0, peaks are over the interval since the previous sample. */
export const SNAT_TIMESERIES_COLUMNS: readonly ColumnSpec[] = [
  ...COMMON,
  { name: 'snat_ports_in_use_node_peak', unit: 'ports', description: 'Peak since the previous sample of the SNAT ports one node holds.' },
  { name: 'snat_ports_in_use_total_peak', unit: 'ports', description: 'Peak since the previous sample of the SNAT ports held by all nodes.' },
  { name: 'snat_ports_hold_down_peak', unit: 'ports', description: 'Peak since the previous sample of port reservations in hold-down.' },
  { name: 'snat_ports_per_node', unit: 'ports', description: 'Per-node allocation now (LB); empty for shared inventories.' },
];
