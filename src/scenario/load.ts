import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import YAML, { LineCounter, isMap, isScalar, type Document } from 'yaml';
import type { z } from 'zod';
import { InputError, type InputProblem } from '../error/input-error.ts';
import { formatFieldPath, parseFieldPath } from './field-path.ts';
import { keysAtPath, nearest } from './schema-walk.ts';
import { ScenarioSchema, type Scenario } from './schema/scenario.ts';
import { validateScenario } from './validate.ts';

/** Reads, parses and validates a scenario file (YAML, or JSON by extension). Throws InputError on any problem. */
export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new InputError([{ code: 'file-unreadable', path: 'SCENARIO', value: path, allowed: `a readable scenario file (${reason})` }]);
  }
  return parseScenarioText(text, path);
}

/** Parses scenario text; `fileName` is used in messages and to pick JSON (`.json`) or YAML (anything else). */
export function parseScenarioText(text: string, fileName: string): Scenario {
  const { data, locate } = parseDocument(text, fileName);
  return validateScenarioData(data, fileName, locate);
}

/** Validates an already-parsed object (from a file or a sweep case) into a Scenario with defaults applied. */
export function validateScenarioData(data: unknown, fileName: string, locate: Locator = () => ''): Scenario {
  const parsed = ScenarioSchema.safeParse(data);
  if (!parsed.success) {
    throw new InputError(parsed.error.issues.map((issue) => problemFromIssue(issue, data, fileName, locate)));
  }
  const problems = validateScenario(parsed.data).map((p) => ({ ...p, path: `${fileName}: ${p.path}${locate(parseFieldPath(p.path))}` }));
  if (problems.length > 0) throw new InputError(problems);
  return parsed.data;
}

/** Returns ` (line L, column C)` for a field path, or '' when unknown. */
export type Locator = (path: readonly PropertyKey[], key?: string) => string;

function parseDocument(text: string, fileName: string): { data: unknown; locate: Locator } {
  if (extname(fileName).toLowerCase() === '.json') {
    try {
      return { data: JSON.parse(text) as unknown, locate: () => '' };
    } catch (err) {
      throw new InputError([{ code: 'json-syntax', path: fileName, value: 'the file', allowed: `valid JSON (${(err as Error).message})` }]);
    }
  }
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          code: 'yaml-syntax',
          path: `${fileName}:${pos.line}:${pos.col}`,
          value: 'the text here',
          allowed: `valid YAML (${e.message.split('\n')[0] ?? e.code})`,
        };
      }),
    );
  }
  return { data: doc.toJS() as unknown, locate: yamlLocator(doc, lineCounter) };
}

function yamlLocator(doc: Document, lineCounter: LineCounter): Locator {
  return (path, key) => {
    const node = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
    let offset: number | undefined;
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
    } else if (node !== null && typeof node === 'object' && 'range' in node) {
      offset = (node as { range?: [number, number, number] }).range?.[0];
    }
    if (offset === undefined) return '';
    const pos = lineCounter.linePos(offset);
    return ` (line ${pos.line}, column ${pos.col})`;
  };
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function show(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'string') return JSON.stringify(value);
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function problemFromIssue(issue: z.core.$ZodIssue, data: unknown, fileName: string, locate: Locator): InputProblem {
  const path = issue.path;
  const where = `${fileName}: ${formatFieldPath(path)}`;
  if (issue.code === 'unrecognized_keys') {
    const allowedKeys = keysAtPath(ScenarioSchema, data, path);
    const key = issue.keys[0] ?? '';
    const suggestion = nearest(key, allowedKeys);
    const fieldPath = formatFieldPath([...path, key]);
    return {
      code: 'unknown-key',
      path: `${fileName}: ${fieldPath}${locate(path, key)}`,
      value: `unknown key "${key}"`,
      allowed: `${suggestion === undefined ? '' : `"${suggestion}" (did you mean it?); valid keys here: `}${allowedKeys.join(', ')}`,
    };
  }
  const value = show(valueAt(data, path));
  const loc = locate(path);
  switch (issue.code) {
    case 'invalid_type':
      return { code: 'invalid-type', path: where + loc, value, allowed: value === '(missing)' ? `a value (required ${issue.expected})` : `a ${issue.expected}` };
    case 'too_big':
      return { code: 'too-big', path: where + loc, value, allowed: issue.origin === 'array' ? `at most ${issue.maximum} items` : `${issue.inclusive ? '≤' : '<'} ${issue.maximum}` };
    case 'too_small':
      return { code: 'too-small', path: where + loc, value, allowed: issue.origin === 'array' ? `at least ${issue.minimum} items` : `${issue.inclusive ? '≥' : '>'} ${issue.minimum}` };
    case 'invalid_value':
      return { code: 'invalid-value', path: where + loc, value, allowed: `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'invalid_union':
      return { code: 'invalid-value', path: where + loc, value, allowed: unionHint(issue) };
    default:
      return { code: issue.code.replace(/_/g, '-'), path: where + loc, value, allowed: issue.message };
  }
}

function unionHint(issue: z.core.$ZodIssueInvalidUnion): string {
  const messages = issue.errors.flat().map((e) => e.message);
  return messages.length > 0 ? [...new Set(messages)].join(' or ') : issue.message;
}
