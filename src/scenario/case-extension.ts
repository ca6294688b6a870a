import type { ClusterModel } from '../model/cluster/cluster-model.ts';
import type { UpgradeController } from '../model/cluster/upgrade.ts';
import type { ColumnSpec } from '../model/column.ts';
import type { AttachedModel, FrameSink, ModelExtension } from '../model/extension.ts';
import type { CniName } from '../model/ipam/cni.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { Scenario } from './schema/scenario.ts';

export type { AttachedModel, FrameSink } from '../model/extension.ts';

/** Everything a model added on top of the cluster may use; built once per (case, variant). */
export interface CaseContext {
  readonly scenario: Scenario;
  readonly cni: CniName;
  readonly seed: number;
  readonly replicate: number;
  readonly sim: Simulation;
  readonly cluster: ClusterModel;
  readonly upgrades: UpgradeController;
  /** Compiled kernel shared by the process (a sweep worker gets it from the main thread); instantiate per case. */
  readonly kernelModule: WebAssembly.Module | undefined;
  readonly frameSink: FrameSink | undefined;
}

/**
 * A model extension (src/model/extension.ts) as a run sees it: fed a scenario. Rows are the cartesian product
 * of `scenario.cni` and every extension's axis, in registration order.
 */
export interface CaseExtension {
  readonly name: string;
  /** The key column naming this extension's variant (e.g. `outbound`), or null when it has no axis. */
  readonly axis: ColumnSpec | null;
  /** The variant labels for a scenario; must be non-empty when `axis` is set (use [''] when the section is absent). */
  variants(scenario: Scenario): readonly string[];
  readonly summaryColumns: readonly ColumnSpec[];
  /** Summary columns written only when a run has IPv6 columns, after every extension's `summaryColumns`, so IPv4
   * scenarios keep their CSV byte for byte. */
  readonly ipv6SummaryColumns?: readonly ColumnSpec[];
  readonly timeseriesColumns: readonly ColumnSpec[];
  /** Attaches to a wired cluster before it starts; null when the scenario does not use this model (cells stay empty). */
  attach(ctx: CaseContext, variant: string): Promise<AttachedModel | null> | AttachedModel | null;
}

/**
 * Adapts a model extension to scenarios: `input` resolves the model's part of a scenario (and refuses bad input
 * with an InputError, so `variants` checks it before any variant runs).
 */
export function caseExtension<Input>(model: ModelExtension<Input>, input: (s: Scenario) => Input): CaseExtension {
  return {
    name: model.name,
    axis: model.axis,
    variants: (s) => model.variants(input(s)),
    summaryColumns: model.summaryColumns,
    ...(model.ipv6SummaryColumns === undefined ? {} : { ipv6SummaryColumns: model.ipv6SummaryColumns }),
    timeseriesColumns: model.timeseriesColumns,
    attach: (ctx, variant) => {
      const { scenario, ...run } = ctx;
      return model.attach({ ...run, input: input(scenario) }, variant);
    },
  };
}
