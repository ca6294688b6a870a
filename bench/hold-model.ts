/**
 * The classic hold model (Jones 1986, "An empirical comparison of priority-queue and event-set
 * implementations", CACM 29(4)): the event set holds `pending` events; each event, when dispatched, schedules
 * one successor at now + increment, so the set stays the same size. Increments are the shared exponential table
 * (hold-increments.ts), identical to the ns-3 peer's.
 *
 * `SimulationHold` is what a model pays: a registered handler dispatched by Simulation.run, scheduling through
 * Simulation.schedule. `QueueHold` drives a bare queue (pop, push) to compare queue structures alone.
 */
import { Simulation } from '../src/sim/simulation.ts';
import { emptyPoppedEvent, type PoppedEvent } from '../src/sim/event-queue.ts';
import { MAX_TIME_NS } from '../src/sim/time.ts';
import { holdIncrementsNs } from './hold-increments.ts';

export const HOLD_TABLE_SIZE = 1 << 20;
/** Mean increment: 1 ms. At 1,000,000 pending that is about one event per simulated nanosecond. */
export const HOLD_MEAN_NS = 1_000_000;

export class SimulationHold {
  readonly sim: Simulation;
  private readonly incrementsNs: Float64Array;
  private next = 0;
  private done = 0;
  private target = 0;

  constructor(pending: number, meanNs = HOLD_MEAN_NS) {
    this.incrementsNs = holdIncrementsNs(HOLD_TABLE_SIZE, meanNs);
    const mask = HOLD_TABLE_SIZE - 1;
    const inc = this.incrementsNs;
    this.sim = new Simulation(1024);
    const hold = this.sim.register('hold', (sim) => {
      sim.schedule(inc[this.next++ & mask] as number, hold);
      if (++this.done === this.target) sim.stop();
    });
    for (let i = 0; i < pending; i++) this.sim.schedule(inc[this.next++ & mask] as number, hold);
  }

  /** Dispatches exactly `events` events (each schedules its successor); returns the number dispatched. */
  runEvents(events: number): number {
    this.done = 0;
    this.target = events;
    return this.sim.run(MAX_TIME_NS);
  }
}

/**
 * The hold model with eight handlers taking turns: each event schedules its successor for the next handler, so
 * Simulation.run's dispatch site sees eight different functions, as it does in a real model with many handlers
 * (V8 then calls through the megamorphic path instead of inlining the one handler). Eight separate function
 * literals, because closures of one literal share their code and V8 could still inline them.
 */
export class MultiHandlerHold {
  readonly sim: Simulation;
  private readonly incrementsNs: Float64Array;
  private readonly ids: number[] = [];
  private next = 0;
  private done = 0;
  private target = 0;

  constructor(pending: number, meanNs = HOLD_MEAN_NS) {
    this.incrementsNs = holdIncrementsNs(HOLD_TABLE_SIZE, meanNs);
    this.sim = new Simulation(1024);
    const handlers = [
      (sim: Simulation) => this.step(sim, 0),
      (sim: Simulation) => this.step(sim, 1),
      (sim: Simulation) => this.step(sim, 2),
      (sim: Simulation) => this.step(sim, 3),
      (sim: Simulation) => this.step(sim, 4),
      (sim: Simulation) => this.step(sim, 5),
      (sim: Simulation) => this.step(sim, 6),
      (sim: Simulation) => this.step(sim, 7),
    ];
    handlers.forEach((h, k) => this.ids.push(this.sim.register(`hold${k}`, h)));
    const mask = HOLD_TABLE_SIZE - 1;
    for (let i = 0; i < pending; i++) {
      this.sim.schedule(this.incrementsNs[this.next++ & mask] as number, this.ids[i & 7] as number);
    }
  }

  private step(sim: Simulation, k: number): void {
    sim.schedule(this.incrementsNs[this.next++ & (HOLD_TABLE_SIZE - 1)] as number, this.ids[(k + 1) & 7] as number);
    if (++this.done === this.target) sim.stop();
  }

  runEvents(events: number): number {
    this.done = 0;
    this.target = events;
    return this.sim.run(MAX_TIME_NS);
  }
}

/** The queue surface the bare hold model needs; EventQueue and the candidates in queue-candidates.ts have it. */
export interface HoldQueue {
  readonly size: number;
  push(timeNs: number, seq: number, handler: number, a: number, b: number): void;
  peekTimeNs(): number | undefined;
  pop(out: PoppedEvent): boolean;
}

export class QueueHold {
  private readonly incrementsNs: Float64Array;
  private readonly out = emptyPoppedEvent();
  private next = 0;
  private seq = 0;

  constructor(
    private readonly queue: HoldQueue,
    pending: number,
    meanNs = HOLD_MEAN_NS,
  ) {
    this.incrementsNs = holdIncrementsNs(HOLD_TABLE_SIZE, meanNs);
    const mask = HOLD_TABLE_SIZE - 1;
    for (let i = 0; i < pending; i++) queue.push(this.incrementsNs[this.next++ & mask] as number, this.seq++, 0, 0, 0);
  }

  /** Pops and re-pushes `events` times (peek first, as Simulation.run does). */
  runEvents(events: number): void {
    const q = this.queue;
    const out = this.out;
    const inc = this.incrementsNs;
    const mask = HOLD_TABLE_SIZE - 1;
    for (let i = 0; i < events; i++) {
      q.peekTimeNs();
      q.pop(out);
      q.push(out.timeNs + (inc[this.next++ & mask] as number), this.seq++, out.handler, out.a, out.b);
    }
  }
}
