import { join } from 'node:path';
import { InputError } from '../error/input-error.ts';
import { CASE_EXTENSIONS } from '../scenario/extensions.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';

/** The directory `run` writes to when no output flag says otherwise. */
export const DEFAULT_OUT_DIR = 'results';

export interface RunOutputFlags {
  out?: string;
  outDir?: string;
  timeseries?: string;
  events?: string;
}

export interface RunOutputPaths {
  readonly summary: string;
  readonly timeseries: string;
  readonly events: string;
}

/** `x.summary.csv` and `x.csv` → `x`: the stem the other two files are named from. */
function stemOf(file: string): string {
  return file.replace(/\.csv$/i, '').replace(/\.summary$/i, '');
}

/**
 * Where `run` writes its three CSVs. Each of --out, --timeseries and --events names its own file. The others
 * go to --out-dir DIR as `<name>.summary.csv`, `<name>.timeseries.csv` and `<name>.events.csv`; without
 * --out-dir, next to --out (`X.csv` → `X.timeseries.csv`, `X.events.csv`) so that a run with --out never
 * overwrites another run's files in results/; with neither, in results/.
 */
export function runOutputPaths(scenarioName: string, flags: RunOutputFlags): RunOutputPaths {
  const inDir = (kind: string) => join(flags.outDir ?? DEFAULT_OUT_DIR, `${scenarioName}.${kind}.csv`);
  const beside = (kind: string) =>
    flags.outDir === undefined && flags.out !== undefined ? `${stemOf(flags.out)}.${kind}.csv` : inDir(kind);
  return {
    summary: flags.out ?? inDir('summary'),
    timeseries: flags.timeseries ?? beside('timeseries'),
    events: flags.events ?? beside('events'),
  };
}

/** The capture key of a (model, variant): `overlay.vxlan-1500`, or the model alone without a variant. */
export function captureKey(cni: string, variant: string): string {
  return variant === '' ? cni : `${cni}.${variant.replace(/\//g, '.')}`;
}

/** Every (model, variant) key a run of the scenario captures, in run order. */
export function captureKeys(s: Scenario): string[] {
  let combos: string[][] = [[]];
  for (const e of CASE_EXTENSIONS) {
    if (e.axis === null) continue;
    const values = e.variants(s);
    combos = combos.flatMap((c) => values.map((v) => [...c, v]));
  }
  return s.cni.flatMap((cni) => combos.map((c) => captureKey(cni, c.filter((v) => v !== '').join('/'))));
}

/**
 * The pcap file of each capture key: FILE itself when the run has one model and one variant; otherwise FILE
 * without `.pcap`, then `.<model>.<variant>.pcap` (`/tmp/u.pcap` → `/tmp/u.overlay.vxlan-1500.pcap`).
 */
export function pcapPaths(file: string, keys: readonly string[]): Map<string, string> {
  if (file.trim() === '') throw new InputError([{ code: 'bad-flag', path: '--pcap', value: file, allowed: 'a file name' }]);
  const stem = file.replace(/\.pcap$/i, '');
  return new Map(keys.map((k) => [k, keys.length === 1 ? file : `${stem}.${k}.pcap`]));
}
