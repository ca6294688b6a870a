import { InputError, type InputProblem } from '../error/input-error.ts';
import { formatCidr, parseIpv4, prefixMask } from '../net/cidr.ts';
import type { CellValue } from '../output/csv-format.ts';
import type { SweepParameterSpec, SweepSpec } from '../scenario/schema/sweep.ts';
import { resolveFieldPath, type PathSegment } from './param-path.ts';

/** A grid larger than this is refused: it would take days and is almost always a typo in a range. */
export const MAX_CASES = 1_000_000;

/** One swept field with its values expanded. */
export interface SweepParameter {
  /** The path as written, also the CSV column name. */
  readonly path: string;
  readonly segments: readonly PathSegment[];
  /** Values as set into the scenario (a single value for a list field is wrapped in a list). */
  readonly values: readonly unknown[];
  /** Values as written into the CSV cell. */
  readonly cells: readonly CellValue[];
  /** CSV column, or null when a result column already records this field (`cni`). */
  readonly column: string | null;
}

/** The cases of a sweep: every combination of parameter values (first parameter slowest) × replicates. */
export interface SweepGrid {
  readonly parameters: readonly SweepParameter[];
  readonly combinations: number;
  readonly replicates: number;
  readonly caseCount: number;
  readonly baseSeed: number;
}

/** One case: a combination and a replicate. `index` is its place in the canonical order. */
export interface SweepCase {
  readonly index: number;
  readonly combination: number;
  /** Index into each parameter's values. */
  readonly valueIndexes: readonly number[];
  readonly replicate: number;
  readonly seed: number;
}

/**
 * Expands a `sweep:` section against the scenario as written (`input`, before validation). Throws one
 * InputError naming every bad entry (unknown path, empty range, step 0, ...). `resultColumns` are the columns a
 * run already writes; a swept path with the same name gets no column of its own.
 */
export function expandGrid(
  spec: NonNullable<SweepSpec>,
  input: unknown,
  baseSeed: number,
  defaultReplicates: number,
  resultColumns: readonly string[],
): SweepGrid {
  const problems: InputProblem[] = [];
  const parameters: SweepParameter[] = [];
  const seen = new Set<string>();
  spec.parameters.forEach((p, i) => {
    const where = `sweep.parameters[${i}]`;
    const resolved = resolveFieldPath(p.path, input, `${where}.path`);
    if ('code' in resolved) {
      problems.push(resolved);
      return;
    }
    if (seen.has(p.path)) {
      problems.push({ code: 'sweep-duplicate-path', path: `${where}.path`, value: JSON.stringify(p.path), allowed: 'a path no other sweep parameter uses' });
      return;
    }
    seen.add(p.path);
    const raw = parameterValues(p, where, problems);
    if (raw === undefined) return;
    parameters.push({
      path: p.path,
      segments: resolved.segments,
      values: raw.map((v) => (resolved.isList && !Array.isArray(v) ? [v] : v)),
      cells: raw.map(cellOf),
      column: resultColumns.includes(p.path) ? null : p.path,
    });
  });
  if (problems.length > 0) throw new InputError(problems);
  const replicates = spec.replicates ?? defaultReplicates;
  const combinations = parameters.reduce((n, p) => n * p.values.length, 1);
  const caseCount = combinations * replicates;
  if (caseCount > MAX_CASES) {
    throw new InputError([{ code: 'sweep-too-large', path: 'sweep', value: `${combinations} combinations × ${replicates} replicates = ${caseCount} cases`, allowed: `at most ${MAX_CASES} cases` }]);
  }
  return { parameters, combinations, replicates, caseCount, baseSeed };
}

/** The case at a canonical index. */
export function caseAt(grid: SweepGrid, index: number): SweepCase {
  const replicate = index % grid.replicates;
  const combination = Math.floor(index / grid.replicates);
  const valueIndexes = new Array<number>(grid.parameters.length);
  let rest = combination;
  for (let p = grid.parameters.length - 1; p >= 0; p--) {
    const n = (grid.parameters[p] as SweepParameter).values.length;
    valueIndexes[p] = rest % n;
    rest = Math.floor(rest / n);
  }
  // The same (seed, replicate) keys as `cnisim run` (streams are named by both), so a sweep row equals the row
  // `cnisim run` writes for the scenario with that combination applied; and every combination sees the same
  // draws (common random numbers), so differences between rows come from the parameters.
  return { index, combination, valueIndexes, replicate, seed: grid.baseSeed };
}

/** The CSV cells of a case's swept parameters (only those with a column). */
export function parameterCells(grid: SweepGrid, c: SweepCase): CellValue[] {
  const out: CellValue[] = [];
  grid.parameters.forEach((p, i) => {
    if (p.column !== null) out.push(p.cells[c.valueIndexes[i] as number] ?? null);
  });
  return out;
}

/** `cluster.pools[0].count=40, network.nodeSubnet=10.224.0.0/22`: a case's parameters for messages. */
export function describeCombination(grid: SweepGrid, c: SweepCase): string {
  return grid.parameters.map((p, i) => `${p.path}=${String(p.cells[c.valueIndexes[i] as number] ?? '')}`).join(', ');
}

function parameterValues(p: SweepParameterSpec, where: string, problems: InputProblem[]): unknown[] | undefined {
  const given = (['values', 'range', 'cidrs', 'prefixLengths'] as const).filter((k) => p[k] !== undefined);
  if (given.length !== 1) {
    problems.push({ code: 'sweep-values', path: where, value: given.length === 0 ? 'no values' : `${given.join(' and ')} together`, allowed: 'exactly one of values, range, cidrs or prefixLengths' });
    return undefined;
  }
  if (p.values !== undefined) return nonEmpty(checkValues(p.values, `${where}.values`, problems), `${where}.values`, problems);
  if (p.cidrs !== undefined) return nonEmpty(p.cidrs, `${where}.cidrs`, problems);
  if (p.range !== undefined) return rangeValues(p.range, `${where}.range`, problems);
  if (p.prefixLengths !== undefined) return prefixValues(p.prefixLengths, `${where}.prefixLengths`, problems);
  return undefined;
}

function nonEmpty(values: readonly unknown[], where: string, problems: InputProblem[]): unknown[] | undefined {
  if (values.length === 0) {
    problems.push({ code: 'sweep-empty', path: where, value: '[]', allowed: 'at least one value' });
    return undefined;
  }
  return [...values];
}

/** Text with a line break would split a CSV record over lines; resume and merge read one record per line. */
function checkValues(values: readonly unknown[], where: string, problems: InputProblem[]): unknown[] {
  values.forEach((v, i) => {
    if (typeof v === 'string' && /[\r\n]/.test(v)) {
      problems.push({ code: 'sweep-value-text', path: `${where}[${i}]`, value: JSON.stringify(v), allowed: 'text without line breaks' });
    }
  });
  return [...values];
}

function rangeValues(r: { from: number; to: number; step: number }, where: string, problems: InputProblem[]): number[] | undefined {
  if (r.step === 0) {
    problems.push({ code: 'sweep-step-zero', path: `${where}.step`, value: '0', allowed: 'a non-zero step' });
    return undefined;
  }
  // The small tolerance keeps `to` when floating-point steps land just short of it (0.1 + 0.2 ...).
  const steps = Math.floor((r.to - r.from) / r.step + 1e-9);
  if (steps < 0) {
    problems.push({ code: 'sweep-empty-range', path: where, value: `from ${r.from} to ${r.to} step ${r.step}`, allowed: `a range with at least one value (${r.step > 0 ? 'from ≤ to for a positive step' : 'from ≥ to for a negative step'})` });
    return undefined;
  }
  if (steps + 1 > MAX_CASES) {
    problems.push({ code: 'sweep-too-large', path: where, value: `${steps + 1} values`, allowed: `at most ${MAX_CASES} values` });
    return undefined;
  }
  // from + k·step, not repeated addition, so errors do not accumulate; 12 significant digits drop binary noise.
  return Array.from({ length: steps + 1 }, (_, k) => Number((r.from + k * r.step).toPrecision(12)));
}

function prefixValues(p: { base: string; from: number; to: number; step: number }, where: string, problems: InputProblem[]): string[] | undefined {
  if (p.from > p.to) {
    problems.push({ code: 'sweep-empty-range', path: where, value: `from /${p.from} to /${p.to}`, allowed: 'from ≤ to' });
    return undefined;
  }
  const base = parseIpv4(p.base) ?? 0;
  if (((base & prefixMask(p.from)) >>> 0) !== base) {
    problems.push({ code: 'sweep-host-bits', path: `${where}.base`, value: p.base, allowed: `a network address with no host bits set at /${p.from}` });
    return undefined;
  }
  const out: string[] = [];
  for (let len = p.from; len <= p.to; len += p.step) out.push(formatCidr({ base, prefix: len }));
  return out;
}

function cellOf(v: unknown): CellValue {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v);
}
