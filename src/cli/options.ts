import { InputError } from '../error/input-error.ts';
import { CNI_NAMES, type CniName } from '../model/ipam/cni.ts';

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
