import type { Command } from 'commander';
import { EVENT_COLUMNS, runScenarioReplicates } from '../scenario/run-replicates.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
import { toCsv, type CellValue } from '../output/csv-format.ts';
import { InputError, throwIfProblems } from '../error/input-error.ts';
import { dualStackProblems } from '../plan/dual-stack-checks.ts';
import { PcapCapture } from '../output/pcap.ts';
import { textTable } from '../output/text-table.ts';
import { EXIT_OK, runCommand } from './exit.ts';
import { applyPoolFlags, importFlags, loadScenarioInput } from './import.ts';
import { parseCniList, parseIntFlag } from './options.ts';
import { writeFileAtomic } from './write-file.ts';

interface RunFlags {
  cni?: string;
  nodes?: string;
  maxPods?: string;
  maxSurge?: string;
  nodeSubnet?: string;
  podSubnet?: string;
  vnet?: string;
  seed?: string;
  out?: string;
  timeseries?: string;
  events?: string;
  pcap?: string;
  pcapLimit?: string;
  quiet?: boolean;
}

/** Frames captured by default with --pcap: enough to inspect, small enough to open at once in Wireshark. */
const DEFAULT_PCAP_LIMIT = 1000;

/** Columns of the side-by-side table printed after a run (all summary columns are in the CSV). */
const IP_TABLE_COLUMNS = [
  'nodes_peak',
  'pods_peak',
  'vnet_ips_allocated_peak',
  'vnet_ips_used_peak',
  'pod_cidr_blocks_peak',
  'ip_efficiency',
  'first_exhaustion_s',
  'exhaustion_cause',
  'pods_failed_ip',
  'nodes_failed_join',
];
/** With SNAT or datapath results to show, the IP part shrinks to its headline. */
const IP_TABLE_COLUMNS_SHORT = ['nodes_peak', 'pods_peak', 'vnet_ips_allocated_peak', 'exhaustion_cause'];
/** Headline columns of each model that adds columns, shown when its marker column has values. */
const EXTENSION_TABLE_COLUMNS: ReadonlyArray<{ readonly marker: string; readonly columns: readonly string[] }> = [
  {
    marker: 'outbound_type',
    columns: ['snat_failures', 'snat_failure_ratio', 'snat_first_failure_s', 'snat_ports_in_use_node_peak', 'snat_ports_hold_down_peak'],
  },
  { marker: 'dp_encap', columns: ['dp_overhead_pct', 'dp_goodput_efficiency', 'dp_fragments', 'dp_drops_frag_needed_packets'] },
];

function tableColumns(columns: readonly string[], rows: ReadonlyArray<readonly CellValue[]>): string[] {
  const used = (name: string) => rows.some((r) => (r[columns.indexOf(name)] ?? '') !== '');
  const ext = EXTENSION_TABLE_COLUMNS.filter((e) => columns.includes(e.marker) && used(e.marker)).flatMap((e) => e.columns);
  return [...(ext.length === 0 ? IP_TABLE_COLUMNS : IP_TABLE_COLUMNS_SHORT), ...ext].filter((c) => columns.includes(c));
}

/**
 * Writes the captures that hold frames: to FILE when only one does, otherwise to FILE's stem + `.<cni>.<variant>`
 * + `.pcap`, one per variant. Returns the descriptions of the files written.
 */
function writeCaptures(file: string, captures: ReadonlyMap<string, PcapCapture>): string[] {
  const withFrames = [...captures].filter(([, c]) => c.frameCount > 0);
  if (withFrames.length === 0) {
    throw new InputError([
      { code: 'no-frames', path: '--pcap', value: file, allowed: 'a scenario with a datapath section, whose traffic crosses the underlay' },
    ]);
  }
  const stem = file.replace(/\.pcap$/, '');
  return withFrames.map(([key, c]) => {
    const path = withFrames.length === 1 ? file : `${stem}.${key}.pcap`;
    writeFileAtomic(path, c.bytes());
    return `${path} (${c.frameCount} frames)`;
  });
}

async function run(paths: string[], flags: RunFlags): Promise<number> {
  const path = paths.join(', ');
  const loaded = applyPoolFlags(loadScenarioInput(paths, importFlags(flags)), flags);
  const scenario: Scenario = {
    ...loaded,
    ...(flags.cni === undefined ? {} : { cni: parseCniList('--cni', flags.cni) }),
    ...(flags.seed === undefined ? {} : { seed: parseIntFlag('--seed', flags.seed, 0, 2 ** 31 - 1) }),
  };
  // The file was checked for its own models; models chosen by --cni must also run dual-stack if it is.
  if (flags.cni !== undefined) throwIfProblems(dualStackProblems(scenario, scenario.cni).map((p) => ({ ...p, path: p.path.replace(/^cni\[\d+\]$/, '--cni') })));
  const out = flags.out ?? `results/${scenario.name}.summary.csv`;
  const tsOut = flags.timeseries ?? `results/${scenario.name}.timeseries.csv`;
  const eventsOut = flags.events ?? `results/${scenario.name}.events.csv`;

  if (flags.pcapLimit !== undefined && flags.pcap === undefined) {
    throw new InputError([{ code: 'bad-flag', path: '--pcap-limit', value: flags.pcapLimit, allowed: 'only together with --pcap FILE' }]);
  }
  if (flags.pcap !== undefined && scenario.datapath === undefined) {
    throw new InputError([
      { code: 'no-datapath', path: '--pcap', value: flags.pcap, allowed: `a scenario with a datapath section (${path} has none; see scenarios/mtu-overhead.yaml)` },
    ]);
  }
  // One capture per (model, variant), first replicate only, so each pcap shows one dataplane.
  const limit = flags.pcapLimit === undefined ? DEFAULT_PCAP_LIMIT : parseIntFlag('--pcap-limit', flags.pcapLimit, 1, 10_000_000);
  const captures = new Map<string, PcapCapture>();
  const frameSinkFor = (cni: string, variant: string) => {
    const key = variant === '' ? cni : `${cni}.${variant.replace(/\//g, '.')}`;
    if (captures.has(key)) return undefined; // a later replicate of the same variant
    const c = new PcapCapture(limit);
    captures.set(key, c);
    return c;
  };
  const { columns, rows, timeseriesColumns, timeseries, events } = await runScenarioReplicates(
    scenario,
    flags.pcap === undefined ? {} : { frameSinkFor },
  );
  // Each file is complete when it appears: written whole, then renamed into place.
  writeFileAtomic(out, toCsv(columns, rows));
  writeFileAtomic(tsOut, toCsv(timeseriesColumns, timeseries));
  writeFileAtomic(eventsOut, toCsv(EVENT_COLUMNS, events));
  const pcapFiles = flags.pcap === undefined ? [] : writeCaptures(flags.pcap, captures);

  if (flags.quiet !== true) {
    const keyEnd = columns.indexOf('seed');
    // Variant columns of models the scenario does not use are empty: leave them out of the table.
    const keys = columns
      .slice(1, keyEnd)
      .filter((c, i) => i === 0 || rows.some((row) => (row[i + 1] ?? '') !== ''))
      .concat(scenario.replicates > 1 ? ['replicate'] : []);
    const shown = [...keys, ...tableColumns(columns, rows)];
    const idx = shown.map((c) => columns.indexOf(c));
    process.stdout.write(`${scenario.name}: ${scenario.durationS} s simulated, seed ${scenario.seed}\n\n`);
    process.stdout.write(textTable(shown, rows.map((row) => idx.map((i) => row[i] ?? null))));
    const pcapNote = pcapFiles.length === 0 ? '' : `, ${pcapFiles.join(', ')}`;
    process.stdout.write(`\nwrote ${out}, ${tsOut}, ${eventsOut}${pcapNote}\n`);
  }
  return EXIT_OK;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Simulate a scenario over time under each networking model it lists, and write CSV results.')
    .argument('<scenario...>', 'scenario file (YAML or JSON), or the az, Terraform and kubectl JSON files `cnisim import` reads')
    .option('--cni <list>', 'networking models to compare, comma-separated, or all (overrides the scenario)')
    .option('--nodes <n>', 'node count of the (single) pool, a fixed pool (overrides the scenario)')
    .option('--max-pods <p>', 'maxPods of every pool, 10..250 (overrides the scenario)')
    .option('--max-surge <n|p%>', 'upgrade max surge of every pool (overrides the scenario)')
    .option('--node-subnet <cidr>', 'with import files: the node subnet range when no file gives it')
    .option('--pod-subnet <cidr>', 'with import files: the pod subnet range when no file gives it')
    .option('--vnet <cidr>', 'with import files: the VNet address space when no file gives it')
    .option('--seed <n>', 'random seed (overrides the scenario); the same seed gives the same bytes')
    .option('--out <file.csv>', 'summary CSV, one row per model and variant (default results/<name>.summary.csv)')
    .option('--timeseries <file.csv>', 'time-series CSV (default results/<name>.timeseries.csv)')
    .option('--events <file.csv>', 'every exhaustion with its time and cause (default results/<name>.events.csv)')
    .option('--pcap <file.pcap>', 'write the first frames crossing the underlay as classic pcap, one file per datapath variant (FILE.<cni>.<variant>.pcap) when there are several')
    .option('--pcap-limit <n>', `frames to capture with --pcap (default ${DEFAULT_PCAP_LIMIT})`)
    .option('--quiet', 'do not print the table')
    .addHelpText(
      'after',
      `
Examples:
  cnisim run scenarios/overlay-vs-flat.yaml
  cnisim run scenarios/overlay-vs-flat.yaml --cni overlay,node-subnet --seed 7 --out /tmp/summary.csv
  cnisim run cluster.json subnet.json --cni overlay,node-subnet --max-surge 33%
  cnisim run scenarios/mtu-overhead.yaml --pcap /tmp/underlay.pcap --pcap-limit 50 && tcpdump -nn -r /tmp/underlay.pcap

Every model sees the same workload (common random numbers). Exit codes: 0 done, 2 bad input.`,
    )
    .action((scenario: string[], flags: RunFlags) => runCommand(() => run(scenario, flags)));
}
