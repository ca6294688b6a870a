/**
 * cnisim's side of the ns-3 comparison, with ns3-hold.cc's protocol: for each repetition, a fresh Simulation is
 * filled with PENDING events from the shared increment table, then EVENTS events are dispatched through a
 * registered handler that schedules its successor, and only that run is timed.
 *
 * Usage: tsx bench/peers/cnisim-hold.ts PENDING EVENTS REPS MEAN_NS [HANDLERS]
 * HANDLERS is 1 (default: one handler, which V8 may inline into the dispatch loop) or 8 (eight handlers taking
 * turns: the dispatch is megamorphic, as in a real model).
 * Output: one CSV line per repetition: cnisim (or cnisim-8h),pending,events,wall_s,cpu_s
 */
import { cpuUsage, hrtime } from 'node:process';
import { MultiHandlerHold, SimulationHold } from '../hold-model.ts';

const [pendingArg, eventsArg, repsArg, meanArg, handlersArg] = process.argv.slice(2);
if (pendingArg === undefined || eventsArg === undefined || repsArg === undefined || meanArg === undefined) {
  throw new Error('usage: cnisim-hold.ts PENDING EVENTS REPS MEAN_NS');
}
const pending = Number(pendingArg);
const events = Number(eventsArg);
const eight = handlersArg === '8';
const label = eight ? 'cnisim-8h' : 'cnisim';
for (let r = 0; r < Number(repsArg); r++) {
  const hold = eight ? new MultiHandlerHold(pending, Number(meanArg)) : new SimulationHold(pending, Number(meanArg));
  const c0 = cpuUsage();
  const w0 = hrtime.bigint();
  const done = hold.runEvents(events);
  const wallS = Number(hrtime.bigint() - w0) / 1e9;
  const c = cpuUsage(c0);
  process.stdout.write(`${label},${pending},${done},${wallS.toFixed(6)},${((c.user + c.system) / 1e6).toFixed(6)}\n`);
}
