import { spawnSync } from 'node:child_process';

/**
 * Opens a page in Debian's headless Chromium, with every network request sent to a dead proxy (so the page
 * must be self-contained), and returns the DOM after the page's load handlers ran.
 */
export function chromiumDom(htmlPath: string): string {
  const r = spawnSync(
    'chromium',
    ['--headless', '--no-sandbox', '--disable-gpu', '--proxy-server=127.0.0.1:9', '--virtual-time-budget=5000', '--dump-dom', `file://${htmlPath}`],
    { encoding: 'utf8', timeout: 90_000, maxBuffer: 256 * 1024 * 1024 },
  );
  if (r.error !== undefined) throw r.error;
  return r.stdout;
}

/** What the page's render check recorded for each chart (see src/output/report/html-page.ts). */
export interface SeenChart {
  readonly id: string;
  readonly rendered: string;
  /** Legend labels as drawn. */
  readonly legend: readonly string[];
  /** One entry per drawn line with a non-empty box: "stroke dasharray". */
  readonly lines: readonly string[];
}

export function seenCharts(dom: string): SeenChart[] {
  const unescape = (t: string) => t.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...dom.matchAll(/<figure class="chart" id="([^"]+)"([^>]*)>/g)].map((m) => {
    const attr = (name: string) => unescape(new RegExp(`${name}="([^"]*)"`).exec(m[2] ?? '')?.[1] ?? '');
    const split = (t: string) => (t === '' ? [] : t.split('|'));
    return { id: m[1] ?? '', rendered: attr('data-rendered'), legend: split(attr('data-legend')), lines: split(attr('data-lines')) };
  });
}
