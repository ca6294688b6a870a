import { InputError } from '../error/input-error.ts';
import { CNI_NAMES, type CniName } from '../model/ipam/cni.ts';
import { DEFAULT_MAX_RUN_EVENTS, DEFAULT_MAX_SAMPLES, DEFAULT_MAX_SWEEP_EVENTS, DEFAULT_WORK_BUDGET, type WorkBudget } from '../scenario/work-budget.ts';

/** Parses a non-negative integer flag, or throws an InputError naming the flag. */
export function parseIntFlag(flag: string, text: string, min: number, max: number): number {
  const n = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new InputError([{ code: 'bad-flag', path: flag, value: text, allowed: `an integer from ${min} to ${max}` }]);
  }
  return n;
}

/** Parses `--cni a,b,c` (or `all`) into networking model names, in the order given. */
export function parseCniList(flag: string, text: string): CniName[] {
  if (text === 'all') return [...CNI_NAMES];
  const names = text.split(',').map((s) => s.trim());
  const bad = names.filter((n) => !(CNI_NAMES as readonly string[]).includes(n));
  if (bad.length > 0 || names.length === 0) {
    throw new InputError([
      { code: 'bad-flag', path: flag, value: text, allowed: `a comma-separated list of ${CNI_NAMES.join(', ')}, or all` },
    ]);
  }
  return [...new Set(names)] as CniName[];
}

/** Parses a count flag such as `--max-events 5000000000` or `5e9`; a positive integer up to 10¹⁵. */
export function parseCountFlag(flag: string, text: string): number {
  const n = /^\d+(\.\d+)?(e\d+)?$/i.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 1e15) {
    throw new InputError([{ code: 'bad-flag', path: flag, value: text, allowed: 'a whole number from 1 to 10¹⁵, like 5000000000 or 5e9' }]);
  }
  return n;
}

/** The flags that raise the work budget (docs/limits.md). */
export interface BudgetFlags {
  maxEvents?: string;
  maxSamples?: string;
}

/** The work budget: the defaults, raised (or lowered) by `--max-events` and `--max-samples`. */
export function parseBudgetFlags(flags: BudgetFlags): WorkBudget {
  const events = flags.maxEvents === undefined ? undefined : parseCountFlag('--max-events', flags.maxEvents);
  return {
    maxRunEvents: events ?? DEFAULT_WORK_BUDGET.maxRunEvents,
    maxSweepEvents: events ?? DEFAULT_WORK_BUDGET.maxSweepEvents,
    maxSamples: flags.maxSamples === undefined ? DEFAULT_WORK_BUDGET.maxSamples : parseCountFlag('--max-samples', flags.maxSamples),
  };
}

/** Help text of `--max-events`, shared by validate, run and sweep. */
export const MAX_EVENTS_HELP = `work budget in simulated events (default ${DEFAULT_MAX_RUN_EVENTS.toExponential()} for run, ${DEFAULT_MAX_SWEEP_EVENTS.toExponential()} for a whole sweep; docs/limits.md)`;
export const MAX_SAMPLES_HELP = `time-series rows run may hold in memory (default ${DEFAULT_MAX_SAMPLES.toExponential()}, about 1 GB)`;
