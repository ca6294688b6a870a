import { childPath, type Fact } from './provenance.ts';

/**
 * A value inside a parsed JSON file, with its path, for readers that must say where each fact came from.
 * Field lookups try each given name exactly, then case-insensitively: the az CLI spells `dnsServiceIp`,
 * `vnetSubnetId`, `countIpv6` where the REST API spells `dnsServiceIP`, `vnetSubnetID`, `countIPv6`, and
 * both must read the same. Unknown fields are never looked at, so newer API versions read the same.
 */
export class JsonNode {
  readonly value: unknown;
  readonly file: string;
  readonly path: string;

  constructor(value: unknown, file: string, path = '$') {
    this.value = value;
    this.file = file;
    this.path = path;
  }

  isObject(): boolean {
    return this.value !== null && typeof this.value === 'object' && !Array.isArray(this.value);
  }

  /** The first of `names` present (not null), or undefined. */
  field(...names: string[]): JsonNode | undefined {
    if (!this.isObject()) return undefined;
    const obj = this.value as Record<string, unknown>;
    for (const name of names) {
      const v = obj[name];
      if (v !== undefined && v !== null) return new JsonNode(v, this.file, childPath(this.path, name));
    }
    const keys = Object.keys(obj);
    for (const name of names) {
      const lower = name.toLowerCase();
      const key = keys.find((k) => k.toLowerCase() === lower);
      const v = key === undefined ? undefined : obj[key];
      if (key !== undefined && v !== undefined && v !== null) return new JsonNode(v, this.file, childPath(this.path, key));
    }
    return undefined;
  }

  /** Follows a path of field names (each step case-insensitive as `field`). */
  at(...steps: string[]): JsonNode | undefined {
    let n: JsonNode | undefined = this;
    for (const s of steps) n = n?.field(s);
    return n;
  }

  /** The elements of an array value; [] for anything else. */
  items(): JsonNode[] {
    return Array.isArray(this.value) ? this.value.map((v, i) => new JsonNode(v, this.file, childPath(this.path, i))) : [];
  }

  fact<T>(value: T): Fact<T> {
    return { value, file: this.file, path: this.path };
  }

  string(): Fact<string> | undefined {
    return typeof this.value === 'string' ? this.fact(this.value) : undefined;
  }

  /** A whole number, also from a numeric string (the az CLI prints some counts as strings). */
  int(): Fact<number> | undefined {
    if (typeof this.value === 'number' && Number.isInteger(this.value)) return this.fact(this.value);
    if (typeof this.value === 'string' && /^\d+$/.test(this.value)) return this.fact(Number.parseInt(this.value, 10));
    return undefined;
  }

  bool(): Fact<boolean> | undefined {
    if (typeof this.value === 'boolean') return this.fact(this.value);
    if (this.value === 'true' || this.value === 'false') return this.fact(this.value === 'true');
    return undefined;
  }

  /** A string, or a number written as its decimal text (maxSurge is "33%" or "1", Terraform may store 1). */
  text(): Fact<string> | undefined {
    if (typeof this.value === 'string') return this.fact(this.value);
    if (typeof this.value === 'number') return this.fact(String(this.value));
    return undefined;
  }
}

/** The ARM resource body: `properties` when the resource is wrapped (REST, ARM), else the resource itself (az). */
export function armBody(n: JsonNode): JsonNode {
  const p = n.field('properties');
  return p !== undefined && p.isObject() ? p : n;
}
