import { extname } from 'node:path';
import YAML, { LineCounter, isMap, isScalar, type Document } from 'yaml';
import { InputError, cutText, type InputProblem } from '../error/input-error.ts';

/** A place in the file, 1-based. */
export interface FilePosition {
  readonly line: number;
  readonly column: number;
}

/** Where a field path (or the key `key` inside it) is in the file, or undefined when unknown. */
export type Locator = (path: readonly PropertyKey[], key?: string) => FilePosition | undefined;

export const NO_LOCATOR: Locator = () => undefined;

/** ` (line L, column C)`, or '' without a position. */
export function positionText(at: FilePosition | undefined): string {
  return at === undefined ? '' : ` (line ${at.line}, column ${at.column})`;
}

/** Syntax errors listed before the rest are summed up: one misplaced bracket can cause dozens. */
const MAX_SYNTAX_PROBLEMS = 5;

/**
 * Aliases the yaml package expands before it gives up (its default). This is the defence against an alias
 * bomb ("billion laughs"): a few lines whose aliases expand to billions of nodes.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses scenario text: JSON when `fileName` ends in `.json` (strictly: no trailing commas, no comments, no
 * duplicate keys), YAML otherwise. Throws one InputError with every syntax problem and its position.
 */
export function parseDocument(text: string, fileName: string): { data: unknown; locate: Locator } {
  if (text.trim() === '') {
    throw new InputError([{ code: 'empty-file', path: fileName, value: 'an empty file', allowed: 'a scenario: at least name: and cluster: (see scenarios/README.md)' }]);
  }
  const json = extname(fileName).toLowerCase() === '.json';
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): FilePosition => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const problem = (code: string, offset: number, value: string, allowed: string): InputProblem => {
    const pos = at(offset);
    return { code, path: `${fileName}:${pos.line}:${pos.column}`, value, allowed, at: pos };
  };
  if (json) {
    let data: unknown;
    try {
      data = JSON.parse(text) as unknown;
    } catch (err) {
      throw new InputError([{ code: 'json-syntax', path: fileName, value: 'the file', allowed: `valid JSON (${cutText((err as Error).message)})` }]);
    }
    // JSON.parse keeps the last of two equal keys without a word; the YAML parser (JSON is YAML) finds them.
    const dup = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY');
    if (dup.length > 0) throw new InputError(dup.map((e) => problem('duplicate-key', e.pos[0], 'a key given twice', 'each key once per object')));
    return { data, locate: doc.errors.length === 0 ? yamlLocator(doc, at) : NO_LOCATOR };
  }
  const problems: InputProblem[] = doc.errors.map((e) =>
    e.code === 'DUPLICATE_KEY'
      ? problem('duplicate-key', e.pos[0], 'a key given twice', 'each key once per mapping')
      : problem('yaml-syntax', e.pos[0], 'the text here', `valid YAML (${cutText(e.message.split('\n')[0] ?? e.code)})`),
  );
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED') {
      const tag = /Unresolved tag: (\S+)/.exec(w.message)?.[1]?.replace(/^tag:yaml\.org,2002:/, '!!') ?? 'a tag';
      problems.push(problem('yaml-tag', w.pos[0], `the tag ${tag}`, 'plain data: a scenario has no tags (no !!js/function, !!python/object, ...)'));
    }
  }
  if (problems.length > MAX_SYNTAX_PROBLEMS) {
    const more = problems.length - MAX_SYNTAX_PROBLEMS;
    problems.splice(MAX_SYNTAX_PROBLEMS, more, { code: 'yaml-more', path: fileName, value: `${more} more syntax error(s)`, allowed: 'valid YAML; the first error above often causes the rest' });
  }
  if (problems.length > 0) throw new InputError(problems);
  if (doc.contents === null) {
    throw new InputError([{ code: 'empty-file', path: fileName, value: 'a file with only comments', allowed: 'a scenario: at least name: and cluster: (see scenarios/README.md)' }]);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      throw new InputError([{ code: 'yaml-alias-bomb', path: fileName, value: 'aliases (*name) that expand to too many nodes', allowed: `a file whose aliases expand to at most ${MAX_ALIAS_COUNT} copies; this looks like an alias bomb ("billion laughs"), which would exhaust memory` }]);
    }
    if (err instanceof ReferenceError) {
      throw new InputError([{ code: 'yaml-alias', path: fileName, value: 'an alias', allowed: `valid YAML (${cutText(err.message)})` }]);
    }
    throw err;
  }
  return { data, locate: yamlLocator(doc, at) };
}

function yamlLocator(doc: Document, at: (offset: number) => FilePosition): Locator {
  return (path, key) => {
    let node: unknown;
    try {
      node = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
    } catch {
      return undefined;
    }
    let offset: number | undefined;
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
    } else if (node !== null && typeof node === 'object' && 'range' in node) {
      offset = (node as { range?: [number, number, number] }).range?.[0];
    }
    return offset === undefined ? undefined : at(offset);
  };
}
