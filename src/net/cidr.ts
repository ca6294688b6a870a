import ipaddr from 'ipaddr.js';

/** An IPv4 prefix. `base` is the network address as an unsigned 32-bit integer (host bits zero). */
export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

/**
 * Parses `a.b.c.d/n`. Returns undefined when the text is not an IPv4 CIDR or has host bits set. Only the
 * four-part decimal form is accepted: ipaddr.js also reads `10.0.0/16` (as 10.0.0.0/16), which Azure rejects.
 */
export function parseCidr(text: string): Cidr | undefined {
  if (!ipaddr.IPv4.isValidCIDR(text) || !ipaddr.IPv4.isValidFourPartDecimal(text.split('/')[0] ?? '')) return undefined;
  const [addr, prefix] = ipaddr.IPv4.parseCIDR(text);
  const value = ipv4ToInt(addr.toString());
  const base = prefix === 0 ? 0 : (value & prefixMask(prefix)) >>> 0;
  if (base !== value) return undefined;
  return { base, prefix };
}

/** Parses a dotted IPv4 address to an unsigned 32-bit integer, or undefined. */
export function parseIpv4(text: string): number | undefined {
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return undefined;
  return ipv4ToInt(text);
}

function ipv4ToInt(text: string): number {
  const octets = ipaddr.IPv4.parse(text).octets;
  return (((octets[0] as number) << 24) | ((octets[1] as number) << 16) | ((octets[2] as number) << 8) | (octets[3] as number)) >>> 0;
}

export function intToIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Number of addresses in the prefix: 2^(32 − prefix). */
export function cidrSize(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function formatCidr(c: Cidr): string {
  return `${intToIpv4(c.base)}/${c.prefix}`;
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip < c.base + cidrSize(c);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + cidrSize(b) && b.base < a.base + cidrSize(a);
}
