import { z } from 'zod';
import { CidrText, Ipv4Text } from './common.ts';

/** A swept value as written: any YAML/JSON value (a number, a CIDR, a model name, a whole pool list...). */
const SweepValue = z.json();

/** `{from, to, step}`: every `from + k·step` up to and including `to` (k = 0, 1, ...). */
export const SweepRangeSchema = z.strictObject({
  from: z.number(),
  to: z.number(),
  step: z.number().meta({ description: 'Non-zero; its sign must lead from `from` to `to`.' }),
});

/** Subnet sizes of one network address: `{base: 10.224.0.0, from: 20, to: 24}` → 10.224.0.0/20 ... /24. */
export const SweepPrefixLengthsSchema = z.strictObject({
  base: Ipv4Text.meta({ description: 'Network address; must have no host bits at the shortest prefix.' }),
  from: z.int().min(0).max(32),
  to: z.int().min(0).max(32),
  step: z.int().min(1).default(1),
});

/**
 * One swept field. Exactly one of `values`, `range`, `cidrs` or `prefixLengths` gives its values; the grid
 * checks that (the message then names this entry).
 */
export const SweepParameterSchema = z.strictObject({
  path: z.string().meta({ description: 'Dotted path of the scenario field, e.g. cluster.pools[0].count.' }),
  values: z.array(SweepValue).optional().meta({ description: 'The values, in order.' }),
  range: SweepRangeSchema.optional(),
  cidrs: z.array(CidrText).optional().meta({ description: 'A list of IPv4 CIDRs.' }),
  prefixLengths: SweepPrefixLengthsSchema.optional(),
});
export type SweepParameterSpec = z.infer<typeof SweepParameterSchema>;

/**
 * The `sweep:` section: the grid of cases `cnisim sweep` runs. Cases are every combination of the parameters'
 * values (the first parameter varies slowest) times `replicates`.
 */
export const SweepSchema = z
  .strictObject({
    replicates: z.int().min(1).max(10_000).optional().meta({
      description: 'Runs of each combination, with seeds derived from the scenario seed; default: the scenario\'s replicates.',
    }),
    parameters: z.array(SweepParameterSchema).min(1).max(16),
  })
  .optional();
export type SweepSpec = z.infer<typeof SweepSchema>;
