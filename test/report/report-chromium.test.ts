import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planCharts } from '../../src/output/report/chart-plan.ts';
import { distinct, readSweepCsv } from '../../src/output/report/sweep-table.ts';
import { cnisim as runCli } from '../cli/cli-harness.ts';
import { chromiumDom, seenCharts } from './chromium.ts';

// Fixtures are sweep CSVs written by `cnisim sweep` from scenarios/sweeps/ip-exhaustion.yaml and
// scenarios/sweeps/snat.yaml: input data for the report, not golden outputs.
const IP_CSV = 'test/report/fixtures/ip-exhaustion.csv';
const SNAT_CSV = 'test/report/fixtures/snat-sweep.csv';
const dir = mkdtempSync(join(tmpdir(), 'cnisim-report-'));

function cnisim(args: readonly string[]) {
  const r = runCli(args);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** `cnisim report CSV` rendered once per file and shared by the tests that read it (Chromium takes seconds). */
const rendered = new Map<string, { html: string; svgDir: string; status: number | null; dom: string }>();
function renderReport(csv: string) {
  let r = rendered.get(csv);
  if (r === undefined) {
    const name = csv.replace(/^.*\//, '').replace('.csv', '');
    const html = join(dir, `${name}.html`);
    const svgDir = join(dir, `${name}-svg`);
    const status = cnisim(['report', csv, '--out', html, '--svg', svgDir]).status;
    r = { html, svgDir, status, dom: status === 0 ? chromiumDom(html) : '' };
    rendered.set(csv, r);
  }
  return r;
}

/** The model/variant label of a sweep row, as the report names it (the variant columns that vary, joined). */
function modelsOf(csv: string): string[] {
  const table = readSweepCsv(readFileSync(csv, 'utf8'), csv);
  const varying = table.keys.filter((k) => distinct(table, k).length > 1);
  return [...new Set(table.rows.map((r) => varying.map((k) => r[k] ?? '').join(' / ')))];
}

describe('chart choice', () => {
  it('charts IP metrics against node count, panels per subnet and maxPods, with the subnet capacity line', () => {
    const table = readSweepCsv(readFileSync(IP_CSV, 'utf8'), IP_CSV);
    expect(table.params).toEqual(['cluster.pools[0].count', 'cluster.pools[0].maxPods', 'network.nodeSubnet']);
    expect(table.keys).toEqual(['cni', 'outbound', 'datapath']);
    const charts = planCharts(table);
    expect(charts.map((c) => c.id)).toEqual([
      'vnet_ips_used_peak-vs-cluster-pools-0-count',
      'vnet_ips_allocated_peak-vs-cluster-pools-0-count',
      'pods_failed_ip-vs-cluster-pools-0-count',
      'nodes_failed_join-vs-cluster-pools-0-count',
      'ip_efficiency-vs-cluster-pools-0-count',
      'exhaustion-vs-cluster-pools-0-count',
    ]);
    const used = charts[0]?.spec as unknown as { data: { values: Array<{ facet: string; capacity: number | null }> }; facet: { column: { sort: string[] }; row: { sort: string[] } } };
    // Usable IPs of each node subnet: 2^(32 − prefix) − 5 reserved by Azure.
    const capacity = Object.fromEntries(used.data.values.map((v) => [v.facet, v.capacity]));
    expect(capacity).toEqual({ '10.224.0.0/21': 2043, '10.224.0.0/22': 1019, '10.224.0.0/23': 507, '10.224.0.0/24': 251 });
    expect(used.facet.row.sort).toEqual(['30', '60', '110']);
  });

  it('charts the SNAT failure ratio against the connection rate, one line per outbound design', () => {
    const table = readSweepCsv(readFileSync(SNAT_CSV, 'utf8'), SNAT_CSV);
    const snat = planCharts(table).find((c) => c.id.startsWith('snat_failure_ratio'));
    expect(snat?.id).toBe('snat_failure_ratio-vs-traffic-workloads-0-ratePerPodPerS');
    const values = (snat?.spec as unknown as { data: { values: Array<{ variant: string }> } }).data.values;
    expect([...new Set(values.map((v) => v.variant))]).toEqual(['lb-default', 'lb-manual-1536x2', 'natgw-2ip']);
  });
});

describe('cnisim report', () => {
  for (const csv of [IP_CSV, SNAT_CSV]) {
    it(`renders every chart of ${csv} in headless Chromium, offline, and writes them as SVG files`, () => {
      const { html, svgDir, status, dom } = renderReport(csv);
      expect(status).toBe(0);
      const page = readFileSync(html, 'utf8');
      // Self-contained: nothing to fetch (the only URLs are XML namespaces of the inline SVGs).
      expect(page).not.toMatch(/<link|<img|<script src|@import|url\(/);
      const charts = [...page.matchAll(/<figure class="chart" id="([^"]+)">/g)].map((m) => m[1]);
      expect(charts.length).toBeGreaterThanOrEqual(4);
      expect(dom).toContain(`data-charts-rendered="${charts.length}/${charts.length}"`);
      expect(dom.match(/data-rendered="yes"/g)).toHaveLength(charts.length);
      expect(readdirSync(svgDir).sort()).toEqual(charts.map((c) => `${c}.svg`).sort());
      for (const c of charts) expect(page).toContain(readFileSync(join(svgDir, `${c}.svg`), 'utf8'));
      // Every model of the CSV is named in the legend of every chart, whether or not its line coincides.
      const models = modelsOf(csv);
      for (const seen of seenCharts(dom)) {
        const legend = seen.legend.map((l) => l.split(' = ')[0]);
        expect(legend, seen.id).toEqual(models);
      }
    });
  }

  it('keeps coinciding models visible: overlay and kubenet draw distinct lines and the legend says they coincide', () => {
    // In the IP sweep, overlay and kubenet take the same VNet addresses in every case.
    const { status, dom } = renderReport(IP_CSV);
    expect(status).toBe(0);
    const seen = seenCharts(dom).find((c) => c.id.startsWith('vnet_ips_used_peak'));
    expect(seen?.legend).toContain('overlay = kubenet');
    expect(seen?.legend).toContain('kubenet = overlay');
    // Five models, five (colour, dash) styles, each drawn with a visible box in some panel.
    const styles = new Set(seen?.lines);
    expect(styles.size).toBe(5);
    expect(new Set([...styles].map((s) => s.split(' ')[1])).size).toBe(5);
  });

  it('says "never ran out" of exactly the models with no exhaustion in the panel, per the CSV', () => {
    const table = readSweepCsv(readFileSync(IP_CSV, 'utf8'), IP_CSV);
    const chart = planCharts(table).find((c) => c.id.startsWith('exhaustion-vs'));
    const panels = chart?.neverRanOut ?? [];
    expect(panels.map((p) => p.panel)).toEqual(distinct(table, 'network.nodeSubnet'));
    for (const { panel, models } of panels) {
      const rows = table.rows.filter((r) => r['network.nodeSubnet'] === panel);
      const ranOut = new Set(rows.filter((r) => r['first_exhaustion_s'] !== '').map((r) => r['cni']));
      const all = [...new Set(rows.map((r) => r['cni']))];
      expect(models).toEqual(all.filter((m) => !ranOut.has(m)));
      for (const m of models) expect(chart?.caption).toContain(m as string);
    }
    // Known answer: only overlay and kubenet never run out in this grid; the caption names no other model as such.
    expect(panels.every((p) => p.models.join(',') === 'overlay,kubenet')).toBe(true);
    expect(chart?.caption).toMatch(/Never ran out in any swept case \(every network\.nodeSubnet\): overlay, kubenet\./);
  });

  it('marks a chart whose SVG is empty as not rendered (the check can fail)', () => {
    const html = join(dir, 'broken.html');
    expect(cnisim(['report', SNAT_CSV, '--out', html]).status).toBe(0);
    const page = readFileSync(html, 'utf8').replace(/<svg[\s\S]*?<\/svg>/, '<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>');
    writeFileSync(html, page);
    const dom = chromiumDom(html);
    expect(dom.match(/data-rendered="no"/g)).toHaveLength(1);
  });

  it('refuses a CSV that is not a sweep with exit code 2', () => {
    const path = join(dir, 'plain.csv');
    writeFileSync(path, 'scenario,cni,seed\nx,overlay,1\n');
    const r = cnisim(['report', path, '--out', join(dir, 'x.html')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: ${path}: header "scenario,cni,seed" is not allowed; expected a CSV written by cnisim sweep or cnisim merge (case, case_count, parameters, scenario, ..., seed, replicate, metrics)\n`);
  });
});
