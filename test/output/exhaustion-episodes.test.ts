import { describe, expect, it } from 'vitest';
import { EpisodeTracker } from '../../src/output/exhaustion-episodes.ts';

const S = 1e9;

describe('exhaustion episodes', () => {
  it('joins refusals of one cause in one pool while no whole sample interval passes without one', () => {
    const t = new EpisodeTracker();
    t.refuse(10 * S, 'node', 'node-subnet-full', 'user'); // interval 0
    t.tick();
    t.refuse(70 * S, 'node', 'node-subnet-full', 'user'); // interval 1: continues
    t.tick();
    t.tick();
    t.refuse(200 * S, 'node', 'node-subnet-full', 'user'); // interval 3: interval 2 had none, so a new episode
    t.refuse(201 * S, 'node', 'pod-subnet-full', 'user'); // another cause: its own episode
    t.refuse(201 * S, 'pod', 'pod-subnet-full', 'user'); // another kind of request: its own episode
    t.refuse(202 * S, 'node', 'node-subnet-full', 'system'); // another pool: its own episode
    expect(t.episodes()).toEqual([
      { refused: 'node', cause: 'node-subnet-full', pool: 'user', firstNs: 10 * S, lastNs: 70 * S, attempts: 2 },
      { refused: 'node', cause: 'node-subnet-full', pool: 'user', firstNs: 200 * S, lastNs: 200 * S, attempts: 1 },
      { refused: 'node', cause: 'pod-subnet-full', pool: 'user', firstNs: 201 * S, lastNs: 201 * S, attempts: 1 },
      { refused: 'pod', cause: 'pod-subnet-full', pool: 'user', firstNs: 201 * S, lastNs: 201 * S, attempts: 1 },
      { refused: 'node', cause: 'node-subnet-full', pool: 'system', firstNs: 202 * S, lastNs: 202 * S, attempts: 1 },
    ]);
  });

  it('keeps one row for any number of refusals in consecutive intervals', () => {
    const t = new EpisodeTracker();
    for (let i = 0; i < 10_000; i++) {
      t.refuse(i * S, 'pod', 'pod-subnet-full', 'user');
      if (i % 60 === 59) t.tick();
    }
    expect(t.episodes()).toEqual([{ refused: 'pod', cause: 'pod-subnet-full', pool: 'user', firstNs: 0, lastNs: 9999 * S, attempts: 10_000 }]);
  });

  it('refuses by interned key exactly as by strings: one key per (refused, cause, pool), episodes split by a silent interval', () => {
    const t = new EpisodeTracker();
    const a = t.keyOf('pod', 'pod-subnet-full', 'pool1');
    const b = t.keyOf('pod', 'pod-subnet-full', 'pool2');
    expect([t.keyOf('pod', 'pod-subnet-full', 'pool1'), a === b, t.keyOf('node', 'pod-subnet-full', 'pool1') === a]).toEqual([a, false, false]);
    t.refuseKey(5 * S, a, 3); // interval 0
    t.refuse(6 * S, 'pod', 'pod-subnet-full', 'pool1', 2); // the same episode, by strings
    t.refuseKey(7 * S, b);
    t.tick();
    t.tick();
    t.refuseKey(150 * S, a, 4); // interval 2: interval 1 had none, so a new episode
    expect(t.episodes()).toEqual([
      { refused: 'pod', cause: 'pod-subnet-full', pool: 'pool1', firstNs: 5 * S, lastNs: 6 * S, attempts: 5 },
      { refused: 'pod', cause: 'pod-subnet-full', pool: 'pool2', firstNs: 7 * S, lastNs: 7 * S, attempts: 1 },
      { refused: 'pod', cause: 'pod-subnet-full', pool: 'pool1', firstNs: 150 * S, lastNs: 150 * S, attempts: 4 },
    ]);
  });
});
