import { describe, expect, it } from 'vitest';
import type { PodIpFailedEvent } from '../../src/model/cluster/cluster-view.ts';
import { PodIpLedger } from '../../src/model/cluster/pod-ip-ledger.ts';
import type { ExhaustionCause, IpamModel } from '../../src/model/ipam/ipam-model.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { TraceBus } from '../../src/sim/trace.ts';

/** An IPAM with one node whose free addresses and wait cause the test sets by hand. */
function scriptedIpam() {
  const state = { free: 0, cause: 'pod-subnet-full' as ExhaustionCause };
  const ipam = {
    assignPodIps: (_node: number, count: number) => {
      const got = Math.min(count, state.free);
      state.free -= got;
      return got;
    },
    waitCause: () => state.cause,
    vnetIpsAllocated: () => 0,
    vnetIpsUsed: () => 0,
    podCidrBlocksAllocated: () => 0,
  } as unknown as IpamModel;
  return { state, ipam };
}

function ledger() {
  const { state, ipam } = scriptedIpam();
  const events = new TraceBus<PodIpFailedEvent>();
  const refused: number[] = [];
  events.subscribe((e) => refused.push(e.pods));
  return { state, refused, l: new PodIpLedger(new Simulation(), ipam, events, 1) };
}

describe('pod IP ledger: each waiting pod counted once, by its final outcome (issue 9 item 1)', () => {
  it('5 pods refused by a full subnet, 5 more held by a batch in flight, then all 10 get an address: 0 failed, 10 waited', () => {
    const { state, refused, l } = ledger();
    l.bind(0, 0, 5);
    state.cause = 'ip-batch-pending';
    l.bind(0, 0, 5);
    expect(refused).toEqual([5]);
    expect([l.podsFailedIp, l.podsWaitedIp]).toEqual([5, 5]);
    // The 5 refused are the oldest: they take the first 3 addresses, then the last 7 go to 2 refused and 5 others.
    state.free = 3;
    expect(l.take(0, 0)).toBe(3);
    expect([l.podsFailedIp, l.podsWaitedIp]).toEqual([2, 8]);
    state.free = 7;
    expect(l.take(0, 0)).toBe(7);
    expect([l.podsFailedIp, l.podsWaitedIp, l.podsWaiting]).toEqual([0, 10, 0]);
  });

  it('a refused pod that got an address is not refused again: the next full subnet counts only the others', () => {
    const { state, refused, l } = ledger();
    l.bind(0, 0, 5);
    state.cause = 'ip-batch-pending';
    l.bind(0, 0, 5);
    state.free = 3;
    l.take(0, 0);
    // 7 wait: 2 refused before, 5 held by the batch. The subnet is now full for them too.
    state.cause = 'pod-subnet-full';
    l.classify(0);
    expect(refused).toEqual([5, 5]);
    expect([l.podsFailedIp, l.podsWaitedIp, l.podsWaiting]).toEqual([7, 3, 7]);
  });
});
