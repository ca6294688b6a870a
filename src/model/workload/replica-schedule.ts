/** One change to a deployment's replica count over time (the scenario's `workload.deployments[].schedule`). */
export type ScheduleEntry =
  | { readonly kind: 'step'; readonly atS: number; readonly replicas: number }
  | { readonly kind: 'ramp'; readonly fromS: number; readonly toS: number; readonly replicas: number }
  | { readonly kind: 'diurnal'; readonly periodS: number; readonly min: number; readonly max: number; readonly peakAtS: number };

/**
 * The replica count a deployment asks for at time `tS`: the starting count, then each entry in order — a step
 * sets a count from its time on, a ramp moves linearly from the count before it to its own over [fromS, toS],
 * a diurnal entry follows a cosine between min and max peaking at `peakAtS` in every period. Pure and
 * deterministic, so every networking model compared sees the same demand.
 */
export function replicasAt(initial: number, schedule: readonly ScheduleEntry[], tS: number): number {
  let value = initial;
  for (const e of schedule) {
    switch (e.kind) {
      case 'step':
        if (tS >= e.atS) value = e.replicas;
        break;
      case 'ramp':
        if (tS >= e.toS) value = e.replicas;
        else if (tS > e.fromS) value = Math.round(value + ((e.replicas - value) * (tS - e.fromS)) / (e.toS - e.fromS));
        break;
      case 'diurnal': {
        const phase = (2 * Math.PI * (tS - e.peakAtS)) / e.periodS;
        value = Math.round(e.min + ((e.max - e.min) * (1 + Math.cos(phase))) / 2);
        break;
      }
    }
  }
  return value;
}

/** Times (s) at which the count can jump and must be re-evaluated exactly, besides the regular tick. */
export function breakpointsS(schedule: readonly ScheduleEntry[]): number[] {
  const out: number[] = [];
  for (const e of schedule) {
    if (e.kind === 'step') out.push(e.atS);
    else if (e.kind === 'ramp') out.push(e.fromS, e.toS);
  }
  return out.sort((a, b) => a - b);
}
