import { parse } from 'csv-parse/sync';
import { InputError } from '../../error/input-error.ts';

/**
 * A sweep CSV split into its parts, as `cnisim sweep` lays it out: `case, case_count`, the swept parameters,
 * then `scenario`, the variant keys (`cni`, extension axes such as `outbound`), `seed, replicate`, the metrics.
 */
export interface SweepTable {
  readonly params: readonly string[];
  /** Variant key columns (cni, outbound, ...). */
  readonly keys: readonly string[];
  readonly metrics: readonly string[];
  readonly rows: ReadonlyArray<Readonly<Record<string, string>>>;
}

export function readSweepCsv(text: string, fileName: string): SweepTable {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: false }) as string[][];
  } catch (err) {
    throw new InputError([{ code: 'csv-syntax', path: fileName, value: 'the file', allowed: `RFC 4180 CSV (${(err as Error).message})` }]);
  }
  const header = records[0] ?? [];
  const at = (name: string): number => header.indexOf(name);
  const scenarioAt = at('scenario');
  const seedAt = at('seed');
  const replicateAt = at('replicate');
  if (header[0] !== 'case' || header[1] !== 'case_count' || scenarioAt < 2 || seedAt < scenarioAt || replicateAt !== seedAt + 1) {
    throw new InputError([{ code: 'not-sweep-csv', path: fileName, value: `header ${JSON.stringify(header.slice(0, 4).join(',') + (header.length > 4 ? ',...' : ''))}`, allowed: 'a CSV written by cnisim sweep or cnisim merge (case, case_count, parameters, scenario, ..., seed, replicate, metrics)' }]);
  }
  const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
  return {
    params: header.slice(2, scenarioAt),
    keys: header.slice(scenarioAt + 1, seedAt),
    metrics: header.slice(replicateAt + 1),
    rows,
  };
}

/** The distinct values of a column, in first-seen order (the CSV's canonical order). */
export function distinct(table: SweepTable, column: string): string[] {
  const seen = new Set<string>();
  for (const r of table.rows) seen.add(r[column] ?? '');
  return [...seen];
}

/** True when every non-empty value of the column is a number. */
export function isNumeric(table: SweepTable, column: string): boolean {
  let any = false;
  for (const r of table.rows) {
    const v = r[column] ?? '';
    if (v === '') continue;
    if (!Number.isFinite(Number(v))) return false;
    any = true;
  }
  return any;
}
