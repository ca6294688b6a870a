import type { ColumnSpec } from '../output/column.ts';
import { IP_SUMMARY_COLUMNS, IP_TIMESERIES_COLUMNS, IPV6_SUMMARY_COLUMNS, IPV6_TIMESERIES_COLUMNS } from '../output/ip-metrics.ts';
import { isDualStack } from '../net/ip-families.ts';
import type { CaseExtension } from './case-extension.ts';
import { CASE_EXTENSIONS } from './extensions.ts';
import type { Scenario } from './schema/scenario.ts';

const SCENARIO_COLUMN: ColumnSpec = { name: 'scenario', unit: 'text', description: 'Scenario name.' };
const CNI_COLUMN: ColumnSpec = {
  name: 'cni',
  unit: 'text',
  description: 'Networking model: overlay, node-subnet, pod-subnet-dynamic, pod-subnet-static, kubenet.',
};
const SEED_COLUMNS: readonly ColumnSpec[] = [
  { name: 'seed', unit: 'integer', description: 'Seed of this replicate; rerunning with it reproduces the row.' },
  { name: 'replicate', unit: 'integer', description: 'Replicate index, 0-based.' },
];

function axisColumns(exts: readonly CaseExtension[]): ColumnSpec[] {
  return exts.flatMap((e) => (e.axis === null ? [] : [e.axis]));
}

/**
 * The summary CSV's columns for a set of extensions: keys, IP metrics (with the IPv6 ones for a dual-stack run,
 * `ipv6`), then each extension's metrics.
 */
export function summaryColumns(exts: readonly CaseExtension[] = CASE_EXTENSIONS, ipv6 = false): ColumnSpec[] {
  return [
    SCENARIO_COLUMN,
    CNI_COLUMN,
    ...axisColumns(exts),
    ...SEED_COLUMNS,
    ...IP_SUMMARY_COLUMNS,
    ...(ipv6 ? IPV6_SUMMARY_COLUMNS : []),
    ...exts.flatMap((e) => e.summaryColumns),
    ...(ipv6 ? exts.flatMap((e) => e.ipv6SummaryColumns ?? []) : []),
  ];
}

/**
 * Whether a scenario's CSVs carry the IPv6 columns: a dual-stack cluster, or a datapath variant with an IPv6
 * underlay or IPv6 pods. IPv4-only scenarios leave them out, so their files stay as they were.
 */
export function hasIpv6Columns(s: Scenario): boolean {
  return isDualStack(s.network.ipFamilies) || (s.datapath?.variants.some((v) => v.underlay === 'ipv6' || v.inner === 'ipv6') ?? false);
}

export function timeseriesColumns(exts: readonly CaseExtension[] = CASE_EXTENSIONS, ipv6 = false): ColumnSpec[] {
  return [
    { name: 't_s', unit: 's', description: 'Simulated time of the sample.' },
    CNI_COLUMN,
    ...axisColumns(exts),
    ...IP_TIMESERIES_COLUMNS,
    ...(ipv6 ? IPV6_TIMESERIES_COLUMNS : []),
    ...exts.flatMap((e) => e.timeseriesColumns),
  ];
}
