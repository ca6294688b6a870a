import { z } from 'zod';
import { OUTBOUND_TYPES, type OutboundType } from '../../model/snat/outbound-type.ts';
import { validateSnatInput } from '../../model/snat/outbound-checks.ts';
import { Seconds } from './common.ts';

/**
 * Hold-down overrides, in seconds: how long a closed flow's port stays unusable toward the same destination.
 * Defaults per type: NAT gateway FIN 65, RST 16, half-open 30, UDP 65 (nat-gateway-resource); Load Balancer and
 * Azure Firewall 0 (their timers are UNCONFIRMED in the reference).
 */
const HoldDownSchema = z.strictObject({
  finS: Seconds.optional(),
  rstS: Seconds.optional(),
  halfOpenS: Seconds.optional(),
  udpS: Seconds.optional(),
});

export const OutboundDesignSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9._-]+$/, { message: 'letters, digits, dot, dash and underscore' }),
    outboundType: z.enum(OUTBOUND_TYPES as [OutboundType, ...OutboundType[]]),
    outboundIps: z.int().min(1).default(1).meta({ description: 'Public IPs: LB frontends, NAT gateway IPs or firewall IPs.' }),
    outboundPorts: z.int().min(0).default(0).meta({ description: 'LB allocatedOutboundPorts per node; 0 = the default table.' }),
    idleTimeoutMin: z.int().optional().meta({ description: "Idle timeout in minutes; default the type's (LB 30, NAT gateway 4)." }),
    firewallInstances: z.int().min(2).default(2).meta({ description: 'userDefinedRouting: Azure Firewall instances (at least 2).' }),
    holdDown: HoldDownSchema.optional(),
  })
  .meta({ description: 'One outbound design; each gets its own row, fed the same traffic.' });
export type OutboundDesignSpec = z.infer<typeof OutboundDesignSchema>;

export const OutboundSchema = z
  .strictObject({
    designs: z.array(OutboundDesignSchema).min(1),
    lbIdleTimeoutMaxMin: z.union([z.literal(120), z.literal(100)]).default(120).meta({
      description: 'LB idle timeout upper bound: 120 (ARM API, outbound-rules) or 100 (azure-cli, load-balancer-tcp-idle-timeout); CONFLICT.',
    }),
  })
  .superRefine((o, ctx) => {
    const names = new Set<string>();
    o.designs.forEach((d, i) => {
      if (names.has(d.name)) ctx.addIssue({ code: 'custom', path: ['designs', i, 'name'], message: 'a name no other design uses' });
      names.add(d.name);
      const input = {
        outboundType: d.outboundType,
        outboundIps: d.outboundIps,
        outboundPorts: d.outboundPorts,
        idleTimeoutMin: d.idleTimeoutMin ?? null,
        nodes: 0,
        effectiveNodes: 0,
      };
      for (const p of validateSnatInput(input, '', { lbIdleTimeoutMaxMin: o.lbIdleTimeoutMaxMin })) {
        const rule = p.rule === undefined ? '' : ` (${p.rule})`;
        ctx.addIssue({ code: 'custom', path: ['designs', i, p.path], message: `${p.allowed}${rule}` });
      }
    });
  })
  .optional();
export type OutboundSpec = z.infer<typeof OutboundSchema>;
