/**
 * Simulation time is an integer number of nanoseconds held in a JS number. Integers are exact up to 2^53 ns,
 * about 104 days of simulated time, which is far beyond any scenario cnisim runs (the longest is a week).
 * Time is always passed in; nothing in the simulation reads a clock.
 */
export type TimeNs = number;

export const NS_PER_US = 1_000;
export const NS_PER_MS = 1_000_000;
export const NS_PER_S = 1_000_000_000;
export const MAX_TIME_NS: TimeNs = Number.MAX_SAFE_INTEGER;

/** Seconds (possibly fractional) to integer nanoseconds, rounding to the nearest nanosecond. */
export function secondsToNs(seconds: number): TimeNs {
  return Math.round(seconds * NS_PER_S);
}

export function nsToSeconds(timeNs: TimeNs): number {
  return timeNs / NS_PER_S;
}

export function isValidTimeNs(timeNs: number): boolean {
  return Number.isSafeInteger(timeNs) && timeNs >= 0;
}
