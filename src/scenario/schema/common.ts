import { z } from 'zod';
import { formatCidr, parseCidr, parseIpv4, prefixMask } from '../../net/cidr.ts';

/** An IPv4 CIDR such as `10.224.0.0/16` (host bits must be zero). Range and overlap rules are checked later. */
export const CidrText = z
  .string()
  .superRefine((s, ctx) => {
    if (parseCidr(s) === undefined) ctx.addIssue({ code: 'custom', message: cidrProblem(s) });
  })
  .meta({ description: 'IPv4 CIDR, e.g. 10.224.0.0/16' });

/** Why text is not an IPv4 CIDR, in the words a user needs to fix it. */
function cidrProblem(text: string): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (m === null) return 'an IPv4 CIDR like 10.224.0.0/16 (four numbers 0..255, a slash, a prefix length 0..32)';
  if (m.slice(1, 5).some((o) => Number(o) > 255)) return 'an IPv4 CIDR whose four numbers are each 0..255';
  const prefix = Number(m[5]);
  if (prefix > 32) return 'an IPv4 CIDR with a prefix length of /0 to /32';
  const base = parseIpv4(`${m[1]}.${m[2]}.${m[3]}.${m[4]}`);
  if (base !== undefined) {
    return `an IPv4 CIDR with no host bits set: the network of this address is ${formatCidr({ base: (base & prefixMask(prefix)) >>> 0, prefix })}`;
  }
  return 'an IPv4 CIDR like 10.224.0.0/16';
}

export const Ipv4Text = z
  .string()
  .refine((s) => parseIpv4(s) !== undefined, { message: 'an IPv4 address like 10.0.0.10' })
  .meta({ description: 'IPv4 address, e.g. 10.0.0.10' });

/**
 * The longest time a field may give: 9,000,000 s (104 days). Times are integer nanoseconds, exact up to 2⁵³ ns
 * (src/sim/time.ts); past that a time could not be represented, and nothing runs that long (a week at most).
 */
export const MAX_SECONDS = 9_000_000;

/** Non-negative seconds (fractions allowed); converted to integer nanoseconds when the scenario is wired. */
export const Seconds = z.number().min(0).max(MAX_SECONDS);

/**
 * The shortest period of anything that repeats (samples, ticks, scans, batches): 1 ms. A shorter one is not a
 * workload but a mistake in units, and would schedule millions of events per simulated second (docs/limits.md).
 */
export const MIN_PERIOD_S = 0.001;
export const PeriodSeconds = z.number().min(MIN_PERIOD_S).max(MAX_SECONDS);

/** A count of nodes or a percentage of the pool, as AKS's maxSurge: `3` or `"33%"`. */
export const SurgeText = z.union([
  z.int().min(0),
  z.string().regex(/^(100|[1-9]?[0-9])%$/, { message: 'a node count or a percentage like "10%"' }),
]);
