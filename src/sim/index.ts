export { Simulation, type EventHandler, type EventId } from './simulation.ts';
export { EventQueue, emptyPoppedEvent, type PoppedEvent } from './event-queue.ts';
export { RngStream, streamKey, replicateSeed } from './rng.ts';
export { TraceBus } from './trace.ts';
export { NS_PER_MS, NS_PER_S, NS_PER_US, MAX_TIME_NS, secondsToNs, nsToSeconds, isValidTimeNs, type TimeNs } from './time.ts';
