import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { ATTEMPT_COLUMNS, EVENT_COLUMNS, runScenarioReplicates } from '../scenario/run-replicates.ts';
import { summaryColumns } from '../scenario/run.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
import type { CniName } from '../model/ipam/cni.ts';
import { poolAddressing } from '../checks/pool-subnets.ts';
import { toCsv } from '../output/csv-format.ts';
import { conclusion, type ModelAddressPlan } from '../output/conclusion.ts';
import { humanDuration } from '../output/human-format.ts';
import { InputError, throwIfProblems } from '../error/input-error.ts';
import { dualStackProblems } from '../checks/dual-stack-checks.ts';
import { warningLines } from '../checks/scenario-warnings.ts';
import { PcapCapture } from '../output/pcap.ts';
import { runTable } from '../output/run-table.ts';
import { terminalStyle, terminalWidth } from '../output/terminal-style.ts';
import { EXIT_OK, runCommand } from './exit.ts';
import { applyPoolFlags, importFlags, loadScenarioInput } from './import.ts';
import { runBudgetProblems, runEvents } from '../scenario/work-budget.ts';
import { estimateWork } from '../scenario/work-estimate.ts';
import { progressReporter } from '../sweep/progress.ts';
import { MAX_EVENTS_HELP, MAX_SAMPLES_HELP, parseBudgetFlags, parseCniList, parseIntFlag, type BudgetFlags } from './options.ts';
import { checkOutputPaths } from './output-path.ts';
import { DEFAULT_OUT_DIR, captureKey, captureKeys, pcapPaths, runOutputPaths, type RunOutputFlags } from './run-outputs.ts';
import { writeFileAtomic } from './write-file.ts';

interface RunFlags extends BudgetFlags, RunOutputFlags {
  cni?: string;
  nodes?: string;
  maxPods?: string;
  maxSurge?: string;
  nodeSubnet?: string;
  podSubnet?: string;
  vnet?: string;
  seed?: string;
  attempts?: string;
  report?: string;
  pcap?: string;
  pcapLimit?: string;
  wide?: boolean;
  quiet?: boolean;
  workers?: string;
}

/** Frames captured by default with --pcap: enough to inspect, small enough to open at once in Wireshark. */
const DEFAULT_PCAP_LIMIT = 1000;

/** Events above which `run` shows progress on a terminal: a few seconds of work. */
const PROGRESS_MIN_EVENTS = 5e6;

/**
 * Events above which `run` uses worker threads unless --workers says otherwise: a few seconds of work. Below,
 * starting the threads (about 0.3 s) costs more than running the models side by side saves.
 */
const WORKERS_MIN_EVENTS = 5e6;

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

/** The compiled kernel, sent once to every worker; without it (no build/) each worker reports the missing file itself. */
async function kernelFor(): Promise<{ kernelModule?: WebAssembly.Module }> {
  const kernelModule = await (await import('../sweep/sweep-kernel.ts')).loadSweepKernel();
  return kernelModule === undefined ? {} : { kernelModule };
}

/** Each model's subnets and maxPods, as the conclusion and the report need them. */
export function addressPlanOf(scenario: Scenario): (cni: string) => ModelAddressPlan {
  const n = scenario.network;
  return (cni) => ({
    podCidr: n.podCidr,
    pools: poolAddressing(scenario, cni as CniName).map((a, i) => ({
      name: scenario.cluster.pools[i]?.name ?? '',
      nodeSubnet: a.nodeSubnet ?? '',
      podSubnet: a.podSubnet ?? undefined,
      maxPods: a.maxPods,
    })),
  });
}

async function run(paths: string[], flags: RunFlags): Promise<number> {
  const path = paths.join(', ');
  const budget = parseBudgetFlags(flags);
  const workersFlag = flags.workers === undefined ? undefined : parseIntFlag('--workers', flags.workers, 1, 1024);
  const loaded = applyPoolFlags(loadScenarioInput(paths, importFlags(flags)), flags);
  const scenario: Scenario = {
    ...loaded,
    ...(flags.cni === undefined ? {} : { cni: parseCniList('--cni', flags.cni) }),
    ...(flags.seed === undefined ? {} : { seed: parseIntFlag('--seed', flags.seed, 0, 2 ** 31 - 1) }),
  };
  // The file was checked for its own models; models chosen by --cni must also run dual-stack if it is.
  if (flags.cni !== undefined) throwIfProblems(dualStackProblems(scenario, scenario.cni).map((p) => ({ ...p, path: p.path.replace(/^cni\[\d+\]$/, '--cni') })));
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
  if (flags.report !== undefined && !/\.html?$/i.test(flags.report)) {
    throw new InputError([{ code: 'bad-flag', path: '--report', value: flags.report, allowed: 'an HTML file name ending in .html' }]);
  }
  // One capture per (model, variant), first replicate only, so each pcap shows one dataplane.
  const limit = flags.pcapLimit === undefined ? DEFAULT_PCAP_LIMIT : parseIntFlag('--pcap-limit', flags.pcapLimit, 1, 10_000_000);
  const pcapFileOf = flags.pcap === undefined ? new Map<string, string>() : pcapPaths(flags.pcap, captureKeys(scenario));
  // Every output is checked before the simulation starts: a bad path costs nothing and leaves nothing.
  checkOutputPaths([
    { flag: flags.out === undefined ? (flags.outDir === undefined ? `(default ${DEFAULT_OUT_DIR}/)` : '--out-dir') : '--out', path: out },
    { flag: flags.timeseries === undefined ? '(time series)' : '--timeseries', path: tsOut },
    { flag: flags.events === undefined ? '(events)' : '--events', path: eventsOut },
    ...(flags.attempts === undefined ? [] : [{ flag: '--attempts', path: flags.attempts }]),
    ...(flags.report === undefined ? [] : [{ flag: '--report', path: flags.report }]),
    ...[...pcapFileOf.values()].map((p) => ({ flag: '--pcap', path: p })),
  ]);
  // The planner's warnings (a public Overlay pod CIDR, subnets without their VNet) for the models that run; they
  // keep exit 0 and go to stderr, with --quiet too: they are about the input, not progress.
  for (const line of warningLines(scenario)) process.stderr.write(`${line}\n`);
  const captures = new Map<string, PcapCapture>();
  const frameSinkFor = (cniName: string, variant: string) => {
    const key = captureKey(cniName, variant);
    if (captures.has(key)) return undefined; // a later replicate of the same variant
    const c = new PcapCapture(limit);
    captures.set(key, c);
    return c;
  };
  const runs = estimate.runsPerReplicate * scenario.replicates;
  const workers = workersFlag ?? (runEvents(estimate) >= WORKERS_MIN_EVENTS ? Math.min(runs, availableParallelism()) : 1);
  // Frame captures are main-thread objects, filled in run order: with --pcap every model run stays in-process.
  const onWorkers = workers > 1 && runs > 1 && flags.pcap === undefined;
  const showProgress = flags.quiet !== true && process.stderr.isTTY === true && runEvents(estimate) >= PROGRESS_MIN_EVENTS;
  const progress = progressReporter(process.stderr, !showProgress, { label: 'run', unit: 'per mille', barFormat: 'run [{bar}] {percentage}% of the simulated time of every model run | {eta_formatted} left' });
  const show = (doneRuns: number) => progress.update(Math.round(1000 * Math.min(1, doneRuns / runs)), 1000);
  let finished = 0;
  const onProgress = (doneNs: number, durationNs: number) => {
    if (doneNs >= durationNs) finished++;
    show(finished + (doneNs < durationNs ? doneNs / durationNs : 0));
  };
  // On workers, model runs advance side by side: each one's share of its simulated time is kept and summed.
  const doneShare = new Float64Array(runs);
  const onRunProgress = (run: number, doneNs: number, durationNs: number) => {
    doneShare[run] = doneNs / durationNs;
    show(doneShare.reduce((a, b) => a + b, 0));
  };
  const result = onWorkers
    ? await (await import('../sweep/run-units.ts')).runScenarioOnWorkers(scenario, {
        workers,
        ...(scenario.datapath === undefined ? {} : await kernelFor()),
        ...(showProgress ? { onProgress: onRunProgress } : {}),
      })
    : await runScenarioReplicates(scenario, {
        ...(flags.pcap === undefined ? {} : { frameSinkFor }),
        ...(showProgress ? { onProgress } : {}),
      });
  progress.stop();
  const { columns, rows, timeseriesColumns, timeseries, events, attempts } = result;
  // Each file is complete when it appears: written whole, then renamed into place.
  writeFileAtomic(out, toCsv(columns, rows));
  writeFileAtomic(tsOut, toCsv(timeseriesColumns, timeseries));
  writeFileAtomic(eventsOut, toCsv(EVENT_COLUMNS, events));
  const written = [out, tsOut, eventsOut];
  if (flags.attempts !== undefined) {
    writeFileAtomic(flags.attempts, toCsv(ATTEMPT_COLUMNS, attempts));
    written.push(flags.attempts);
  }
  const pcapFiles = flags.pcap === undefined ? [] : writeCaptures(flags.pcap, pcapFileOf, captures);
  // The capture files are named from --pcap by a rule; they are listed even with --quiet, so a script finds them.
  for (const f of pcapFiles) process.stderr.write(`wrote ${f}\n`);

  const planOf = addressPlanOf(scenario);
  const sentence = conclusion({ columns, rows, episodeColumns: EVENT_COLUMNS, episodes: events, planOf });
  const units = new Map(summaryColumns().map((c) => [c.name, c.unit]));
  const table = runTable({ columns, rows, units, width: terminalWidth(process.stdout, process.env), wide: flags.wide === true });
  if (flags.report !== undefined) {
    // The charts (Vega) load only when a report is asked for.
    const { buildRunReport } = await import('../output/report/run-report.ts');
    const html = await buildRunReport({
      ...result,
      scenario: scenario.name,
      durationS: scenario.durationS,
      seed: scenario.seed,
      episodeColumns: EVENT_COLUMNS,
      episodes: events,
      sentence,
      table,
      planOf,
    });
    writeFileAtomic(flags.report, html);
    written.push(flags.report);
  }

  if (flags.quiet !== true) {
    const style = terminalStyle(process.stdout, process.env);
    const runs = scenario.replicates > 1 ? `, ${scenario.replicates} replicates` : '';
    process.stdout.write(`${style.bold(scenario.name)}: ${humanDuration(scenario.durationS)} simulated, seed ${scenario.seed}${runs}\n\n`);
    process.stdout.write(table.text);
    const more = table.hidden === 0 ? '' : `${table.hidden} more column(s) with --wide; every column is in the CSV.\n`;
    process.stdout.write(`\n${style.bold(sentence)}\n${style.dim(`${more}wrote ${written.join(', ')}`)}\n`);
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
    .option('--out-dir <dir>', 'directory for all three CSVs, as <name>.summary.csv, <name>.timeseries.csv, <name>.events.csv (default results/)')
    .option('--out <file.csv>', 'summary CSV, one row per model and variant; without --out-dir the other two go next to it (X.csv → X.timeseries.csv, X.events.csv)')
    .option('--timeseries <file.csv>', 'time-series CSV (overrides where --out-dir or --out would put it)')
    .option('--events <file.csv>', 'every exhaustion with its time and cause (overrides where --out-dir or --out would put it)')
    .option('--attempts <file.csv>', 'also write every refusal (a node, an upgrade, or a group of pods with its count), one row each, with Azure\'s message')
    .option('--report <file.html>', 'also write a self-contained HTML page: VNet addresses over time per model, subnet capacities, exhaustions')
    .option('--pcap <file.pcap>', 'write the first frames crossing the underlay as classic pcap: to FILE when the run has one model and one variant, otherwise to FILE without .pcap + .<cni>.<variant>.pcap, one per variant (listed on stderr, even with --quiet)')
    .option('--pcap-limit <n>', `frames to capture with --pcap, per file (default ${DEFAULT_PCAP_LIMIT})`)
    .option('--max-events <n>', MAX_EVENTS_HELP)
    .option('--max-samples <n>', MAX_SAMPLES_HELP)
    .option('--wide', 'print every column (the table otherwise fits COLUMNS, or 100 characters)')
    .option('--quiet', 'do not print the table or progress (warnings about the input still go to stderr)')
    .option('--workers <n>', 'worker threads for the model runs (model × variant × replicate): default one per core, at most one per run, when the run is estimated at 5×10⁶ events or more, else 1; 1 and --pcap run them one after another in this process; the same bytes whatever the count')
    .addHelpText(
      'after',
      `
Examples:
  cnisim run scenarios/overlay-vs-flat.yaml
  cnisim run scenarios/overlay-vs-flat.yaml --cni overlay,node-subnet --seed 7 --out /tmp/summary.csv
  cnisim run cluster.json subnet.json --cni overlay,node-subnet --max-surge 33%
  cnisim run scenarios/overlay-vs-flat.yaml --report /tmp/overlay-vs-flat.html
  cnisim run scenarios/mtu-overhead.yaml --out-dir /tmp/mtu --pcap /tmp/underlay.pcap --pcap-limit 50 --quiet && tcpdump -nn -r /tmp/underlay.overlay.vxlan-1500.pcap

Where the files go:
  no flags            results/<name>.summary.csv, results/<name>.timeseries.csv, results/<name>.events.csv
  --out-dir DIR       DIR/<name>.summary.csv, DIR/<name>.timeseries.csv, DIR/<name>.events.csv
  --out X.csv         X.csv, X.timeseries.csv, X.events.csv (X.summary.csv gives X.timeseries.csv, X.events.csv)
  --timeseries/--events FILE   that file, whatever the others say
Every output path is checked before the simulation starts; a run over the work budget is refused (docs/limits.md).

Every model sees the same workload (common random numbers). Colour only on a terminal; NO_COLOR turns it off.
Exit codes: 0 done, 2 bad input.`,
    )
    .action((scenario: string[], flags: RunFlags) => runCommand(() => run(scenario, flags)));
}
