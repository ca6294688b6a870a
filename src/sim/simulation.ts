import { EventQueue } from './event-queue.ts';
import { isValidTimeNs, MAX_TIME_NS, type TimeNs } from './time.ts';

// A module-local copy: when this file is loaded as CommonJS (tsx, vitest), an imported binding is read through a
// getter call, which cost about 10% of the scheduling path in the hold benchmark (node --cpu-prof).
const MAX_NS: TimeNs = MAX_TIME_NS;

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
  private readonly queue: EventQueue;
  private readonly handlers: EventHandler[] = [];
  private readonly handlerNames: string[] = [];
  private readonly cancelled = new Set<EventId>();
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
    // The comparisons also refuse NaN and infinities; Math.floor is cheaper here than Number.isSafeInteger.
    const timeNs = this.nowNs + delayNs;
    if (!(delayNs >= 0 && timeNs <= MAX_NS && Math.floor(timeNs) === timeNs)) badDelay(delayNs);
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
    // One lookup covers a negative, fractional, non-numeric or unregistered id: all give undefined.
    if (this.handlers[handler] === undefined) badHandler(handler);
    return this.queue.add(timeNs, handler, a, b);
  }

  /**
   * Cancels a pending event. Cancelling is lazy: the event stays in the queue and is skipped when it comes up.
   * Returns false if the id was never issued or was already cancelled; cancelling an event that already ran is
   * the caller's mistake and is not detected.
   */
  cancel(id: EventId): boolean {
    if (!Number.isInteger(id) || id < 0 || id >= this.queue.nextSeq || this.cancelled.has(id)) return false;
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
    if (!isValidTimeNs(untilNs) || untilNs < this.nowNs) badUntil(this.nowNs, untilNs);
    const start = this.dispatchedCount;
    const queue = this.queue;
    const cancelled = this.cancelled;
    this.stopRequested = false;
    const handlers = this.handlers;
    for (let o = queue.takeUntil(untilNs); o >= 0; o = queue.takeUntil(untilNs)) {
      // The record [timeNs, seq, handler, a, b] is read in place before the handler can change the queue.
      const r = queue.records;
      if (cancelled.size > 0 && cancelled.delete(r[o + 1] as number)) continue;
      this.nowNs = r[o] as number;
      this.dispatchedCount++;
      (handlers[(r[o + 2] as number) | 0] as EventHandler)(this, r[o + 3] as number, r[o + 4] as number);
      if (this.stopRequested) return this.dispatchedCount - start;
    }
    this.nowNs = untilNs;
    return this.dispatchedCount - start;
  }

  handlerName(id: number): string {
    return this.handlerNames[id] ?? `#${id}`;
  }
}

// The errors are thrown out of line so the scheduling path stays small enough for V8 to inline.
function badDelay(delayNs: number): never {
  throw new RangeError(`delay must be a non-negative integer number of nanoseconds, got ${delayNs}`);
}

function badUntil(nowNs: number, untilNs: number): never {
  throw new RangeError(`run(until) needs an integer time ≥ now (${nowNs} ns), got ${untilNs}`);
}

function badHandler(handler: number): never {
  throw new RangeError(`unknown handler id ${handler}`);
}
