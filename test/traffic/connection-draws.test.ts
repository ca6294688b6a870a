import { describe, expect, it } from 'vitest';
import { CLOSE_FIN, CLOSE_IDLE, CLOSE_RST, CLOSE_UDP } from '../../src/model/traffic/close-type.ts';
import { ConnectionDraws } from '../../src/model/traffic/connection-draws.ts';
import type { TrafficWorkload } from '../../src/model/traffic/traffic-spec.ts';

function w(over: Partial<TrafficWorkload>): TrafficWorkload {
  return {
    name: 'w',
    poolIndex: -1,
    rateSteps: [{ atNs: 0, ratePerPodPerS: 1 }],
    destinations: [
      { kind: 'external', ip: 1, port: 443, protocol: 'tcp', weight: 3 },
      { kind: 'external', ip: 2, port: 53, protocol: 'udp', weight: 1 },
    ],
    duration: { kind: 'fixed', valueS: 0.25 },
    closeWeights: [0.7, 0.2, 0.1, 0],
    keepAliveNs: null,
    ...over,
  };
}

function sample(d: ConnectionDraws, n: number) {
  const dest = [0, 0];
  const close = [0, 0, 0, 0, 0];
  let sumS = 0;
  for (let i = 0; i < n; i++) {
    d.draw();
    dest[d.dest] = (dest[d.dest] ?? 0) + 1;
    close[d.closeCode] = (close[d.closeCode] ?? 0) + 1;
    sumS += d.durationNs / 1e9;
  }
  return { dest, close, meanS: sumS / n };
}

describe('per-request draws', () => {
  it('fixed duration, destination weights 3:1, UDP always closes by idle timeout, TCP by the close weights', () => {
    const n = 40_000;
    const { dest, close, meanS } = sample(new ConnectionDraws(1, 0, w({})), n);
    expect(meanS).toBe(0.25);
    expect((dest[0] ?? 0) / n).toBeCloseTo(0.75, 1);
    expect(close[CLOSE_UDP]).toBe(dest[1]);
    const tcp = dest[0] ?? 1;
    expect((close[CLOSE_FIN] ?? 0) / tcp).toBeCloseTo(0.7, 1);
    expect((close[CLOSE_RST] ?? 0) / tcp).toBeCloseTo(0.2, 1);
    expect((close[CLOSE_IDLE] ?? 0) / tcp).toBeCloseTo(0.1, 1);
  });

  it('exponential and lognormal durations have the requested mean', () => {
    expect(sample(new ConnectionDraws(2, 0, w({ duration: { kind: 'exponential', meanS: 2 } })), 50_000).meanS).toBeCloseTo(2, 1);
    expect(sample(new ConnectionDraws(2, 0, w({ duration: { kind: 'lognormal', meanS: 0.2, stdDevS: 0.1 } })), 50_000).meanS).toBeCloseTo(0.2, 2);
  });

  it('streams are keyed by (seed, replicate, workload name): same key, same draws', () => {
    const a = new ConnectionDraws(5, 1, w({ duration: { kind: 'exponential', meanS: 1 } }));
    const b = new ConnectionDraws(5, 1, w({ duration: { kind: 'exponential', meanS: 1 } }));
    const c = new ConnectionDraws(5, 2, w({ duration: { kind: 'exponential', meanS: 1 } }));
    const seq = (d: ConnectionDraws) => Array.from({ length: 5 }, () => (d.draw(), [d.dest, d.durationNs, d.closeCode])).flat();
    const sa = seq(a);
    expect(seq(b)).toEqual(sa);
    expect(seq(c)).not.toEqual(sa);
  });
});
