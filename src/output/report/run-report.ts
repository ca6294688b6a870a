import type { TopLevelSpec } from 'vega-lite';
import { usableIps } from '../../net/azure-subnet.ts';
import { parseCidr } from '../../net/cidr.ts';
import type { CellValue } from '../csv-format.ts';
import type { ModelAddressPlan } from '../conclusion.ts';
import { groupedCount, humanDuration } from '../human-format.ts';
import type { ChartDef } from './chart-plan.ts';
import { escapeHtml, figureHtml, pageHtml, type RenderedChart } from './html-page.ts';
import { renderSvg } from './render-svg.ts';
import { coincidenceNote, coincidingGroups, seriesEncoding } from './series-style.ts';

/** What `cnisim run --report` draws: the run's CSVs as rows, and the sentence and table it printed. */
export interface RunReportInput {
  readonly scenario: string;
  readonly durationS: number;
  readonly seed: number;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly CellValue[]>;
  readonly timeseriesColumns: readonly string[];
  readonly timeseries: ReadonlyArray<readonly CellValue[]>;
  readonly episodeColumns: readonly string[];
  readonly episodes: ReadonlyArray<readonly CellValue[]>;
  readonly sentence: string;
  readonly table: { readonly header: readonly string[]; readonly body: ReadonlyArray<readonly string[]>; readonly numeric: readonly boolean[] };
  readonly planOf: (cni: string) => ModelAddressPlan;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 720;
const HEIGHT = 320;
/** The variant columns of the time series: after `cni`, before the first metric. */
const variantColumns = (columns: readonly string[], firstMetric: string) => columns.slice(columns.indexOf('cni') + 1, columns.indexOf(firstMetric));

interface Point {
  readonly t_h: number;
  readonly y: number;
  readonly model: string;
}

/** A capacity line: the usable addresses of a range the models draw from. */
interface Capacity {
  readonly y: number;
  readonly label: string;
}

/** Usable addresses of the node subnets, and of node plus pod subnets when a Pod Subnet model ran. */
function capacities(rows: ReadonlyArray<readonly CellValue[]>, columns: readonly string[], planOf: (cni: string) => ModelAddressPlan): Capacity[] {
  const cnis = [...new Set(rows.map((r) => String(r[columns.indexOf('cni')] ?? '')))];
  const plan = planOf(cnis[0] ?? 'overlay');
  const usable = (cidrs: readonly string[]) =>
    cidrs.reduce((sum, text) => {
      const c = parseCidr(text);
      return sum + (c === undefined ? 0 : usableIps(c));
    }, 0);
  const nodeSubnets = [...new Set(plan.pools.map((p) => p.nodeSubnet))];
  const podSubnets = [...new Set(plan.pools.flatMap((p) => (p.podSubnet === undefined ? [] : [p.podSubnet])))];
  const node = usable(nodeSubnets);
  const out: Capacity[] = [{ y: node, label: `node subnet${nodeSubnets.length > 1 ? 's' : ''} ${nodeSubnets.join(', ')}: ${groupedCount(node)} usable` }];
  if (cnis.some((c) => c.startsWith('pod-subnet')) && podSubnets.length > 0) {
    const both = node + usable(podSubnets);
    out.push({ y: both, label: `node + pod subnet${podSubnets.length > 1 ? 's' : ''} (${podSubnets.join(', ')}): ${groupedCount(both)} usable` });
  }
  return out;
}

/** The VNet-addresses chart: every model, its subnet capacities, and a mark where each episode began. */
function addressChart(input: RunReportInput, facet: boolean): ChartDef {
  const tc = input.timeseriesColumns;
  const at = (name: string) => tc.indexOf(name);
  const variantCols = variantColumns(tc, 'nodes');
  const replicateAt = at('replicate');
  const modelOf = (r: readonly CellValue[], cols: readonly string[], cniAt: number) =>
    [r[cniAt], ...cols.map((c) => r[tc.indexOf(c)])].filter((v) => v !== null && v !== '').join(' / ');
  const series = input.timeseries.filter((r) => replicateAt < 0 || r[replicateAt] === 0);
  const points: Point[] = series.map((r) => ({ t_h: Number(r[at('t_s')]) / 3600, y: Number(r[at('vnet_ips_allocated')]), model: modelOf(r, variantCols, at('cni')) }));
  const domain = [...new Set(points.map((p) => p.model))];
  const groups = coincidingGroups(domain, points.map((p) => ({ series: p.model, key: String(p.t_h), y: p.y })));
  const enc = seriesEncoding('model', domain, groups);

  // Episode starts, drawn on the model's line at the last sample before them.
  const ec = input.episodeColumns;
  const e = (name: string) => ec.indexOf(name);
  const marks = input.episodes
    .filter((r) => r[e('replicate')] === 0)
    .map((r) => {
      const model = [String(r[e('cni')] ?? ''), ...String(r[e('variant')] ?? '').split('/')].filter((v) => v !== '').join(' / ');
      const t = Number(r[e('first_s')]) / 3600;
      const before = points.filter((p) => p.model === model && p.t_h <= t);
      return { t_h: t, y: before.length === 0 ? 0 : (before[before.length - 1] as Point).y, model, cause: String(r[e('cause')] ?? '') };
    });
  const caps = capacities(input.rows, input.columns, input.planOf);
  const x = { field: 't_h', type: 'quantitative', title: 'simulated time (h)' };
  const y = { field: 'y', type: 'quantitative', title: 'VNet addresses allocated' };
  // About 24 point shapes per line, staggered between models so that coinciding lines still show each model's shape.
  const samples = points.length / Math.max(1, domain.length);
  const step = Math.max(1, Math.floor(samples / 24));
  const sampleIndex = new Map<string, number>();
  const shaped = points.filter((p) => {
    const i = sampleIndex.get(p.model) ?? 0;
    sampleIndex.set(p.model, i + 1);
    return i % step === Math.floor((domain.indexOf(p.model) * step) / domain.length);
  });
  const layered = (pts: readonly Point[], mks: typeof marks, width: number, height: number, title?: string) => ({
    ...(title === undefined ? {} : { title }),
    width,
    height,
    layer: [
      { data: { values: pts }, mark: { type: 'line' }, encoding: { x, y, color: enc.color, strokeDash: enc.strokeDash } },
      { data: { values: shaped.filter((p) => pts.includes(p)) }, mark: { type: 'point', filled: false, size: 40 }, encoding: { x, y, color: enc.color, shape: enc.shape } },
      { data: { values: caps }, mark: { type: 'rule', strokeDash: [6, 4], color: '#444' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      {
        data: { values: caps },
        mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: '#444' },
        encoding: { y: { field: 'y', type: 'quantitative' }, x: { datum: 0, type: 'quantitative' }, text: { field: 'label' } },
      },
      ...(mks.length === 0
        ? []
        : [{ data: { values: mks }, mark: { type: 'point', shape: 'M-1,-1L1,1M-1,1L1,-1', size: 160, strokeWidth: 2.5 }, encoding: { x, y, color: enc.color } }]),
    ],
  });
  // Small multiples: one panel per model on a shared y axis, so no line can hide another.
  const spec = facet
    ? {
        $schema: SCHEMA,
        columns: 3,
        concat: domain.map((m) => layered(points.filter((p) => p.model === m), marks.filter((k) => k.model === m), 220, 150, m)),
        resolve: { scale: { y: 'shared', x: 'shared' } },
      }
    : { $schema: SCHEMA, ...layered(points, marks, WIDTH, HEIGHT) };
  const ran = domain.filter((m) => marks.some((k) => k.model === m));
  const never = domain.filter((m) => !ran.includes(m));
  const caption =
    `VNet addresses allocated to the cluster (node IPs, pod IPs and blocks held by nodes, internal load balancer frontends), ` +
    `sampled every time-series row${replicateAt < 0 ? '' : ', replicate 0'}. Dashed grey lines: usable addresses of the subnets ` +
    `(Azure reserves 5 per subnet). Crosses: the first refusal of each exhaustion episode (events CSV).` +
    (ran.length > 0 ? ` Ran out: ${ran.join(', ')}.` : '') +
    (never.length > 0 ? ` Never ran out in this run: ${never.join(', ')}.` : '') +
    coincidenceNote(groups);
  return {
    id: facet ? 'vnet-addresses-per-model' : 'vnet-addresses',
    title: facet ? 'VNet addresses over time, one panel per model' : 'VNet addresses over time',
    caption,
    spec: spec as unknown as TopLevelSpec,
  };
}

function tableHtml(t: RunReportInput['table']): string {
  const head = t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = t.body.map((r) => `<tr>${r.map((c, i) => `<td${t.numeric[i] === true ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<tr>${head}</tr>\n${body}\n</table>`;
}

/** The page `cnisim run --report FILE.html` writes: the conclusion, the summary table and the charts. */
export async function buildRunReport(input: RunReportInput): Promise<string> {
  const charts: RenderedChart[] = [];
  for (const chart of [addressChart(input, false), addressChart(input, true)]) charts.push({ chart, svg: await renderSvg(chart.spec) });
  const title = `cnisim run: ${input.scenario}`;
  return pageHtml(
    title,
    `<p>${escapeHtml(humanDuration(input.durationS))} simulated, seed ${input.seed}.</p>
<p class="conclusion">${escapeHtml(input.sentence)}</p>
${tableHtml(input.table)}
${charts.map(figureHtml).join('\n')}`,
  );
}
