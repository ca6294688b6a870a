/**
 * Numbers for people (terminal tables and sentences), never for files: the CSV keeps its exact, byte-stable
 * formatting (csv-format.ts). Fixed English conventions, not the locale, so the output is the same everywhere.
 */

/** A count with thousands grouped: 1247500 -> "1,247,500". Non-integers keep up to `decimals` places. */
export function groupedCount(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return '-';
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = '0', frac] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const trimmed = frac === undefined ? '' : frac.replace(/0+$/, '');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${trimmed === '' ? '' : `.${trimmed}`}`;
}

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400],
  ['h', 3_600],
  ['min', 60],
  ['s', 1],
];

/**
 * A duration in the two largest units it has, rounded down to the smaller one: 20640 -> "5 h 44 min",
 * 86400 -> "1 d", 95.5 -> "1 min 35 s", 0.25 -> "0.25 s".
 */
export function humanDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '-';
  if (seconds < 1) return `${groupedCount(seconds, 3)} s`;
  let rest = Math.floor(seconds);
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (parts.length === 2) break;
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push(`${n} ${unit}`);
  }
  // "5 h 0 min" says nothing the "5 h" does not.
  return parts.filter((p, i) => i === 0 || !p.startsWith('0 ')).join(' ');
}

/** A ratio 0..1 as a percentage with one decimal when below 10 %: 0.889778 -> "89%", 0.0123 -> "1.2%". */
export function percent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '-';
  const pct = ratio * 100;
  if (pct !== 0 && Math.abs(pct) < 10) return `${groupedCount(pct, 1)}%`;
  return `${groupedCount(Math.round(pct))}%`;
}
