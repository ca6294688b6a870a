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

/** Seconds to ns for a hold-down override, else the default. */
export function holdNs(overrideS: number | undefined, defaultNs: number): number {
  return overrideS === undefined ? defaultNs : Math.round(overrideS * 1e9);
}
