import type { Command } from 'commander';
import { loadScenarioFile } from '../scenario/load.ts';
import { runEvents } from '../scenario/work-budget.ts';
import { estimateWork } from '../scenario/work-estimate.ts';
import { progressReporter } from '../sweep/progress.ts';
import { EVENT_COLUMNS, runScenarioReplicates } from '../scenario/run-replicates.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
import { toCsv, type CellValue } from '../output/csv-format.ts';
import { InputError, throwIfProblems } from '../error/input-error.ts';
import { runBudgetProblems } from '../scenario/work-budget.ts';
import { PcapCapture } from '../output/pcap.ts';
import { textTable } from '../output/text-table.ts';
import { EXIT_OK, runCommand } from './exit.ts';
import { MAX_EVENTS_HELP, MAX_SAMPLES_HELP, parseBudgetFlags, parseCniList, parseIntFlag, type BudgetFlags } from './options.ts';
import { checkOutputPaths } from './output-path.ts';
import { DEFAULT_OUT_DIR, captureKey, captureKeys, pcapPaths, runOutputPaths, type RunOutputFlags } from './run-outputs.ts';
import { writeFileAtomic } from './write-file.ts';

interface RunFlags extends BudgetFlags, RunOutputFlags {
  cni?: string;
  seed?: string;
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

/** Events above which `run` shows progress on a terminal: a few seconds of work. */
const PROGRESS_MIN_EVENTS = 5e6;

/**
 * Writes every capture to its predictable name (see pcapPaths), also those that caught no frame, and returns
 * the descriptions of the files written. A run whose captures are all empty is refused: nothing crossed the
 * underlay.
 */
function writeCaptures(file: string, paths: ReadonlyMap<string, string>, captures: ReadonlyMap<string, PcapCapture>): string[] {
  if (![...captures.values()].some((c) => c.frameCount > 0)) {
    throw new InputError([
      { code: 'no-frames', path: '--pcap', value: file, allowed: 'a scenario with a datapath section, whose traffic crosses the underlay' },
    ]);
  }
  return [...paths].map(([key, path]) => {
    const c = captures.get(key);
    writeFileAtomic(path, c === undefined ? new PcapCapture(1).bytes() : c.bytes());
    return `${path} (${c?.frameCount ?? 0} frames)`;
  });
}

async function run(path: string, flags: RunFlags): Promise<number> {
  const budget = parseBudgetFlags(flags);
  const loaded = loadScenarioFile(path);
  const scenario: Scenario = {
    ...loaded,
    ...(flags.cni === undefined ? {} : { cni: parseCniList('--cni', flags.cni) }),
    ...(flags.seed === undefined ? {} : { seed: parseIntFlag('--seed', flags.seed, 0, 2 ** 31 - 1) }),
  };
  // The work is estimated after the flags that change it (--cni), before anything runs (docs/limits.md).
  const estimate = estimateWork(scenario);
  const withFlags = flags.cni === undefined ? '' : ` (with --cni ${flags.cni})`;
  throwIfProblems(runBudgetProblems(estimate, budget, (field) => ({ path: `${path}: ${field}${withFlags}` })));
  const { summary: out, timeseries: tsOut, events: eventsOut } = runOutputPaths(scenario.name, flags);

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
  const pcapFileOf = flags.pcap === undefined ? new Map<string, string>() : pcapPaths(flags.pcap, captureKeys(scenario));
  // Every output is checked before the simulation starts: a bad path costs nothing and leaves nothing.
  checkOutputPaths([
    { flag: flags.out === undefined ? (flags.outDir === undefined ? `(default ${DEFAULT_OUT_DIR}/)` : '--out-dir') : '--out', path: out },
    { flag: flags.timeseries === undefined ? '(time series)' : '--timeseries', path: tsOut },
    { flag: flags.events === undefined ? '(events)' : '--events', path: eventsOut },
    ...[...pcapFileOf.values()].map((p) => ({ flag: '--pcap', path: p })),
  ]);
  const captures = new Map<string, PcapCapture>();
  const frameSinkFor = (cniName: string, variant: string) => {
    const key = captureKey(cniName, variant);
    if (captures.has(key)) return undefined; // a later replicate of the same variant
    const c = new PcapCapture(limit);
    captures.set(key, c);
    return c;
  };
  const runs = estimate.runsPerReplicate * scenario.replicates;
  const showProgress = flags.quiet !== true && process.stderr.isTTY === true && runEvents(estimate) >= PROGRESS_MIN_EVENTS;
  const progress = progressReporter(process.stderr, !showProgress, { label: 'run', unit: 'per mille', barFormat: 'run [{bar}] {percentage}% of the simulated time of every model run | {eta_formatted} left' });
  let finished = 0;
  const onProgress = (doneNs: number, durationNs: number) => {
    if (doneNs >= durationNs) finished++;
    progress.update(Math.round(1000 * Math.min(1, (finished + (doneNs < durationNs ? doneNs / durationNs : 0)) / runs)), 1000);
  };
  const { columns, rows, timeseriesColumns, timeseries, events } = await runScenarioReplicates(scenario, {
    ...(flags.pcap === undefined ? {} : { frameSinkFor }),
    ...(showProgress ? { onProgress } : {}),
  });
  progress.stop();
  // Each file is complete when it appears: written whole, then renamed into place.
  writeFileAtomic(out, toCsv(columns, rows));
  writeFileAtomic(tsOut, toCsv(timeseriesColumns, timeseries));
  writeFileAtomic(eventsOut, toCsv(EVENT_COLUMNS, events));
  const pcapFiles = flags.pcap === undefined ? [] : writeCaptures(flags.pcap, pcapFileOf, captures);
  // The capture files are named from --pcap by a rule; they are listed even with --quiet, so a script finds them.
  for (const f of pcapFiles) process.stderr.write(`wrote ${f}\n`);

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
    process.stdout.write(`\nwrote ${out}, ${tsOut}, ${eventsOut}\n`);
  }
  return EXIT_OK;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Simulate a scenario over time under each networking model it lists, and write CSV results.')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--cni <list>', 'networking models to compare, comma-separated, or all (overrides the scenario)')
    .option('--seed <n>', 'random seed (overrides the scenario); the same seed gives the same bytes')
    .option('--out-dir <dir>', 'directory for all three CSVs, as <name>.summary.csv, <name>.timeseries.csv, <name>.events.csv (default results/)')
    .option('--out <file.csv>', 'summary CSV, one row per model and variant; without --out-dir the other two go next to it (X.csv → X.timeseries.csv, X.events.csv)')
    .option('--timeseries <file.csv>', 'time-series CSV (overrides where --out-dir or --out would put it)')
    .option('--events <file.csv>', 'every exhaustion with its time and cause (overrides where --out-dir or --out would put it)')
    .option('--pcap <file.pcap>', 'write the first frames crossing the underlay as classic pcap: to FILE when the run has one model and one variant, otherwise to FILE without .pcap + .<cni>.<variant>.pcap, one per variant (listed on stderr, even with --quiet)')
    .option('--pcap-limit <n>', `frames to capture with --pcap, per file (default ${DEFAULT_PCAP_LIMIT})`)
    .option('--max-events <n>', MAX_EVENTS_HELP)
    .option('--max-samples <n>', MAX_SAMPLES_HELP)
    .option('--quiet', 'do not print the table or progress')
    .addHelpText(
      'after',
      `
Examples:
  cnisim run scenarios/overlay-vs-flat.yaml
  cnisim run scenarios/overlay-vs-flat.yaml --cni overlay,node-subnet --seed 7 --out /tmp/summary.csv
  cnisim run scenarios/mtu-overhead.yaml --out-dir /tmp/mtu --pcap /tmp/underlay.pcap --pcap-limit 50 --quiet && tcpdump -nn -r /tmp/underlay.overlay.vxlan-1500.pcap

Where the files go:
  no flags            results/<name>.summary.csv, results/<name>.timeseries.csv, results/<name>.events.csv
  --out-dir DIR       DIR/<name>.summary.csv, DIR/<name>.timeseries.csv, DIR/<name>.events.csv
  --out X.csv         X.csv, X.timeseries.csv, X.events.csv (X.summary.csv gives X.timeseries.csv, X.events.csv)
  --timeseries/--events FILE   that file, whatever the others say
Every output path is checked before the simulation starts; a run over the work budget is refused (docs/limits.md).

Every model sees the same workload (common random numbers). Exit codes: 0 done, 2 bad input.`,
    )
    .action((scenario: string, flags: RunFlags) => runCommand(() => run(scenario, flags)));
}
