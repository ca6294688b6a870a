import { holdDownTable } from './outbound-design.ts';
import type { OutboundType } from './outbound-type.ts';

/** An outbound design as the scenario states it, before the per-type rules resolve it (see resolve-design.ts). */
export interface DesignInput {
  readonly name: string;
  readonly outboundType: OutboundType;
  readonly outboundIps: number;
  readonly outboundPorts: number;
  /** null = the type's documented default. */
  readonly idleTimeoutMin: number | null;
  readonly firewallInstances: number;
  /** Hold-down overrides in seconds; absent fields take the type's default. */
  readonly holdDownS: {
    readonly finS?: number | undefined;
    readonly rstS?: number | undefined;
    readonly halfOpenS?: number | undefined;
    readonly udpS?: number | undefined;
  };
}

/** A type's hold-down before a port is reused toward the same destination, by close type, in ns. */
export interface HoldDownDefaultsNs {
  readonly fin: number;
  readonly rst: number;
  readonly halfOpen: number;
  readonly udp: number;
}

/** No documented hold-down: the port is reusable at once (Load Balancer and Firewall, UNCONFIRMED). */
export const NO_HOLD_DOWN: HoldDownDefaultsNs = { fin: 0, rst: 0, halfOpen: 0, udp: 0 };

/** Seconds to ns for a hold-down override, else the default. */
function holdNs(overrideS: number | undefined, defaultNs: number): number {
  return overrideS === undefined ? defaultNs : Math.round(overrideS * 1e9);
}

/** The design's hold-down table: the scenario's overrides over the type's defaults; an idle close holds none. */
export function holdDownNs(overrides: DesignInput['holdDownS'], defaults: HoldDownDefaultsNs): Float64Array {
  return holdDownTable({
    fin: holdNs(overrides.finS, defaults.fin),
    rst: holdNs(overrides.rstS, defaults.rst),
    idle: 0,
    halfOpen: holdNs(overrides.halfOpenS, defaults.halfOpen),
    udp: holdNs(overrides.udpS, defaults.udp),
  });
}

/** The design a scenario with traffic and no `outbound` section gets: the AKS default (LB, default table, 1 IP). */
export const DEFAULT_DESIGN: DesignInput = {
  name: 'loadBalancer',
  outboundType: 'loadBalancer',
  outboundIps: 1,
  outboundPorts: 0,
  idleTimeoutMin: null,
  firewallInstances: 2,
  holdDownS: {},
};
