import { describe, expect, it } from 'vitest';
import { blocksAsNumber, blocksIn, cidr6Size, cidr6sOverlap, cidr6Within, formatCidr6, nthBlock, parseCidr6 } from '../../src/net/cidr6.ts';

function c6(text: string) {
  const c = parseCidr6(text);
  if (c === undefined) throw new Error(text);
  return c;
}

describe('IPv6 CIDRs (ipaddr.js parsing, BigInt arithmetic)', () => {
  it('parses AKS\'s default IPv6 pod CIDR to its 128-bit network address', () => {
    expect(c6('fd12:3456:789a::/64')).toEqual({ base: 0xfd123456789a0000n << 64n, prefix: 64 });
    expect(c6('fd12:3456:789a:1::/108')).toEqual({ base: (0xfd123456789a0001n << 64n), prefix: 108 });
  });

  it('refuses host bits, zone ids, dotted IPv4 tails, IPv4 text and out-of-range prefixes', () => {
    for (const bad of ['fd12:3456:789a::1/64', 'fd12::%eth0/64', '::ffff:10.0.0.0/104', '10.0.0.0/8', 'fd12::/129', 'fd12::', 'fd12:::/64']) {
      expect(parseCidr6(bad), bad).toBeUndefined();
    }
  });

  it('a /64 holds 65,536 /80 blocks; the second is fd12:3456:789a:0:1::/80 as in configure-dual-stack', () => {
    const pod = c6('fd12:3456:789a::/64');
    expect(blocksIn(pod, 80)).toBe(65_536n);
    expect(formatCidr6(nthBlock(pod, 80, 0))).toBe('fd12:3456:789a::/80');
    expect(formatCidr6(nthBlock(pod, 80, 1))).toBe('fd12:3456:789a:0:1::/80');
    expect(blocksIn(c6('fd12::/96'), 80)).toBe(0n);
  });

  it('sizes and block counts stay exact past 2^53 and clamp only when turned into numbers', () => {
    expect(cidr6Size(c6('::/0'))).toBe(1n << 128n);
    expect(blocksIn(c6('fd00::/8'), 80)).toBe(1n << 72n);
    expect(blocksAsNumber(1n << 72n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(blocksAsNumber(65_536n)).toBe(65_536);
  });

  it('overlap and containment', () => {
    const svc = c6('fd12:3456:789a:1::/108');
    expect(cidr6sOverlap(c6('fd12:3456:789a::/64'), svc)).toBe(false);
    expect(cidr6sOverlap(c6('fd12:3456:789a::/48'), svc)).toBe(true);
    expect(cidr6Within(c6('fd00:e0::/64'), c6('fd00:e0::/48'))).toBe(true);
    expect(cidr6Within(c6('fd00:e1::/64'), c6('fd00:e0::/48'))).toBe(false);
    expect(cidr6Within(c6('fd00::/47'), c6('fd00::/48'))).toBe(false);
  });
});
