import { RngStream } from '../../sim/rng.ts';
import type { EventId, Simulation } from '../../sim/simulation.ts';
import { MAX_TIME_NS } from '../../sim/time.ts';
import { Fenwick } from './fenwick.ts';
import type { TrafficWorkload } from './traffic-spec.ts';

/**
 * The connection arrivals of one workload over the whole cluster, as a single Poisson stream of rate
 * (pods selected × rate per pod), aggregated rather than one process per pod so it scales to thousands of nodes.
 * Each arrival lands on a node with probability proportional to its pods (a Fenwick pick). When the pods or the
 * rate change, the pending arrival is redrawn at the new rate, which is exact for a Poisson process
 * (memoryless). Draws come from `traffic/<workload>/arrivals`, and depend only on the cluster's pod events.
 */
export class ArrivalProcess {
  private readonly sim: Simulation;
  private readonly rng: RngStream;
  private readonly weights = new Fenwick(64);
  private readonly hArrive: number;
  private readonly hRate: number;
  private readonly steps: TrafficWorkload['rateSteps'];
  private ratePerPodPerS = 0;
  private pending: EventId = -1;
  private readonly onArrival: (node: number) => void;

  constructor(sim: Simulation, seed: number, replicate: number, w: TrafficWorkload, onArrival: (node: number) => void) {
    this.sim = sim;
    this.rng = new RngStream(seed, replicate, `traffic/${w.name}/arrivals`);
    this.steps = w.rateSteps;
    this.onArrival = onArrival;
    this.hArrive = sim.register(`traffic-arrival/${w.name}`, () => this.arrive());
    this.hRate = sim.register(`traffic-rate/${w.name}`, (_s, step) => this.applyStep(step));
  }

  /** Schedules the rate steps; the first applies now. */
  start(): void {
    this.steps.forEach((s, i) => {
      if (s.atNs <= this.sim.now) this.applyStep(i);
      else this.sim.scheduleAt(s.atNs, this.hRate, i);
    });
  }

  /** Sets how many pods on `node` emit this workload's connections. */
  setPods(node: number, pods: number): void {
    if (this.weights.weight(node) === pods) return;
    this.weights.set(node, pods);
    this.redraw();
  }

  get pods(): number {
    return this.weights.total;
  }

  private applyStep(i: number): void {
    this.ratePerPodPerS = this.steps[i]?.ratePerPodPerS ?? 0;
    this.redraw();
  }

  private redraw(): void {
    if (this.pending >= 0) this.sim.cancel(this.pending);
    this.pending = -1;
    this.scheduleNext();
  }

  /**
   * Schedules the next arrival. A gap past the last representable time (a tiny rate draws gaps of centuries)
   * would come after the end of any simulation, so it is not scheduled at all.
   */
  private scheduleNext(): void {
    const rate = this.weights.total * this.ratePerPodPerS;
    if (!(rate > 0)) return;
    const gapNs = Math.round(this.rng.exponential(1 / rate) * 1e9);
    if (gapNs <= MAX_TIME_NS - this.sim.now) this.pending = this.sim.schedule(gapNs, this.hArrive);
  }

  private arrive(): void {
    this.pending = -1;
    const node = this.weights.find(this.rng.uniform() * this.weights.total);
    this.scheduleNext();
    this.onArrival(node);
  }
}
