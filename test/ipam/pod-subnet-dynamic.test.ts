import { describe, expect, it } from 'vitest';
import { dynamicTargetIps } from '../../src/model/azure/limits.ts';
import { ipamHarness } from './harness.ts';

const S = 1_000_000_000;

describe('Pod Subnet dynamic allocation in batches of 16', () => {
  it('follows the ACN target formula: U = 25 → 48 (ipammath 1-ipam-math.md), clamped at maxPods', () => {
    expect(dynamicTargetIps(25, 250)).toBe(48);
    expect(dynamicTargetIps(0, 250)).toBe(16);
    expect(dynamicTargetIps(8, 250)).toBe(16); // 8 free of 16: not fewer than 8 yet
    expect(dynamicTargetIps(9, 250)).toBe(32); // 7 free: ask for the next batch
    expect(dynamicTargetIps(100, 110)).toBe(110);
    expect(dynamicTargetIps(10, 250, 1)).toBe(11); // exhausted subnet: batch and buffer 1
  });

  it('requests 16 at start, usable only after the batch delay, and 16 more when fewer than 8 are free', () => {
    const { sim, ipam, notified, spec } = ipamHarness('pod-subnet-dynamic', { batchDelayS: 2 });
    ipam.addNode(0, spec(110));
    expect(ipam.vnetIpsAllocated()).toBe(1 + 16);
    expect(ipam.assignPodIp(0)).toBe('ip-batch-pending');
    sim.run(2 * S);
    expect(notified).toEqual([0]);
    const log: number[] = [];
    for (let i = 0; i < 9; i++) {
      expect(ipam.assignPodIp(0)).toBe('ok');
      log.push(ipam.vnetIpsAllocated() - 1);
    }
    // The 9th pod leaves 7 free: the node asks for the next batch (32 held).
    expect(log).toEqual([16, 16, 16, 16, 16, 16, 16, 16, 32]);
    expect(ipam.vnetIpsUsed()).toBe(1 + 9);
  });

  it('drops batch and buffer to 1 when the subnet cannot supply 16, and reports pod-subnet-full once empty', () => {
    // /27: 27 usable. Node 0 takes a batch of 16; 11 are left, fewer than a batch, so node 1 asks one at a time.
    const { sim, ipam, spec } = ipamHarness('pod-subnet-dynamic', { podSubnet: '10.225.0.0/27', batchDelayS: 1 });
    ipam.addNode(0, spec(110));
    ipam.addNode(1, spec(110));
    expect(ipam.vnetIpsAllocated()).toBe(2 + 16 + 1);
    const outcomes: string[] = [];
    for (;;) {
      const r = ipam.assignPodIp(1);
      if (r === 'ip-batch-pending') sim.run(sim.now + 1 * S);
      else outcomes.push(r);
      if (r !== 'ok' && r !== 'ip-batch-pending') break;
    }
    expect(outcomes).toEqual([...Array<string>(11).fill('ok'), 'pod-subnet-full']);
    expect(ipam.vnetIpsAllocated()).toBe(2 + 27);
  });

  it('gives addresses back down to the target when more than 24 are free', () => {
    const { sim, ipam, spec } = ipamHarness('pod-subnet-dynamic', { releaseDelayS: 1, batchDelayS: 1 });
    ipam.addNode(0, spec(110));
    sim.run(1 * S);
    for (let i = 0; i < 40; i++) {
      if (ipam.assignPodIp(0) !== 'ok') sim.run(sim.now + 1 * S);
    }
    const held = ipam.vnetIpsAllocated() - 1;
    expect(held).toBe(dynamicTargetIps(40, 110)); // 48 for 40 in use
    for (let i = 0; i < 30; i++) ipam.releasePodIp(0);
    sim.run(sim.now + 2 * S);
    expect(ipam.vnetIpsAllocated() - 1).toBe(dynamicTargetIps(10, 110)); // 32 for 10 in use
  });
});
