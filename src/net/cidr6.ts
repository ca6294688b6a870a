import ipaddr from 'ipaddr.js';

/**
 * IPv6 prefixes for the address plan. `base` is the network address as a 128-bit BigInt (host bits zero).
 * BigInt is fine here: address plans are checked once per scenario, never per packet or per event.
 */
export interface Cidr6 {
  readonly base: bigint;
  readonly prefix: number;
}

const BITS = 128;

/**
 * Parses an IPv6 CIDR such as `fd12:3456:789a::/64`. Returns undefined when the text is not one, has host bits
 * set, carries a zone id (`%eth0`) or embeds a dotted IPv4 tail; ipaddr.js accepts the last two, Azure's
 * address prefixes do not.
 */
export function parseCidr6(text: string): Cidr6 | undefined {
  if (text.includes('%') || text.includes('.') || !ipaddr.IPv6.isValidCIDR(text)) return undefined;
  const [addr, prefix] = ipaddr.IPv6.parseCIDR(text);
  const value = addr.parts.reduce((acc, part) => (acc << 16n) | BigInt(part), 0n);
  if ((value & hostMask(prefix)) !== 0n) return undefined;
  return { base: value, prefix };
}

/** Whether the text is an IPv6 prefix (IPv4 text never is), for telling families apart in `[v4, v6]` lists. */
export function isCidr6Text(text: string): boolean {
  return parseCidr6(text) !== undefined;
}

function hostMask(prefix: number): bigint {
  return (1n << BigInt(BITS - prefix)) - 1n;
}

/** Addresses in the prefix, 2^(128 − prefix), exact. */
export function cidr6Size(c: Cidr6): bigint {
  return 1n << BigInt(BITS - c.prefix);
}

export function cidr6sOverlap(a: Cidr6, b: Cidr6): boolean {
  return a.base < b.base + cidr6Size(b) && b.base < a.base + cidr6Size(a);
}

/** Whether `inner` lies wholly inside `outer`. */
export function cidr6Within(inner: Cidr6, outer: Cidr6): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + cidr6Size(inner) <= outer.base + cidr6Size(outer);
}

/**
 * How many /`blockPrefix` blocks the prefix holds: 2^(blockPrefix − prefix), 0 when the prefix is smaller than
 * one block. Exact as a BigInt; `blocksAsNumber` clamps it for counting nodes.
 */
export function blocksIn(c: Cidr6, blockPrefix: number): bigint {
  return c.prefix > blockPrefix ? 0n : 1n << BigInt(blockPrefix - c.prefix);
}

/** A block count as a number, clamped to Number.MAX_SAFE_INTEGER (far above any node limit, so never binding). */
export function blocksAsNumber(blocks: bigint): number {
  return blocks > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(blocks);
}

/** The address as RFC 5952 text (compressed, lower case). */
export function formatIpv6(value: bigint): string {
  const parts: number[] = [];
  for (let i = 7; i >= 0; i--) parts.push(Number((value >> BigInt(16 * i)) & 0xffffn));
  return ipaddr.fromByteArray(parts.flatMap((p) => [p >> 8, p & 0xff])).toString();
}

export function formatCidr6(c: Cidr6): string {
  return `${formatIpv6(c.base)}/${c.prefix}`;
}

/** The `index`-th /`blockPrefix` block of the prefix (index 0 is the prefix's own first block). */
export function nthBlock(c: Cidr6, blockPrefix: number, index: number): Cidr6 {
  return { base: c.base + (BigInt(index) << BigInt(BITS - blockPrefix)), prefix: blockPrefix };
}
