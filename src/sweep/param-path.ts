import type { z } from 'zod';
import type { InputProblem } from '../error/input-error.ts';
import { nearest } from '../scenario/schema-walk.ts';
import { ScenarioSchema } from '../scenario/schema/scenario.ts';

/** One step of a field path: an object key or an array index. */
export type PathSegment = string | number;

/** Top-level fields a sweep may not vary: they define the sweep itself (its seeds, its replicates, its grid). */
const FORBIDDEN_ROOTS: ReadonlyMap<string, string> = new Map([
  ['seed', 'replicate seeds derive from the scenario seed; use sweep.replicates for more draws'],
  ['replicates', 'use sweep.replicates'],
  ['sweep', 'a sweep cannot vary its own grid'],
]);

/**
 * Parses a dotted field path as the scenario format writes it (`cluster.pools[0].count`, `network.nodeSubnet`)
 * into segments, or returns undefined when the text is not such a path.
 */
export function parseFieldPath(text: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  const re = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)(?:\.|$)/;
  let rest = text;
  while (rest.length > 0) {
    const m = re.exec(rest);
    if (m === null) return undefined;
    const key = m[1] as string;
    segments.push(key);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) segments.push(Number(idx[1]));
    rest = rest.slice(m[0].length);
    if (m[0].endsWith('.') && rest.length === 0) return undefined;
  }
  return segments.length > 0 ? segments : undefined;
}

type AnySchema = z.ZodType;
interface Def {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  options?: AnySchema[];
}

function defOf(s: AnySchema): Def {
  return s._zod.def as unknown as Def;
}

/** Strips default/optional/prefault/nullable/pipe wrappers down to the schema that has the shape. */
function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 16; i++) {
    const d = defOf(s);
    if ((d.type === 'default' || d.type === 'optional' || d.type === 'prefault' || d.type === 'nullable') && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else return s;
  }
  return s;
}

/** The object shapes a schema may take (a union contributes each of its object options). */
function shapesOf(s: AnySchema): Array<Record<string, AnySchema>> {
  const d = defOf(s);
  if (d.type === 'object' && d.shape) return [d.shape];
  if (d.type === 'union' && d.options) return d.options.flatMap((o) => shapesOf(unwrap(o)));
  return [];
}

/** What a path leads to in the schema: whether the field there is a list (so a single value can be wrapped). */
export interface ResolvedPath {
  readonly segments: readonly PathSegment[];
  readonly isList: boolean;
}

/**
 * Checks a swept path against the scenario schema and the scenario as written: every key must exist in the
 * format (with a did-you-mean for typos), and every list index must exist in the scenario (a sweep changes
 * fields; it does not invent pools). `where` names the sweep entry in messages.
 */
export function resolveFieldPath(text: string, input: unknown, where: string): ResolvedPath | InputProblem {
  const segments = parseFieldPath(text);
  if (segments === undefined) {
    return { code: 'sweep-path-syntax', path: where, value: JSON.stringify(text), allowed: 'a dotted field path like cluster.pools[0].count or network.nodeSubnet' };
  }
  const root = segments[0] as string;
  const forbidden = FORBIDDEN_ROOTS.get(root);
  if (forbidden !== undefined) {
    return { code: 'sweep-path-forbidden', path: where, value: JSON.stringify(text), allowed: `any scenario field but ${[...FORBIDDEN_ROOTS.keys()].join(', ')} (${forbidden})` };
  }
  let schema = unwrap(ScenarioSchema);
  let value: unknown = input;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as PathSegment;
    if (typeof seg === 'number') {
      const d = defOf(schema);
      if (d.type !== 'array' || !d.element) {
        return { code: 'sweep-unknown-path', path: where, value: JSON.stringify(text), allowed: `a path into the scenario format; ${formatSegments(segments.slice(0, i))} is not a list` };
      }
      const length = Array.isArray(value) ? value.length : 0;
      if (seg >= length) {
        return { code: 'sweep-unknown-path', path: where, value: JSON.stringify(text), allowed: `an index that exists in the scenario: ${formatSegments(segments.slice(0, i))} has ${length} item(s)` };
      }
      schema = unwrap(d.element);
    } else {
      const shapes = shapesOf(schema);
      const holder = shapes.find((sh) => Object.hasOwn(sh, seg));
      if (holder === undefined) {
        const keys = [...new Set(shapes.flatMap((sh) => Object.keys(sh)))];
        const hint = nearest(seg, keys);
        const allowed = keys.length === 0
          ? `a path into the scenario format; ${formatSegments(segments.slice(0, i))} has no fields`
          : `${hint === undefined ? '' : `"${formatSegments([...segments.slice(0, i), hint])}" (did you mean it?); `}a field of ${i === 0 ? 'the scenario' : formatSegments(segments.slice(0, i))}: ${keys.join(', ')}`;
        return { code: 'sweep-unknown-path', path: where, value: JSON.stringify(text), allowed };
      }
      schema = unwrap(holder[seg] as AnySchema);
    }
    value = value !== null && typeof value === 'object' ? (value as Record<PathSegment, unknown>)[seg] : undefined;
  }
  return { segments, isList: defOf(schema).type === 'array' };
}

/** `['cluster', 'pools', 0, 'count']` → `cluster.pools[0].count`. */
export function formatSegments(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

/**
 * Sets `value` at `segments` in a scenario input object, in place, creating missing sections as empty objects.
 * The caller passes its own copy (see applyOverrides); indexes were checked by resolveFieldPath.
 */
export function setAtPath(target: Record<string, unknown>, segments: readonly PathSegment[], value: unknown): void {
  let node: Record<PathSegment, unknown> = target;
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i] as PathSegment;
    const next = node[seg];
    if (next === null || typeof next !== 'object') {
      const created: Record<string, unknown> = {};
      node[seg] = created;
      node = created;
    } else {
      node = next as Record<PathSegment, unknown>;
    }
  }
  node[segments[segments.length - 1] as PathSegment] = value;
}
