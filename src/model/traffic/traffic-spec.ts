import type { DestinationClass } from '../snat/no-snat.ts';

/** A connection's length of useful traffic, in seconds. */
export type DurationModel =
  | { readonly kind: 'fixed'; readonly valueS: number }
  | { readonly kind: 'exponential'; readonly meanS: number }
  | { readonly kind: 'lognormal'; readonly meanS: number; readonly stdDevS: number };

export interface TrafficDestination {
  readonly kind: DestinationClass;
  /** External endpoints only: IPv4 as an unsigned 32-bit integer, and the port; 0 otherwise. */
  readonly ip: number;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly weight: number;
}

/** One traffic class every selected pod emits; resolved from the scenario's `traffic.workloads[]`. */
export interface TrafficWorkload {
  readonly name: string;
  /** Pool whose pods open these connections, or -1 for every pool. */
  readonly poolIndex: number;
  /** Rate steps: from atNs on, ratePerPodPerS applies (the first entry is at 0). */
  readonly rateSteps: ReadonlyArray<{ readonly atNs: number; readonly ratePerPodPerS: number }>;
  readonly destinations: readonly TrafficDestination[];
  readonly duration: DurationModel;
  /** Weights of FIN, RST, idle and half-open closes for TCP. */
  readonly closeWeights: readonly [number, number, number, number];
  /** Pooling keep-alive, or null for one connection per request. */
  readonly keepAliveNs: number | null;
}
