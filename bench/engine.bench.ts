/**
 * Event engine: the hold model (hold-model.ts) at 1,000 and 1,000,000 pending events.
 *
 * - "simulation hold": Simulation.run dispatching a registered handler that schedules its successor through
 *   Simulation.schedule: what a model pays per event. These are the figures compared with ns-3
 *   (bench/peers/run.sh). "8 handlers": the same with eight handlers taking turns, so the dispatch is
 *   megamorphic as in a real model (ns-3 always dispatches through a virtual call).
 * - "queue only": the bare structure (peek, pop, push), for the radix queue in src/sim/event-queue.ts and the
 *   heaps it replaced (queue-candidates.ts), so the choice of structure can be re-measured.
 *
 * Run alone: `npx tsx bench/run.ts --filter engine` (add `--quick` for a smoke run).
 */
import { Bench } from 'tinybench';
import { EventQueue } from '../src/sim/event-queue.ts';
import { MultiHandlerHold, QueueHold, SimulationHold, type HoldQueue } from './hold-model.ts';
import { DaryHeap } from './queue-candidates.ts';
import { measurementsFromBench, type BenchSuite, type Measurement } from './suite.ts';

const SIZES = [1_000, 1_000_000] as const;

interface Runner {
  runEvents(events: number): unknown;
}

const QUEUES: ReadonlyArray<readonly [string, () => HoldQueue]> = [
  ['radix queue (EventQueue)', () => new EventQueue(1024)],
  ['4-ary heap', () => new DaryHeap(4)],
  ['binary heap', () => new DaryHeap(2)],
];

export const suite: BenchSuite = {
  name: 'engine',
  async run({ quick }): Promise<Measurement[]> {
    const batch = quick ? 5_000 : 100_000;
    const bench = new Bench({
      time: quick ? 20 : 1500,
      warmupTime: quick ? 5 : 300,
      iterations: quick ? 2 : 10,
      retainSamples: true,
      throws: true,
    });
    const cases: Array<[string, () => Runner]> = [];
    for (const pending of SIZES) {
      cases.push([`simulation hold, ${pending.toLocaleString('en-US')} pending`, () => new SimulationHold(pending)]);
      cases.push([`simulation hold, 8 handlers, ${pending.toLocaleString('en-US')} pending`, () => new MultiHandlerHold(pending)]);
    }
    for (const pending of SIZES) {
      for (const [label, make] of QUEUES) {
        cases.push([`queue only, ${label}, ${pending.toLocaleString('en-US')} pending`, () => new QueueHold(make(), pending)]);
      }
    }
    for (const [name, make] of cases) {
      let runner: Runner | null = null;
      bench.add(
        name,
        () => {
          (runner as Runner).runEvents(batch);
        },
        {
          beforeAll: () => {
            runner = make();
          },
          afterAll: () => {
            runner = null;
          },
        },
      );
    }
    await bench.run();
    return measurementsFromBench('engine', bench, 'events/s', () => batch);
  },
};
