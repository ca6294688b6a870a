import { InputError } from '../error/input-error.ts';
import { CASE_EXTENSIONS } from './extensions.ts';
import type { Scenario } from './schema/scenario.ts';

/**
 * An estimate of the work one scenario asks for, from its fields alone, before anything runs (docs/limits.md).
 * It counts simulation events: each is a few hundred nanoseconds of CPU, so their number bounds the run time.
 * It is an upper-side estimate: it assumes every pool reaches its largest size and every pod its busiest rate.
 */
export interface WorkEstimate {
  /** Events of one model run (one networking model, one variant, one replicate). */
  readonly eventsPerRun: number;
  /** Model runs per replicate: networking models × variants (datapath variants × outbound designs). */
  readonly runsPerReplicate: number;
  readonly replicates: number;
  /** Time-series samples of one model run. */
  readonly samplesPerRun: number;
  /** What drives `eventsPerRun`, largest first: each names its scenario field. */
  readonly drivers: readonly WorkDriver[];
}

/** One contribution to the events of a run, with the field a user would change to shrink it. */
export interface WorkDriver {
  /** Scenario field path, e.g. `workload.tickS`. */
  readonly field: string;
  /** The field's value as written. */
  readonly value: string;
  /** Events per run it contributes. */
  readonly events: number;
  /** How the number comes about, e.g. `86,400 s ÷ 0.001 s`. */
  readonly how: string;
}

// Events per unit of each driver, counted from the handlers each one schedules (src/model): a pod start is
// schedule + IP + running, a stop is stop + IP release; a connection is its arrival, its close and the
// hold-down release; a node joins and leaves.
const EVENTS_PER_POD_LIFECYCLE = 5;
const EVENTS_PER_CONNECTION = 3;
const EVENTS_PER_NODE = 4;
/** A packet of a datapath batch goes through the WASM kernel: counted as one event's worth of work. */
const EVENTS_PER_PACKET = 1;
/** Most pods a node can hold in any model (AKS maximum maxPods, concepts-network-ip-address-planning). */
const MAX_PODS_PER_NODE = 250;
// AKS tiers: https://learn.microsoft.com/en-us/azure/aks/free-standard-pricing-tiers
const MAX_NODES = { free: 1000, standard: 5000, premium: 5000 } as const;

/** Largest node count each pool may reach: its count, its autoscaler maximum, its manual scale targets. */
function poolPeaks(s: Scenario): number[] {
  return s.cluster.pools.map((p) => {
    const scaled = s.cluster.scaleEvents.filter((e) => e.pool === p.name).map((e) => e.count);
    return Math.max(p.count, p.autoscale?.maxCount ?? 0, ...scaled);
  });
}

/** Largest replica count a deployment asks for at any time. */
function replicaPeak(d: Scenario['workload']['deployments'][number]): number {
  return Math.max(d.replicas, ...d.schedule.map((e) => (e.kind === 'diurnal' ? e.max : e.replicas)));
}

/** Model runs per replicate; a variant list that a later check refuses counts as one. */
function runsPerReplicate(s: Scenario): number {
  let runs = s.cni.length;
  for (const e of CASE_EXTENSIONS) {
    if (e.axis === null) continue;
    try {
      runs *= Math.max(1, e.variants(s).length);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
    }
  }
  return runs;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

/** Estimates the events and samples of a validated scenario. Pure arithmetic on its fields. */
export function estimateWork(s: Scenario): WorkEstimate {
  const durationS = s.durationS;
  const d = fmt(durationS);
  const drivers: WorkDriver[] = [];
  const add = (field: string, value: number | string, events: number, how: string) => {
    if (events > 0) drivers.push({ field, value: typeof value === 'number' ? fmt(value) : value, events, how });
  };

  const samplesPerRun = Math.floor(durationS / s.sampleIntervalS) + 1;
  add('sampleIntervalS', s.sampleIntervalS, samplesPerRun, `${d} s ÷ ${fmt(s.sampleIntervalS)} s samples`);
  add('workload.tickS', s.workload.tickS, Math.floor(durationS / s.workload.tickS), `${d} s ÷ ${fmt(s.workload.tickS)} s ticks`);
  if (s.cluster.pools.some((p) => p.autoscale !== undefined)) {
    const scan = s.cluster.autoscaler.scanIntervalS;
    add('cluster.autoscaler.scanIntervalS', scan, scan > 0 ? Math.floor(durationS / scan) : Infinity, `${d} s ÷ ${fmt(scan)} s scans`);
  }

  const nodesPeak = Math.min(
    MAX_NODES[s.assumptions.tier],
    poolPeaks(s).reduce((a, b) => a + b, 0),
  );
  const capacity = nodesPeak * MAX_PODS_PER_NODE;
  const nodeTurns = 1 + s.cluster.upgrades.length + s.cluster.scaleEvents.length;
  add('cluster.pools[*].count', nodesPeak, nodesPeak * nodeTurns * EVENTS_PER_NODE, `${fmt(nodesPeak)} nodes at most, ${nodeTurns} turn(s) each`);
  const daemonPods = s.workload.daemonsetPodsPerNode * nodesPeak;
  let podsPeak = daemonPods;
  s.workload.deployments.forEach((dep, i) => {
    const pods = Math.min(replicaPeak(dep), capacity);
    podsPeak += pods;
    const field = `workload.deployments[${i}]`;
    add(`${field}.replicas`, pods, pods * nodeTurns * EVENTS_PER_POD_LIFECYCLE, `${fmt(pods)} pods at most`);
    const restarts = (dep.churn.restartsPerPodHour / 3600) * Math.max(1, pods) * durationS;
    add(`${field}.churn.restartsPerPodHour`, dep.churn.restartsPerPodHour, restarts * EVENTS_PER_POD_LIFECYCLE, `${fmt(dep.churn.restartsPerPodHour)} per pod-hour × ${fmt(Math.max(1, pods))} pods × ${d} s`);
    dep.schedule.forEach((e, j) => {
      if (e.kind !== 'diurnal') return;
      const swings = (2 * (Math.min(e.max, capacity) - Math.min(e.min, capacity)) * durationS) / e.periodS;
      add(`${field}.schedule[${j}].periodS`, e.periodS, swings * EVENTS_PER_POD_LIFECYCLE, `${fmt(e.max - e.min)} pods up and down every ${fmt(e.periodS)} s`);
    });
  });
  podsPeak = Math.min(podsPeak, capacity + daemonPods);

  s.traffic?.workloads.forEach((w, i) => {
    const rate = Math.max(w.ratePerPodPerS, ...w.schedule.map((r) => r.ratePerPodPerS));
    const connections = rate * podsPeak * durationS;
    add(`traffic.workloads[${i}].ratePerPodPerS`, rate, connections * EVENTS_PER_CONNECTION, `${fmt(rate)} per pod per s × ${fmt(podsPeak)} pods × ${d} s`);
  });
  if (s.datapath !== undefined) {
    const t = s.datapath.traffic;
    const batches = Math.floor(durationS / t.batchIntervalS);
    add('datapath.traffic.batchIntervalS', t.batchIntervalS, batches * (1 + t.packetsPerBatch * EVENTS_PER_PACKET), `${d} s ÷ ${fmt(t.batchIntervalS)} s batches of ${fmt(t.packetsPerBatch)} packets`);
  }

  drivers.sort((a, b) => b.events - a.events);
  return {
    eventsPerRun: drivers.reduce((n, x) => n + x.events, 0),
    runsPerReplicate: runsPerReplicate(s),
    replicates: s.replicates,
    samplesPerRun,
    drivers,
  };
}
