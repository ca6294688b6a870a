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

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * After layout, marks each chart `data-rendered="yes"` when its SVG has a non-empty box and visible marks: the
 * headless-browser test reads these marks from the DOM. It needs nothing from the network.
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
  });
  document.body.setAttribute('data-charts-rendered', String(ok) + '/' + String(figures.length));
});`;

/** A self-contained page: inline SVG charts and CSS, no external file, font or script. */
export function reportHtml(title: string, summary: ReportSummary, charts: readonly RenderedChart[]): string {
  const paramRows = summary.params.map((p) => `<tr><td><code>${escapeHtml(p.path)}</code></td><td>${escapeHtml(p.values.join(', '))}</td></tr>`).join('\n');
  const keyRows = summary.keys.map((k) => `<tr><td><code>${escapeHtml(k.column)}</code></td><td>${escapeHtml(k.values.join(', '))}</td></tr>`).join('\n');
  const figures = charts
    .map(
      (c) => `<figure class="chart" id="${escapeHtml(c.chart.id)}">
<h2>${escapeHtml(c.chart.title)}</h2>
${c.svg}
<figcaption>${escapeHtml(c.chart.caption)}</figcaption>
</figure>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1400px; }
table { border-collapse: collapse; margin-bottom: 1.5em; }
td, th { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
figure.chart { margin: 0 0 2.5em 0; }
figure.chart h2 { font-size: 1.1em; margin-bottom: 0.3em; }
figcaption { color: #555; max-width: 60em; margin-top: 0.3em; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${summary.cases} cases, ${summary.rows} rows, from <code>${escapeHtml(summary.source)}</code>. ${charts.length} chart(s).</p>
<table>
<tr><th>swept parameter</th><th>values</th></tr>
${paramRows}
${keyRows}
</table>
${charts.length === 0 ? '<p>No chart suits this sweep: no swept numeric parameter with two or more values changes a headline metric.</p>' : figures}
<script>${RENDER_CHECK}</script>
</body>
</html>
`;
}
