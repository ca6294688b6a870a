import { planCharts } from './chart-plan.ts';
import { reportHtml, type RenderedChart } from './html-page.ts';
import { renderSvg } from './render-svg.ts';
import { distinct, readSweepCsv } from './sweep-table.ts';

export interface Report {
  readonly html: string;
  /** Each chart's SVG, named `<chart id>.svg`. */
  readonly svgs: ReadonlyArray<{ readonly name: string; readonly svg: string }>;
}

/** Builds the HTML report of a sweep CSV (text as read, `source` names it on the page). */
export async function buildReport(csvText: string, source: string): Promise<Report> {
  const table = readSweepCsv(csvText, source);
  const charts: RenderedChart[] = [];
  for (const chart of planCharts(table)) charts.push({ chart, svg: await renderSvg(chart.spec) });
  const scenarios = distinct(table, 'scenario');
  const html = reportHtml(
    `cnisim sweep report: ${scenarios.join(', ')}`,
    {
      source,
      cases: distinct(table, 'case').length,
      rows: table.rows.length,
      params: table.params.map((p) => ({ path: p, values: distinct(table, p) })),
      keys: table.keys.map((k) => ({ column: k, values: distinct(table, k) })).filter((k) => k.values.some((v) => v !== '')),
    },
    charts,
  );
  return { html, svgs: charts.map((c) => ({ name: `${c.chart.id}.svg`, svg: c.svg })) };
}
