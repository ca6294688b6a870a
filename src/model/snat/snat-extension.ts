import type { AttachedModel, ModelContext, ModelExtension } from '../extension.ts';
import type { TrafficWorkload } from '../traffic/traffic-spec.ts';
import { TrafficDriver, type RequestHook } from '../traffic/traffic-driver.ts';
import type { DesignInput } from './design-input.ts';
import { destinationKeys } from './destination-keys.ts';
import { resolveDesign } from './resolve-design.ts';
import { OUTBOUND_AXIS, SNAT_SUMMARY_COLUMNS, SNAT_TIMESERIES_COLUMNS } from './snat-columns.ts';
import { SnatEngine } from './snat-engine.ts';

/** What the SNAT model reads: the outbound designs (null: the model is not in use) and the traffic feeding them. */
export interface SnatInput {
  readonly designs: readonly DesignInput[] | null;
  readonly workloads: readonly TrafficWorkload[];
  readonly daemonsetPodsPerNode: number;
}

/** A running SNAT model: the engine of one design, the traffic feeding it, and the CSV cells they produce. */
export interface SnatRun extends AttachedModel {
  readonly engine: SnatEngine;
  readonly traffic: TrafficDriver;
}

function ratio(failures: number, attempts: number): number {
  return attempts === 0 ? 0 : failures / attempts;
}

/**
 * Attaches the traffic and the SNAT engine of design `variant` to a wired cluster. `hook` sees every request
 * (tests hash it to show every design gets the same traffic).
 */
export function attachSnat(ctx: ModelContext<SnatInput>, variant: string, hook?: RequestHook): SnatRun | null {
  const { designs, workloads, daemonsetPodsPerNode } = ctx.input;
  if (designs === null) return null;
  const input = designs.find((d) => d.name === variant);
  if (input === undefined) throw new Error(`unknown outbound design ${variant}`);
  const design = resolveDesign(input);
  const { destKeys, keyProtocols } = destinationKeys(workloads, design, ctx.cni);
  const engine = new SnatEngine(ctx.sim, design, keyProtocols);
  const traffic = new TrafficDriver(ctx.sim, ctx.cluster, engine, {
    seed: ctx.seed,
    replicate: ctx.replicate,
    workloads,
    destKeys,
    daemonsetPodsPerNode,
    ...(hook === undefined ? {} : { hook }),
  });
  traffic.start();
  const perNode = design.inventory === 'perNode';
  const firstFailureS = () => (engine.firstFailureNs < 0 ? null : engine.firstFailureNs / 1e9);
  return {
    engine,
    traffic,
    sample() {
      const row = [
        design.outboundType,
        traffic.attempts,
        traffic.notSnated,
        engine.failures,
        ratio(engine.failures, traffic.attempts),
        firstFailureS(),
        engine.ivNodePortsPeak,
        engine.ivTotalPortsPeak,
        engine.ivHeldPeak,
        perNode ? engine.portsPerNode : null,
      ];
      engine.resetIntervalPeaks();
      return row;
    },
    summary() {
      return [
        design.outboundType,
        traffic.attempts,
        traffic.notSnated,
        engine.failures,
        ratio(engine.failures, traffic.attempts),
        firstFailureS(),
        traffic.requestsPooled,
        engine.nodePortsPeak,
        engine.totalPortsPeak,
        engine.heldPeak,
        perNode ? engine.minPortsPerNode : null,
        engine.tableRecomputes,
      ];
    },
  };
}

/** The SNAT model as a run extension: one row per outbound design, every design fed the same traffic. */
export const SNAT_EXTENSION: ModelExtension<SnatInput> = {
  name: 'snat',
  axis: OUTBOUND_AXIS,
  variants: (input) => (input.designs === null ? [''] : input.designs.map((d) => d.name)),
  summaryColumns: SNAT_SUMMARY_COLUMNS,
  timeseriesColumns: SNAT_TIMESERIES_COLUMNS,
  attach: (ctx, variant) => attachSnat(ctx, variant),
};
