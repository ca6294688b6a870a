/** Formats a path like ['cluster', 'pools', 1, 'maxPods'] as `cluster.pools[1].maxPods`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

/** The keys of a dotted field path: `cluster.pools[1].maxPods` → ['cluster', 'pools', 1, 'maxPods']. */
export function parseFieldPath(text: string): PropertyKey[] {
  const keys: PropertyKey[] = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) keys.push(Number(m[2]));
    else if (m[1] !== undefined) keys.push(m[1]);
  }
  return keys;
}
