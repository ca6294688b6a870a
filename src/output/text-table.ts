/**
 * A plain-text table for the terminal: one header row, a rule, columns padded to their widest cell and joined by
 * two spaces, numeric columns (`numeric[c]`) right aligned. Cells arrive already formatted.
 */
export function textTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, numeric: readonly boolean[] = []): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((v, c) => (numeric[c] === true ? v.padStart(widths[c] ?? 0) : v.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
