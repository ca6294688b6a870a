import { describe, expect, it } from 'vitest';
import type { KernelAbi } from '../../src/kernel/kernel-abi.ts';
import { KernelSession } from '../../src/kernel/kernel-session.ts';
import { LAYOUT_VERSION, pagesFor } from '../../src/kernel/layout.ts';
import { TwinKernel } from '../../src/kernel/twin/twin-kernel.ts';
import { instantiateKernel, loadKernelModule } from '../../src/kernel/load-kernel.ts';
import * as R from '../../src/kernel/reason.ts';

const G = { slotCount: 4, slotBytes: 128, headroom: 64 };

/** The twin with one ABI answer replaced, standing in for a kernel built from another layout. */
function skewed(patch: Partial<KernelAbi>): { abi: KernelAbi; buffer: ArrayBuffer } {
  const twin = new TwinKernel(pagesFor(G.slotCount, G.slotBytes, G.headroom));
  const abi = Object.assign(Object.create(twin) as KernelAbi, patch);
  return { abi, buffer: twin.buffer };
}

describe('the loader checks the kernel layout', () => {
  it('accepts the built module: same version and offsets', async () => {
    const k = await instantiateKernel(await loadKernelModule('release'), G);
    expect(k.abi.layoutVersion()).toBe(LAYOUT_VERSION);
    const d = await instantiateKernel(await loadKernelModule('debug'), G);
    expect(d.slotsOff).toBe(k.slotsOff);
  });

  it('refuses another layout version', () => {
    const { abi, buffer } = skewed({ layoutVersion: () => LAYOUT_VERSION + 1 });
    expect(() => new KernelSession('twin', abi, buffer, G)).toThrow(/layout version 2 does not match the host's 1/);
  });

  it('refuses a region at another offset', () => {
    const { abi, buffer } = skewed({ metaOffset: () => 12345 });
    expect(() => new KernelSession('twin', abi, buffer, G)).toThrow(/meta at 12345, host expects/);
  });

  it('refuses a configuration whose outer headers do not fit the headroom, and bad arguments', async () => {
    const k = await instantiateKernel(await loadKernelModule('release'), { slotCount: 1, slotBytes: 128, headroom: 56 });
    expect(k.abi.configure(R.MODE_VXLAN, 1, 4789, 0, 1500, 64)).toBe(0);
    expect(k.abi.configure(R.MODE_GENEVE, 1, 6081, 8, 1500, 64)).toBe(R.E_HEADROOM);
    expect(k.abi.configure(R.MODE_GENEVE, 1, 6081, 6, 1500, 64)).toBe(R.E_ARGUMENT);
    expect(k.abi.configure(R.MODE_VXLAN, 1 << 24, 4789, 0, 1500, 64)).toBe(R.E_ARGUMENT);
    expect(k.abi.init(1, 128, 56)).toBe(R.E_ALREADY);
  });
});
