import { formatCell, type CellValue } from './csv-format.ts';

/**
 * A plain-text table for the terminal: one header row, columns padded to their widest cell, numbers right
 * aligned. Cells use the CSV's number formatting, so the table and the files agree digit for digit.
 */
export function textTable(header: readonly string[], rows: ReadonlyArray<readonly CellValue[]>): string {
  const cells = rows.map((r) => r.map((v) => (v === null ? '-' : formatCell(v))));
  const numeric = header.map((_h, c) => rows.every((r) => typeof r[c] === 'number' || r[c] === null));
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((v, c) => (numeric[c] === true ? v.padStart(widths[c] ?? 0) : v.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}
