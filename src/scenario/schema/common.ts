import { z } from 'zod';
import { parseCidr, parseIpv4 } from '../../net/cidr.ts';

/** An IPv4 CIDR such as `10.224.0.0/16` (host bits must be zero). Range and overlap rules are checked later. */
export const CidrText = z
  .string()
  .refine((s) => parseCidr(s) !== undefined, { message: 'an IPv4 CIDR like 10.224.0.0/16, with no host bits set' })
  .meta({ description: 'IPv4 CIDR, e.g. 10.224.0.0/16' });

export const Ipv4Text = z
  .string()
  .refine((s) => parseIpv4(s) !== undefined, { message: 'an IPv4 address like 10.0.0.10' })
  .meta({ description: 'IPv4 address, e.g. 10.0.0.10' });

/** Non-negative seconds (fractions allowed); converted to integer nanoseconds when the scenario is wired. */
export const Seconds = z.number().min(0);

/** A count of nodes or a percentage of the pool, as AKS's maxSurge: `3` or `"33%"`. */
export const SurgeText = z.union([
  z.int().min(0),
  z.string().regex(/^(100|[1-9]?[0-9])%$/, { message: 'a node count or a percentage like "10%"' }),
]);
