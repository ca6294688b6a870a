/**
 * Where an imported value came from: the file it was read from and its JSON path there, so every field of the
 * written scenario can name its source in a YAML comment.
 */
export interface Source {
  readonly file: string;
  /** JSONPath-like: `$.properties.networkProfile.podCidr`, `$.items[3].metadata.labels.agentpool`. */
  readonly path: string;
}

/** A value read from a file, with where it was read. */
export interface Fact<T> extends Source {
  readonly value: T;
}

/** `file $.path`, the form comments use. */
export function formatSource(s: Source): string {
  return `${s.file} ${s.path}`;
}

/** A value the importer had to default: the scenario field, the value used, and why (the AKS default). */
export interface Defaulted {
  readonly field: string;
  readonly value: string;
  readonly reason: string;
}

/** JSON path of a child: `.key` for identifier-like keys, `["key"]` otherwise, `[i]` for array indexes. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
