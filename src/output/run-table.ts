import type { CellValue } from './csv-format.ts';
import { groupedCount, humanDuration, percent } from './human-format.ts';
import { textTable } from './text-table.ts';

/**
 * The table `cnisim run` prints: one row per model (and variant, and replicate), the columns that matter for
 * what the scenario simulates, in plain units, cut to the terminal's width. The CSV keeps every column.
 */

/** A column of the table only: what was refused (pods_failed_ip, nodes_failed_join, upgrades_blocked) in one cell. */
const REFUSED = 'refused';
const REFUSED_PARTS: ReadonlyArray<readonly [string, string]> = [
  ['nodes_failed_join', 'nodes'],
  ['pods_failed_ip', 'pods'],
  ['upgrades_blocked', 'upgrades'],
];

/** Short headers for the columns people read first. Any other column shows under its CSV name. */
const LABELS: Readonly<Record<string, string>> = {
  nodes_peak: 'nodes',
  pods_peak: 'pods',
  vnet_ips_allocated_peak: 'VNet IPs',
  vnet_ips_used_peak: 'IPs used',
  ip_efficiency: 'IP use',
  pod_cidr_blocks_peak: '/24s',
  first_exhaustion_s: 'ran out at',
  exhaustion_cause: 'cause',
  [REFUSED]: 'refused',
  snat_failures: 'SNAT failures',
  snat_failure_ratio: 'failed',
  snat_first_failure_s: 'first failure',
  snat_ports_in_use_node_peak: 'ports/node peak',
  snat_ports_per_node_min: 'ports/node',
  snat_ports_hold_down_peak: 'held down',
  dp_pod_mtu_bytes: 'pod MTU',
  dp_overhead_pct: 'overhead',
  dp_goodput_efficiency: 'goodput',
  dp_fragments: 'fragments',
  dp_drops_frag_needed_packets: 'frag-needed drops',
};

/** The order columns appear in, left to right (a column not listed keeps its CSV position, after these). */
const DISPLAY_ORDER = Object.keys(LABELS);

/** Columns by importance for an IP-only scenario: the first ones stay when the terminal is narrow. */
const IP_PRIORITY = [
  'first_exhaustion_s', 'exhaustion_cause', REFUSED, 'nodes_peak', 'pods_peak', 'vnet_ips_allocated_peak', 'ip_efficiency',
  'vnet_ips_used_peak', 'pod_cidr_blocks_peak',
];
/** A model that adds results puts its headline first when the scenario has it (its marker column is set). */
const EXTENSION_PRIORITY: ReadonlyArray<{ readonly marker: string; readonly columns: readonly string[] }> = [
  {
    marker: 'outbound_type',
    columns: ['snat_failures', 'snat_failure_ratio', 'snat_first_failure_s', 'snat_ports_in_use_node_peak', 'snat_ports_per_node_min', 'snat_ports_hold_down_peak'],
  },
  { marker: 'dp_encap', columns: ['dp_overhead_pct', 'dp_goodput_efficiency', 'dp_pod_mtu_bytes', 'dp_fragments', 'dp_drops_frag_needed_packets'] },
];
/** With SNAT or datapath results, the IP part keeps only its headline. */
const IP_HEADLINE = ['first_exhaustion_s', 'exhaustion_cause', REFUSED, 'nodes_peak', 'pods_peak', 'vnet_ips_allocated_peak'];

export interface RunTableInput {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly CellValue[]>;
  /** Unit of each column (ColumnSpec.unit), which decides how a value is written. */
  readonly units: ReadonlyMap<string, string>;
  /** Characters per line the table may use. */
  readonly width: number;
  /** Every column, whatever the width. */
  readonly wide: boolean;
}

export interface RunTable {
  readonly text: string;
  /** The same table as cells, for the HTML report. */
  readonly header: readonly string[];
  readonly body: ReadonlyArray<readonly string[]>;
  readonly numeric: readonly boolean[];
  /** Result columns with a value that were left out for width (all are in the CSV, and under --wide). */
  readonly hidden: number;
}

/** A value as a person reads it, by the column's unit. */
export function humanCell(value: CellValue, unit: string | undefined): string {
  if (value === null || value === '') return '-';
  if (typeof value === 'string') return value;
  if (unit === 's') return humanDuration(value);
  if (unit !== undefined && unit.startsWith('ratio')) return percent(value);
  if (unit === '%') return `${groupedCount(value, 1)}%`;
  return groupedCount(value, Number.isInteger(value) ? 0 : 2);
}

/** The cell of `column` in row `r`: a CSV value in plain units, or the derived `refused` summary. */
function cellOf(column: string, r: readonly CellValue[], input: RunTableInput): string {
  const at = (name: string): number => input.columns.indexOf(name);
  if (column !== REFUSED) return humanCell(r[at(column)] ?? null, input.units.get(column));
  const parts = REFUSED_PARTS.flatMap(([c, what]) => {
    const v = r[at(c)];
    return typeof v === 'number' && v > 0 ? [`${groupedCount(v)} ${what}`] : [];
  });
  return parts.length === 0 ? '-' : parts.join(', ');
}

export function runTable(input: RunTableInput): RunTable {
  const { columns, rows } = input;
  const at = (name: string): number => columns.indexOf(name);
  const used = (name: string): boolean => at(name) >= 0 && rows.some((r) => (r[at(name)] ?? '') !== '');
  const keyEnd = at('seed');
  // The model column joins cni with the variant columns the scenario uses (outbound design, datapath variant).
  const variantKeys = columns.slice(2, keyEnd).filter(used);
  const manyReplicates = rows.some((r) => r[at('replicate')] !== 0);
  const modelOf = (r: readonly CellValue[]): string =>
    [r[at('cni')], ...variantKeys.map((k) => r[at(k)])].filter((v) => v !== null && v !== '').join(' / ');
  const metrics = columns.slice(at('replicate') + 1);

  let chosen: string[];
  if (input.wide) {
    chosen = metrics;
  } else {
    const ext = EXTENSION_PRIORITY.filter((e) => used(e.marker)).flatMap((e) => e.columns);
    const priority = [...ext, ...(ext.length === 0 ? IP_PRIORITY : IP_HEADLINE)].filter((c) => c === REFUSED || at(c) >= 0);
    chosen = fitColumns(priority, input, modelOf, manyReplicates);
  }
  const ordered = input.wide ? chosen : [...chosen].sort((a, b) => DISPLAY_ORDER.indexOf(a) - DISPLAY_ORDER.indexOf(b));
  const header = ['model', ...(manyReplicates ? ['replicate'] : []), ...ordered.map((c) => (input.wide ? c : (LABELS[c] ?? c)))];
  const body = rows.map((r) => [
    modelOf(r),
    ...(manyReplicates ? [String(r[at('replicate')] ?? '')] : []),
    ...ordered.map((c) => cellOf(c, r, input)),
  ]);
  const numeric = header.map((h, i) => i > 0 && h !== 'refused' && body.every((b) => /^-?\d/.test(b[i] ?? '') || b[i] === '-'));
  const shown = chosen.flatMap((c) => (c === REFUSED ? REFUSED_PARTS.map(([p]) => p) : [c]));
  return { text: textTable(header, body, numeric), header, body, numeric, hidden: metrics.filter((m) => !shown.includes(m) && used(m)).length };
}

/** Takes columns in priority order while the table still fits the width (a column too wide is skipped). */
function fitColumns(
  priority: readonly string[],
  input: RunTableInput,
  modelOf: (r: readonly CellValue[]) => string,
  manyReplicates: boolean,
): string[] {
  const { rows } = input;
  const cellWidth = (label: string, cells: readonly string[]): number => Math.max(label.length, ...cells.map((c) => c.length));
  let total = cellWidth('model', rows.map(modelOf)) + (manyReplicates ? 2 + 'replicate'.length : 0);
  const chosen: string[] = [];
  for (const c of priority) {
    const cells = rows.map((r) => cellOf(c, r, input));
    // A column with nothing in any row says nothing the conclusion does not ("nothing ran out").
    if (cells.every((v) => v === '-')) continue;
    const w = cellWidth(LABELS[c] ?? c, cells);
    if (total + 2 + w > input.width) continue;
    total += 2 + w;
    chosen.push(c);
  }
  return chosen;
}
