import type { TopLevelSpec } from 'vega-lite';
import { usableIps } from '../../net/azure-subnet.ts';
import { parseCidr } from '../../net/cidr.ts';
import { coincidenceNote, coincidingGroups, seriesEncoding } from './series-style.ts';
import { distinct, isNumeric, type SweepTable } from './sweep-table.ts';

/** A chart of the report: a Vega-Lite spec with its data inlined, and what it shows. */
export interface ChartDef {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly spec: TopLevelSpec;
  /** For the exhaustion chart: per panel (facet value, '' when none), the models with no exhaustion in it. */
  readonly neverRanOut?: ReadonlyArray<{ readonly panel: string; readonly models: readonly string[] }>;
}

/** Metrics worth a chart against the swept parameters, in the order the report shows them. */
const HEADLINE_METRICS: readonly string[] = [
  'vnet_ips_used_peak',
  'vnet_ips_allocated_peak',
  'pods_failed_ip',
  'nodes_failed_join',
  'ip_efficiency',
  'snat_failure_ratio',
  'snat_ports_in_use_node_peak',
];

const PANEL_WIDTH = 240;
const PANEL_HEIGHT = 180;
const MAX_FACETS = 6;

/**
 * Chooses the charts that suit a sweep: each headline metric against the swept parameter that drives it (node
 * count for IPs, a connection rate for SNAT), one line per networking model and variant, one panel per subnet
 * or per value of a second parameter, the subnet's usable IPs drawn as a dashed line; and, when node count is
 * swept, the node count at which each model first runs out of addresses.
 */
export function planCharts(table: SweepTable): ChartDef[] {
  const numericParams = table.params.filter((p) => isNumeric(table, p) && distinct(table, p).length >= 2);
  const variantKeys = table.keys.filter((k) => distinct(table, k).length > 1);
  const variantOf = (r: Readonly<Record<string, string>>): string =>
    variantKeys.length === 0 ? (r[table.keys[0] ?? ''] ?? 'all') : variantKeys.map((k) => r[k] ?? '').join(' / ');
  // One colour per model/variant across every chart, in the CSV's order.
  const colorDomain = [...new Set(table.rows.map(variantOf))];
  const charts: ChartDef[] = [];
  for (const metric of HEADLINE_METRICS) {
    if (!table.metrics.includes(metric) || !isNumeric(table, metric) || distinct(table, metric).length < 2) continue;
    const x = preferredX(metric, numericParams);
    if (x === undefined) continue;
    const facet = facetParam(table, [x]);
    const row = facet === undefined ? undefined : facetParam(table, [x, facet]);
    charts.push(metricChart(table, metric, x, { column: facet, row }, variantOf, colorDomain));
  }
  const exhaustion = exhaustionChart(table, numericParams, variantOf, colorDomain);
  if (exhaustion !== undefined) charts.push(exhaustion);
  return charts;
}

function preferredX(metric: string, numericParams: readonly string[]): string | undefined {
  const snat = metric.startsWith('snat_');
  const preferred = numericParams.find((p) => (snat ? /rate|connection|perS|PerS/i.test(p) : /\.count$/.test(p)));
  return preferred ?? numericParams[0];
}

/** A CIDR parameter (subnet size) first, else another parameter with few values, not already used. */
function facetParam(table: SweepTable, used: readonly string[]): string | undefined {
  const others = table.params.filter((p) => !used.includes(p) && distinct(table, p).length >= 2 && distinct(table, p).length <= MAX_FACETS);
  return others.find((p) => distinct(table, p).every((v) => parseCidr(v) !== undefined)) ?? others[0];
}

function metricChart(
  table: SweepTable,
  metric: string,
  x: string,
  facets: { readonly column: string | undefined; readonly row: string | undefined },
  variantOf: (r: Readonly<Record<string, string>>) => string,
  colorDomain: readonly string[],
): ChartDef {
  const facet = facets.column;
  const groups = new Map<string, { x: number; facet: string; row: string; variant: string; sum: number; n: number }>();
  for (const r of table.rows) {
    const v = r[metric] ?? '';
    if (v === '') continue;
    const f = facet === undefined ? '' : (r[facet] ?? '');
    const row = facets.row === undefined ? '' : (r[facets.row] ?? '');
    const variant = variantOf(r);
    const key = `${r[x] ?? ''}\u0000${f}\u0000${row}\u0000${variant}`;
    const g = groups.get(key) ?? { x: Number(r[x]), facet: f, row, variant, sum: 0, n: 0 };
    g.sum += Number(v);
    g.n++;
    groups.set(key, g);
  }
  const capacityOf = (f: string): number | null => {
    const c = facet !== undefined && /Subnet$/.test(facet) ? parseCidr(f) : undefined;
    return c === undefined ? null : usableIps(c);
  };
  const values = [...groups.values()].map((g) => ({ x: g.x, y: g.sum / g.n, variant: g.variant, facet: g.facet, row: g.row, capacity: capacityOf(g.facet) }));
  const withCapacity = metric.startsWith('vnet_ips') && values.some((v) => v.capacity !== null);
  const averaged = table.params.filter((p) => p !== x && p !== facet && p !== facets.row && distinct(table, p).length > 1);
  const coinciding = coincidingGroups(colorDomain, values.map((v) => ({ series: v.variant, key: `${v.x}\u0000${v.facet}\u0000${v.row}`, y: v.y })));
  const enc = seriesEncoding('variant', colorDomain, coinciding);
  const xy = {
    x: { field: 'x', type: 'quantitative', title: x, scale: { zero: false } },
    y: { field: 'y', type: 'quantitative', title: metric },
  };
  const layers: unknown[] = [
    { mark: { type: 'line' }, encoding: { ...xy, color: enc.color, strokeDash: enc.strokeDash } },
    { mark: { type: 'point', filled: false, size: 50 }, encoding: { ...xy, color: enc.color, shape: enc.shape } },
  ];
  if (withCapacity) {
    layers.push({
      mark: { type: 'rule', strokeDash: [6, 4], color: '#444' },
      encoding: { y: { field: 'capacity', type: 'quantitative', aggregate: 'max' } },
    });
  }
  const inner = { width: PANEL_WIDTH, height: PANEL_HEIGHT, layer: layers };
  const spec = faceted(values, inner, facet, facets.row);
  const parts = [
    `Mean of ${metric} over replicates${averaged.length > 0 ? ` and over ${averaged.join(', ')}` : ''}, against ${x}, one line per model and variant`,
    facet === undefined ? '' : `, one panel per ${facet}${facets.row === undefined ? '' : ` (columns) and ${facets.row} (rows)`}`,
    withCapacity ? `; the grey dashed line is the usable IPs of the panel's ${facet} (Azure reserves 5 per subnet)` : '',
    '.',
    coincidenceNote(coinciding),
    panelCoincidences(values, colorDomain, coinciding, facet, facets.row),
  ];
  return { id: `${metric}-vs-${slug(x)}`, title: `${metric} against ${x}`, caption: parts.join(''), spec };
}

/**
 * For each model and each value of the other parameters, the smallest swept node count at which at least half
 * of the replicates ran out of something (first_exhaustion_s set).
 */
function exhaustionChart(
  table: SweepTable,
  numericParams: readonly string[],
  variantOf: (r: Readonly<Record<string, string>>) => string,
  colorDomain: readonly string[],
): ChartDef | undefined {
  const nodes = numericParams.find((p) => /\.count$/.test(p));
  if (nodes === undefined || !table.metrics.includes('first_exhaustion_s')) return undefined;
  const others = table.params.filter((p) => p !== nodes && distinct(table, p).length > 1);
  const x = others.find((p) => isNumeric(table, p));
  const facet = others.find((p) => p !== x && distinct(table, p).length <= MAX_FACETS);
  const tally = new Map<string, { group: Record<string, string>; nodes: number; runs: number; exhausted: number }>();
  for (const r of table.rows) {
    const group: Record<string, string> = { variant: variantOf(r) };
    for (const p of others) group[p] = r[p] ?? '';
    const key = `${JSON.stringify(group)}\u0000${r[nodes] ?? ''}`;
    const t = tally.get(key) ?? { group, nodes: Number(r[nodes]), runs: 0, exhausted: 0 };
    t.runs++;
    if ((r['first_exhaustion_s'] ?? '') !== '') t.exhausted++;
    tally.set(key, t);
  }
  const first = new Map<string, { group: Record<string, string>; nodes: number }>();
  for (const t of tally.values()) {
    if (t.exhausted * 2 < t.runs) continue;
    const key = JSON.stringify(t.group);
    const best = first.get(key);
    if (best === undefined || t.nodes < best.nodes) first.set(key, { group: t.group, nodes: t.nodes });
  }
  if (first.size === 0) return undefined;
  // Parameters neither on the x axis nor in the panels: keep the lowest node count over their values.
  const lowest = new Map<string, { x: string | number; y: number; variant: string; facet: string }>();
  for (const f of first.values()) {
    const point = {
      x: x === undefined ? (f.group['variant'] ?? '') : Number(f.group[x]),
      y: f.nodes,
      variant: f.group['variant'] ?? '',
      facet: facet === undefined ? '' : (f.group[facet] ?? ''),
    };
    const key = `${point.x}\u0000${point.variant}\u0000${point.facet}`;
    const best = lowest.get(key);
    if (best === undefined || point.y < best.y) lowest.set(key, point);
  }
  const values = [...lowest.values()];
  const groups = coincidingGroups(colorDomain, values.map((v) => ({ series: v.variant, key: `${v.x}\u0000${v.facet}`, y: v.y })));
  const enc = seriesEncoding('variant', colorDomain, groups);
  const xEnc = x === undefined ? { field: 'x', type: 'nominal', title: 'model / variant' } : { field: 'x', type: 'quantitative', title: x, scale: { zero: false } };
  const yEnc = { field: 'y', type: 'quantitative', title: `${nodes} at first exhaustion` };
  const layer =
    x === undefined
      ? [{ mark: { type: 'bar' }, encoding: { x: xEnc, y: yEnc, color: enc.color } }]
      : [
          { mark: { type: 'line' }, encoding: { x: xEnc, y: yEnc, color: enc.color, strokeDash: enc.strokeDash } },
          { mark: { type: 'point', filled: false, size: 60 }, encoding: { x: xEnc, y: yEnc, color: enc.color, shape: enc.shape } },
        ];
  const inner = { width: PANEL_WIDTH, height: PANEL_HEIGHT, layer };
  const spec = faceted(values, inner, facet, undefined);
  const rest = others.filter((p) => p !== x && p !== facet);
  const panels = facet === undefined ? [''] : distinct(table, facet);
  const panelOf = (r: Readonly<Record<string, string>>) => (facet === undefined ? '' : (r[facet] ?? ''));
  const outcome = panels.map((panel) => {
    const rows = table.rows.filter((r) => panelOf(r) === panel);
    const ranOut = new Set(rows.filter((r) => (r['first_exhaustion_s'] ?? '') !== '').map(variantOf));
    const drawn = new Set(values.filter((v) => v.facet === panel).map((v) => v.variant));
    const models = [...new Set(rows.map(variantOf))];
    return {
      panel,
      never: models.filter((m) => !ranOut.has(m)),
      rarely: models.filter((m) => ranOut.has(m) && !drawn.has(m)),
    };
  });
  return {
    id: `exhaustion-vs-${slug(nodes)}`,
    title: `${nodes} at which each model runs out`,
    caption:
      `The smallest swept ${nodes} at which at least half the replicates ran out of addresses, blocks or nodes (first_exhaustion_s set)` +
      `${x === undefined ? '' : `, against ${x}`}${facet === undefined ? '' : `, one panel per ${facet}`}` +
      `${rest.length > 0 ? `; the lowest over ${rest.join(', ')}` : ''}.` +
      neverSentences(outcome, facet) +
      coincidenceNote(groups) +
      panelCoincidences(values, colorDomain, groups, facet, undefined),
    spec,
    neverRanOut: outcome.map((o) => ({ panel: o.panel, models: o.never })),
  };
}

interface PanelOutcome {
  readonly panel: string;
  readonly never: readonly string[];
  readonly rarely: readonly string[];
}

/**
 * What a caption may say of the panels: the models with no exhaustion in any row of a panel, and the models that
 * ran out somewhere in it but in fewer than half the replicates of every case (so not drawn). Panels that say the
 * same are named together.
 */
function neverSentences(outcome: readonly PanelOutcome[], facet: string | undefined): string {
  const say = (list: readonly string[], what: string, pick: (o: PanelOutcome) => readonly string[]): string => {
    if (list.length === 0) return '';
    const panels = outcome.filter((o) => pick(o).join(',') === list.join(',')).map((o) => o.panel);
    const where = facet === undefined ? '' : panels.length === outcome.length ? ` (every ${facet})` : ` (${facet} ${panels.join(', ')})`;
    return ` ${what}${where}: ${list.join(', ')}.`;
  };
  const seen = new Set<string>();
  let text = '';
  for (const o of outcome) {
    for (const [list, what, pick] of [
      [o.never, 'Never ran out in any swept case', (x: PanelOutcome) => x.never],
      [o.rarely, 'Ran out in fewer than half the replicates of every case, so not drawn', (x: PanelOutcome) => x.rarely],
    ] as const) {
      const key = `${what}\u0000${list.join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      text += say(list, what, pick);
    }
  }
  return text;
}

/** Coincidences inside single panels that the whole chart does not have (the legend names only those). */
function panelCoincidences(
  values: ReadonlyArray<{ readonly x: number | string; readonly y: number; readonly variant: string; readonly facet: string; readonly row?: string }>,
  domain: readonly string[],
  chartGroups: readonly string[][],
  facet: string | undefined,
  row: string | undefined,
): string {
  if (facet === undefined) return '';
  const known = new Set(chartGroups.map((g) => g.join(' = ')));
  const panels = [...new Set(values.map((v) => `${v.facet}\u0000${v.row ?? ''}`))];
  const notes: string[] = [];
  for (const panel of panels) {
    const inPanel = values.filter((v) => `${v.facet}\u0000${v.row ?? ''}` === panel);
    const groups = coincidingGroups(domain, inPanel.map((v) => ({ series: v.variant, key: String(v.x), y: v.y }))).map((g) => g.join(' = ')).filter((g) => !known.has(g));
    const [f, r] = panel.split('\u0000');
    if (groups.length > 0) notes.push(`${facet} ${f ?? ''}${row === undefined ? '' : `, ${row} ${r ?? ''}`}: ${groups.join('; ')}`);
  }
  return notes.length === 0 ? '' : ` Also coinciding within one panel (${notes.join('; ')}).`;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A single panel, or one panel per value of `column` (and of `row`), in the CSV's order. */
function faceted(values: ReadonlyArray<{ readonly facet: string; readonly row?: string }>, inner: object, column: string | undefined, row: string | undefined): TopLevelSpec {
  if (column === undefined) return { $schema: SCHEMA, data: { values }, ...inner } as TopLevelSpec;
  // An explicit order: Vega-Lite would otherwise sort "110" before "30".
  const order = (key: 'facet' | 'row'): string[] => [...new Set(values.map((v) => v[key] ?? ''))];
  const facet: Record<string, object> = { column: { field: 'facet', type: 'nominal', title: column, sort: order('facet') } };
  if (row !== undefined) facet['row'] = { field: 'row', type: 'nominal', title: row, sort: order('row') };
  return { $schema: SCHEMA, data: { values }, facet, spec: inner } as TopLevelSpec;
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
