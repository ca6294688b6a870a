import type { ChartDef } from './chart-plan.ts';

export interface RenderedChart {
  readonly chart: ChartDef;
  readonly svg: string;
}

export interface ReportSummary {
  readonly source: string;
  readonly cases: number;
  readonly rows: number;
  /** Swept parameters with their distinct values. */
  readonly params: ReadonlyArray<{ readonly path: string; readonly values: readonly string[] }>;
  readonly keys: ReadonlyArray<{ readonly column: string; readonly values: readonly string[] }>;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * After layout, marks each chart `data-rendered="yes"` when its SVG has a non-empty box and visible marks, and
 * records what a reader can see: `data-legend`, the legend's labels joined by '|', and `data-lines`, one entry per
 * drawn line with a non-empty box (stroke colour and dash pattern). The headless-browser tests read these from
 * the DOM. It needs nothing from the network.
 */
const RENDER_CHECK = `
window.addEventListener('load', function () {
  var figures = document.querySelectorAll('figure.chart');
  var ok = 0;
  figures.forEach(function (f) {
    var svg = f.querySelector('svg');
    var box = svg ? svg.getBBox() : null;
    var marks = svg ? svg.querySelectorAll('path, rect, line, circle, text').length : 0;
    var rendered = box !== null && box.width > 0 && box.height > 0 && marks > 0;
    f.setAttribute('data-rendered', rendered ? 'yes' : 'no');
    if (rendered) ok++;
    var labels = [];
    f.querySelectorAll('.role-legend-label text').forEach(function (t) { labels.push(t.textContent); });
    f.setAttribute('data-legend', labels.join('|'));
    var lines = [];
    f.querySelectorAll('.mark-line path').forEach(function (p) {
      var b = p.getBBox();
      if (b.width > 0 || b.height > 0) lines.push((p.getAttribute('stroke') || '') + ' ' + (p.getAttribute('stroke-dasharray') || 'solid'));
    });
    f.setAttribute('data-lines', lines.join('|'));
  });
  document.body.setAttribute('data-charts-rendered', String(ok) + '/' + String(figures.length));
});`;

/** A chart as a figure: its title, the inline SVG and the caption. */
export function figureHtml(c: RenderedChart): string {
  return `<figure class="chart" id="${escapeHtml(c.chart.id)}">
<h2>${escapeHtml(c.chart.title)}</h2>
${c.svg}
<figcaption>${escapeHtml(c.chart.caption)}</figcaption>
</figure>`;
}

/** A self-contained page: inline SVG charts and CSS, no external file, font or script. */
export function pageHtml(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1400px; }
table { border-collapse: collapse; margin-bottom: 1.5em; }
td, th { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
td.num { text-align: right; }
figure.chart { margin: 0 0 2.5em 0; }
figure.chart h2 { font-size: 1.1em; margin-bottom: 0.3em; }
figcaption { color: #555; max-width: 60em; margin-top: 0.3em; }
p.conclusion { font-size: 1.15em; font-weight: 600; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
<script>${RENDER_CHECK}</script>
</body>
</html>
`;
}

/** The sweep report: what was swept, then every chart. */
export function reportHtml(title: string, summary: ReportSummary, charts: readonly RenderedChart[]): string {
  const paramRows = summary.params.map((p) => `<tr><td><code>${escapeHtml(p.path)}</code></td><td>${escapeHtml(p.values.join(', '))}</td></tr>`).join('\n');
  const keyRows = summary.keys.map((k) => `<tr><td><code>${escapeHtml(k.column)}</code></td><td>${escapeHtml(k.values.join(', '))}</td></tr>`).join('\n');
  const figures = charts.map(figureHtml).join('\n');
  return pageHtml(
    title,
    `<p>${summary.cases} cases, ${summary.rows} rows, from <code>${escapeHtml(summary.source)}</code>. ${charts.length} chart(s).</p>
<table>
<tr><th>swept parameter</th><th>values</th></tr>
${paramRows}
${keyRows}
</table>
${charts.length === 0 ? '<p>No chart suits this sweep: no swept numeric parameter with two or more values changes a headline metric.</p>' : figures}`,
  );
}
