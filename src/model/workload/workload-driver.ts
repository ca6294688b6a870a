import { RngStream } from '../../sim/rng.ts';
import type { Simulation } from '../../sim/simulation.ts';
import { MAX_TIME_NS, NS_PER_S, secondsToNs } from '../../sim/time.ts';
import type { ClusterModel } from '../cluster/cluster-model.ts';
import { breakpointsS, replicasAt, type ScheduleEntry } from './replica-schedule.ts';

export interface DeploymentWorkload {
  readonly name: string;
  readonly replicas: number;
  readonly schedule: readonly ScheduleEntry[];
  readonly restartsPerPodHour: number;
}

/**
 * Drives deployments: replica targets from their schedules (at t = 0, every tick and at each step or ramp
 * edge) and pod churn as a Poisson process whose rate follows the *desired* replica count. Churn times come
 * from the stream `churn/<deployment>` and victims from `churn-victim/<deployment>`; neither depends on the
 * networking model, so every model compared sees the same demand and the same restart times.
 */
export class WorkloadDriver {
  private readonly hTick: number;
  private readonly hBreak: number;
  private readonly hChurn: number;
  private readonly churnTimes: RngStream[];
  private readonly churnVictims: RngStream[];

  constructor(
    private readonly sim: Simulation,
    private readonly cluster: ClusterModel,
    private readonly deployments: readonly DeploymentWorkload[],
    private readonly tickNs: number,
    seed: number,
    replicate: number,
  ) {
    this.hTick = sim.register('workload-tick', () => this.tick(true));
    this.hBreak = sim.register('workload-breakpoint', (_s, g) => this.apply(g));
    this.hChurn = sim.register('pod-churn', (_s, g) => this.churn(g));
    this.churnTimes = deployments.map((d) => new RngStream(seed, replicate, `churn/${d.name}`));
    this.churnVictims = deployments.map((d) => new RngStream(seed, replicate, `churn-victim/${d.name}`));
  }

  start(): void {
    this.tick(false);
    this.sim.schedule(this.tickNs, this.hTick);
    this.deployments.forEach((d, g) => {
      for (const tS of breakpointsS(d.schedule)) if (tS > 0) this.sim.scheduleAt(secondsToNs(tS), this.hBreak, g);
      if (d.restartsPerPodHour > 0) this.scheduleChurn(g);
    });
  }

  private tick(reschedule: boolean): void {
    for (let g = 0; g < this.deployments.length; g++) this.apply(g);
    if (reschedule) this.sim.schedule(this.tickNs, this.hTick);
  }

  private apply(g: number): void {
    const d = this.deployments[g];
    if (d === undefined) return;
    const target = replicasAt(d.replicas, d.schedule, this.sim.now / NS_PER_S);
    if (target !== this.cluster.desiredReplicas(g)) this.cluster.setReplicas(g, target);
  }

  private churn(g: number): void {
    this.cluster.restartPod(g, this.churnVictims[g] as RngStream);
    this.scheduleChurn(g);
  }

  private scheduleChurn(g: number): void {
    const d = this.deployments[g] as DeploymentWorkload;
    const ratePerS = (d.restartsPerPodHour / 3600) * Math.max(1, replicasAt(d.replicas, d.schedule, this.sim.now / NS_PER_S));
    const gapNs = Math.max(1, Math.round((this.churnTimes[g] as RngStream).exponential(1 / ratePerS) * NS_PER_S));
    // A gap past the last representable time (a tiny rate) comes after the end of any simulation: no event.
    if (gapNs <= MAX_TIME_NS - this.sim.now) this.sim.schedule(gapNs, this.hChurn, g);
  }
}
