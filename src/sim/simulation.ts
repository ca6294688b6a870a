import { EventQueue, emptyPoppedEvent } from './event-queue.ts';
import { isValidTimeNs, type TimeNs } from './time.ts';

/** What a handler receives: the simulation (for `now` and scheduling) and the event's two numeric arguments. */
export type EventHandler = (sim: Simulation, a: number, b: number) => void;

/** Identifies a scheduled event so it can be cancelled. It is the event's insertion sequence number. */
export type EventId = number;

/**
 * The simulation loop: a clock, the pending-event queue and a table of handlers.
 *
 * Events are dispatched in (timeNs, seq) order, where seq is the scheduling order, so ties are first in,
 * first out. A simulation is a plain value: two simulations share nothing and may run side by side.
 *
 * Handlers are registered once (each gets a small integer id) and events carry that id plus two numbers,
 * so scheduling and dispatching allocate nothing per event. Models keep their own state in typed arrays and
 * use the numbers as indices into it.
 */
export class Simulation {
  private nowNs: TimeNs = 0;
  private nextSeq = 0;
  private readonly queue: EventQueue;
  private readonly handlers: EventHandler[] = [];
  private readonly handlerNames: string[] = [];
  private readonly cancelled = new Set<EventId>();
  private readonly popped = emptyPoppedEvent();
  private dispatchedCount = 0;
  private stopRequested = false;

  constructor(initialQueueCapacity = 1024) {
    this.queue = new EventQueue(initialQueueCapacity);
  }

  get now(): TimeNs {
    return this.nowNs;
  }

  /** Events dispatched so far (cancelled events are not counted). */
  get dispatched(): number {
    return this.dispatchedCount;
  }

  /** Events scheduled and not yet dispatched or cancelled. */
  get pending(): number {
    return this.queue.size - this.cancelled.size;
  }

  /** Registers a handler and returns the id that `schedule` takes. The name appears in error messages only. */
  register(name: string, handler: EventHandler): number {
    this.handlers.push(handler);
    this.handlerNames.push(name);
    return this.handlers.length - 1;
  }

  /** Schedules `handler(a, b)` after `delayNs` (an integer ≥ 0). */
  schedule(delayNs: number, handler: number, a = 0, b = 0): EventId {
    // One check covers both: a negative, fractional or non-finite delay gives an invalid absolute time. This is
    // the path every model event takes, so it validates once rather than again in scheduleAt.
    const timeNs = this.nowNs + delayNs;
    if (!(delayNs >= 0) || !Number.isSafeInteger(timeNs)) {
      throw new RangeError(`delay must be a non-negative integer number of nanoseconds, got ${delayNs}`);
    }
    return this.enqueue(timeNs, handler, a, b);
  }

  /** Schedules `handler(a, b)` at the absolute time `timeNs`, which must not be in the past. */
  scheduleAt(timeNs: TimeNs, handler: number, a = 0, b = 0): EventId {
    if (!isValidTimeNs(timeNs) || timeNs < this.nowNs) {
      throw new RangeError(`event time must be an integer ≥ now (${this.nowNs} ns), got ${timeNs}`);
    }
    return this.enqueue(timeNs, handler, a, b);
  }

  private enqueue(timeNs: TimeNs, handler: number, a: number, b: number): EventId {
    if (!(handler >= 0 && handler < this.handlers.length) || (handler | 0) !== handler) {
      throw new RangeError(`unknown handler id ${handler}`);
    }
    const seq = this.nextSeq++;
    this.queue.push(timeNs, seq, handler, a, b);
    return seq;
  }

  /**
   * Cancels a pending event. Cancelling is lazy: the event stays in the queue and is skipped when it comes up.
   * Returns false if the id was never issued or was already cancelled; cancelling an event that already ran is
   * the caller's mistake and is not detected.
   */
  cancel(id: EventId): boolean {
    if (!Number.isInteger(id) || id < 0 || id >= this.nextSeq || this.cancelled.has(id)) return false;
    this.cancelled.add(id);
    return true;
  }

  /** Asks `run` to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Dispatches every event with time ≤ `untilNs` in order, then sets the clock to `untilNs`
   * (unless `stop()` was called, in which case the clock stays at the last event's time).
   * Returns the number of events dispatched by this call.
   */
  run(untilNs: TimeNs): number {
    if (!isValidTimeNs(untilNs) || untilNs < this.nowNs) {
      throw new RangeError(`run(until) needs an integer time ≥ now (${this.nowNs} ns), got ${untilNs}`);
    }
    const start = this.dispatchedCount;
    const queue = this.queue;
    const ev = this.popped;
    const cancelled = this.cancelled;
    this.stopRequested = false;
    const handlers = this.handlers;
    while (queue.popUntil(untilNs, ev)) {
      if (cancelled.size > 0 && cancelled.delete(ev.seq)) continue;
      this.nowNs = ev.timeNs;
      this.dispatchedCount++;
      (handlers[ev.handler] as EventHandler)(this, ev.a, ev.b);
      if (this.stopRequested) return this.dispatchedCount - start;
    }
    this.nowNs = untilNs;
    return this.dispatchedCount - start;
  }

  handlerName(id: number): string {
    return this.handlerNames[id] ?? `#${id}`;
  }
}
