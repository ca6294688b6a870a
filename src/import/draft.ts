import { formatSource, type Defaulted, type Source } from './provenance.ts';

export type YamlPath = ReadonlyArray<string | number>;

/**
 * A scenario under construction: its data, a comment per imported field (its sources), and the values that had
 * to be defaulted. The YAML writer turns it into text; `data` alone is what `cnisim plan` and `run` validate.
 */
export class ScenarioDraft {
  readonly data: Record<string, unknown> = {};
  readonly comments: Array<{ readonly path: YamlPath; readonly text: string }> = [];
  readonly defaulted: Defaulted[] = [];

  /** Sets `value` at `path` (creating maps and arrays on the way) and notes where it came from. */
  set(path: YamlPath, value: unknown, ...from: ReadonlyArray<Source | string>): void {
    let obj: Record<string | number, unknown> = this.data;
    path.forEach((key, i) => {
      if (i === path.length - 1) {
        obj[key] = value;
        return;
      }
      const next = path[i + 1];
      if (obj[key] === undefined) obj[key] = typeof next === 'number' ? [] : {};
      obj = obj[key] as Record<string | number, unknown>;
    });
    if (from.length > 0) this.comments.push({ path, text: describe(from) });
  }

  default(field: string, value: string, reason: string): void {
    this.defaulted.push({ field, value, reason });
  }
}

/** Sources joined by '; ', a file named once for consecutive paths in it (`a.json $.x, $.y`). */
function describe(from: ReadonlyArray<Source | string>): string {
  const parts: string[] = [];
  let lastFile: string | undefined;
  for (const f of from) {
    if (typeof f === 'string') {
      parts.push(`; ${f}`);
      lastFile = undefined;
    } else if (f.file === lastFile) {
      parts.push(`, ${f.path}`);
    } else {
      parts.push(`; ${formatSource(f)}`);
      lastFile = f.file;
    }
  }
  return parts.join('').slice(2);
}
