import type { z } from 'zod';
import type { InputProblem } from '../error/input-error.ts';
import { formatFieldPath } from './field-path.ts';
import { positionText, type Locator } from './parse-document.ts';
import { keysAtPath, nearest } from './schema-walk.ts';
import { ScenarioSchema } from './schema/scenario.ts';

/** The value at a field path of parsed data, or undefined. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** A value as echoed in a message; YAML's .nan and .inf by name (JSON would print them as null). */
export function showValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan (not a number)';
    if (!Number.isFinite(value)) return value > 0 ? '.inf (infinity)' : '-.inf (minus infinity)';
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return `a list (${JSON.stringify(value)})`;
  if (typeof value === 'object') return `a mapping (${JSON.stringify(value)})`;
  return JSON.stringify(value) ?? String(value);
}

/** What a zod type name means to someone writing YAML. */
function typeName(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a mapping (key: value lines)';
    case 'array':
      return 'a list';
    case 'number':
      return 'a finite number';
    case 'int':
      return 'an integer';
    case 'string':
      return 'a text';
    default:
      return `a ${expected}`;
  }
}

/** One zod issue as an InputProblem with the file, the field path, its line, the value and what is allowed. */
export function problemFromIssue(issue: z.core.$ZodIssue, data: unknown, fileName: string, locate: Locator): InputProblem {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    const allowedKeys = keysAtPath(ScenarioSchema, data, path);
    const key = issue.keys[0] ?? '';
    const suggestion = nearest(key, allowedKeys);
    const at = locate(path, key);
    return {
      code: 'unknown-key',
      path: `${fileName}: ${formatFieldPath([...path, key])}${positionText(at)}`,
      value: `unknown key "${key}"`,
      allowed: `${suggestion === undefined ? '' : `"${suggestion}" (did you mean it?); valid keys here: `}${allowedKeys.join(', ')}`,
      ...(at === undefined ? {} : { at }),
    };
  }
  const raw = valueAt(data, path);
  const value = showValue(raw);
  // A missing field has no place of its own: point at the mapping that should hold it.
  const at = locate(path) ?? (path.length > 0 ? locate(path.slice(0, -1)) : undefined);
  const where = { path: `${fileName}: ${formatFieldPath(path)}${positionText(at)}`, ...(at === undefined ? {} : { at }) };
  switch (issue.code) {
    case 'invalid_type':
      if (path.length === 0) return { code: 'invalid-type', ...where, value, allowed: 'a mapping of scenario fields at the top level (name:, cluster:, ...; see scenarios/README.md)' };
      return { code: 'invalid-type', ...where, value, allowed: raw === undefined ? `a value (required: ${typeName(issue.expected)})` : typeName(issue.expected) };
    case 'too_big':
      return { code: 'too-big', ...where, value, allowed: issue.origin === 'array' ? `at most ${issue.maximum} items` : `${issue.inclusive ? '≤' : '<'} ${issue.maximum}` };
    case 'too_small':
      return { code: 'too-small', ...where, value, allowed: issue.origin === 'array' ? `at least ${issue.minimum} items` : `${issue.inclusive ? '≥' : '>'} ${issue.minimum}` };
    case 'invalid_value':
      return { code: 'invalid-value', ...where, value, allowed: `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'invalid_union':
      return { code: 'invalid-value', ...where, value, allowed: unionHint(issue) };
    default:
      return { code: issue.code.replace(/_/g, '-'), ...where, value, allowed: issue.message };
  }
}

function unionHint(issue: z.core.$ZodIssueInvalidUnion): string {
  const messages = issue.errors.flat().map((e) => e.message);
  return messages.length > 0 ? [...new Set(messages)].join(' or ') : issue.message;
}
