import type { z } from 'zod';

type AnySchema = z.ZodType;
type PathKey = PropertyKey;

/** Unwraps default/optional/prefault/nullable/pipe wrappers to the schema that holds the shape. */
function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 16; i++) {
    const def = s._zod.def as unknown as { type: string; innerType?: AnySchema; in?: AnySchema };
    if ((def.type === 'default' || def.type === 'optional' || def.type === 'prefault' || def.type === 'nullable') && def.innerType) {
      s = def.innerType;
    } else if (def.type === 'pipe' && def.in) {
      s = def.in;
    } else {
      return s;
    }
  }
  return s;
}

/**
 * The object keys a schema allows at `path` of `input` (used to suggest the nearest valid key for an unknown
 * one). Discriminated unions are resolved by the input's discriminator value. Returns [] if the path does not
 * lead to an object schema.
 */
export function keysAtPath(schema: AnySchema, input: unknown, path: readonly PathKey[]): string[] {
  let s = unwrap(schema);
  let value: unknown = input;
  for (const key of path) {
    s = resolveUnion(s, value);
    const def = s._zod.def as unknown as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema };
    if (def.type === 'object' && def.shape && typeof key === 'string' && key in def.shape) {
      s = unwrap(def.shape[key] as AnySchema);
    } else if (def.type === 'array' && def.element && typeof key === 'number') {
      s = unwrap(def.element);
    } else {
      return [];
    }
    value = value !== null && typeof value === 'object' ? (value as Record<PathKey, unknown>)[key] : undefined;
  }
  s = resolveUnion(s, value);
  const def = s._zod.def as unknown as { type: string; shape?: Record<string, AnySchema> };
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function resolveUnion(schema: AnySchema, value: unknown): AnySchema {
  const def = schema._zod.def as unknown as { type: string; options?: AnySchema[]; discriminator?: string };
  if (def.type !== 'union' || !def.options || !def.discriminator || value === null || typeof value !== 'object') return schema;
  const tag = (value as Record<string, unknown>)[def.discriminator];
  for (const option of def.options) {
    const shape = (unwrap(option)._zod.def as unknown as { shape?: Record<string, AnySchema> }).shape;
    const lit = shape?.[def.discriminator]?._zod.def as unknown as { values?: unknown[] } | undefined;
    if (lit?.values?.includes(tag)) return unwrap(option);
  }
  return schema;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      const cost = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/** The closest candidate within a distance that suggests a typo, or undefined. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
