import type { Simulation } from '../sim/simulation.ts';
import type { ClusterModel } from './cluster/cluster-model.ts';
import type { UpgradeController } from './cluster/upgrade.ts';
import type { CellValue, ColumnSpec } from './column.ts';
import type { CniName } from './ipam/cni.ts';

/** Where frames crossing the underlay go when the user asked for a capture (`cnisim run --pcap`). */
export interface FrameSink {
  /** Records one frame seen at `timeNs`; returns false once the sink is full (the caller may stop offering). */
  write(timeNs: number, frame: Uint8Array): boolean;
}

/** A model attached to one simulation: it publishes into the summary row and the time series. */
export interface AttachedModel {
  /** Values of `timeseriesColumns`, called at every sample time. */
  sample(): readonly CellValue[];
  /** Values of `summaryColumns`, called once the run reached its duration. */
  summary(): readonly CellValue[];
  /** Values of `ipv6SummaryColumns`, when the run has IPv6 columns (empty cells when absent). */
  summaryIpv6?(): readonly CellValue[];
}

/** What a model added on top of the cluster gets: its own input (resolved by the scenario layer) and the run. */
export interface ModelContext<Input> {
  readonly input: Input;
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
 * A model that runs inside the cluster simulation and adds columns (SNAT, the data path). It knows nothing of the
 * scenario format: src/scenario/extensions.ts resolves each model's `Input` from a scenario and adapts it.
 *
 * An extension may add a variant axis: each value is a separate row, with the same workload and the same random
 * draws (common random numbers), e.g. one row per outbound design or per encapsulation mode.
 */
export interface ModelExtension<Input> {
  readonly name: string;
  /** The key column naming this extension's variant (e.g. `outbound`), or null when it has no axis. */
  readonly axis: ColumnSpec | null;
  /** The variant labels; must be non-empty when `axis` is set (use [''] when the model is not in use). */
  variants(input: Input): readonly string[];
  readonly summaryColumns: readonly ColumnSpec[];
  /** Summary columns written only when a run has IPv6 columns, after every extension's `summaryColumns`, so IPv4
   * scenarios keep their CSV byte for byte. */
  readonly ipv6SummaryColumns?: readonly ColumnSpec[];
  readonly timeseriesColumns: readonly ColumnSpec[];
  /** Attaches to a wired cluster before it starts; null when the model is not in use (cells stay empty). */
  attach(ctx: ModelContext<Input>, variant: string): Promise<AttachedModel | null> | AttachedModel | null;
}
