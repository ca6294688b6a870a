/**
 * The list of prefix lengths a route table holds, longest first, as the kernel keeps it in memory: at word `base`
 * the count n, then n lengths in descending order. Lookups try each length in turn, so the first match is the
 * longest. Shared by the IPv4 and IPv6 twin tables, which differ only in where the list lives.
 */
export function addPrefixLength(w: Uint32Array, base: number, len: number): void {
  const n = w[base] ?? 0;
  for (let k = 0; k < n; k++) if (w[base + 1 + k] === len) return;
  let k = n;
  while (k > 0 && (w[base + k] ?? 0) < len) {
    w[base + 1 + k] = w[base + k] ?? 0;
    k--;
  }
  w[base + 1 + k] = len;
  w[base] = n + 1;
}
