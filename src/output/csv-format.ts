import { createRequire } from 'node:module';

type Stringify = (typeof import('csv-stringify/sync'))['stringify'];
let stringifyOnce: Stringify | undefined;

/**
 * csv-stringify, loaded on first use (synchronously, so toCsv stays a plain function): a command that writes no
 * CSV, such as `cnisim plan` printing its table, starts without it.
 */
function stringify(...args: Parameters<Stringify>): string {
  stringifyOnce ??= (createRequire(import.meta.url)('csv-stringify/sync') as typeof import('csv-stringify/sync')).stringify;
  return stringifyOnce(...args);
}
import type { CellValue } from '../model/column.ts';

/** A CSV cell before formatting: numbers, text, or absent (written as an empty cell). Models publish it. */
export type { CellValue } from '../model/column.ts';

/**
 * Formats a number the same way on every machine and run: integers as they are, other finite numbers rounded
 * to 6 decimal places with trailing zeros removed (never exponent notation, never locale separators), and
 * non-finite or absent values as an empty cell.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? value.toFixed(0) : '';
  const fixed = value.toFixed(6);
  const trimmed = fixed.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

export function formatCell(value: CellValue): string {
  if (value === null) return '';
  return typeof value === 'number' ? formatNumber(value) : value;
}

/** RFC 4180 CSV text (header line included when `header` is given), LF line endings, through csv-stringify. */
export function toCsv(header: readonly string[] | null, rows: ReadonlyArray<readonly CellValue[]>): string {
  const records = rows.map((r) => r.map(formatCell));
  if (header !== null) records.unshift([...header]);
  return stringify(records, { record_delimiter: '\n', quoted_match: /^\s|\s$/ });
}
