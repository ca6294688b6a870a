import { describe, expect, it } from 'vitest';
import type { KernelAbi } from '../../src/kernel/kernel-abi.ts';
import { KernelSession } from '../../src/kernel/kernel-session.ts';
import { LAYOUT_VERSION, pagesFor } from '../../src/kernel/layout.ts';
import { TwinKernel } from '../../src/kernel/twin/twin-kernel.ts';
import { createTwinKernel, instantiateKernel, loadKernelModule } from '../../src/kernel/load-kernel.ts';
import * as R from '../../src/kernel/reason.ts';
import { M_LEN, M_REASON } from '../../src/kernel/layout.ts';
import { VECTORS6 } from './kernel-fixture6.ts';

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
    expect(() => new KernelSession('twin', abi, buffer, G)).toThrow(`layout version ${LAYOUT_VERSION + 1} does not match the host's ${LAYOUT_VERSION}`);
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

  it('refuses address families whose outer headers do not fit, mixed families without a tunnel, IPv6 below 1280', async () => {
    for (const k of [
      await instantiateKernel(await loadKernelModule('release'), { slotCount: 1, slotBytes: 128, headroom: 56 }),
      createTwinKernel({ slotCount: 1, slotBytes: 128, headroom: 56 }),
    ]) {
      const abi = k.abi;
      expect(abi.configure(R.MODE_VXLAN, 1, 4789, 0, 1500, 64), k.kind).toBe(0);
      expect(abi.configureFamilies(0, 1, 0, 0, 0), k.kind).toBe(0); // IPv6 pods over IPv4: 50 B still fits 56
      expect(abi.configureFamilies(1, 1, 0, 0, 0), k.kind).toBe(R.E_HEADROOM); // VXLAN over IPv6 is 70 B
      expect(abi.configureFamilies(2, 0, 0, 0, 0), k.kind).toBe(R.E_ARGUMENT);
      expect(abi.configure(R.MODE_NONE, 1, 1, 0, 1500, 64), k.kind).toBe(0);
      expect(abi.configureFamilies(1, 1, 0, 0, 0), k.kind).toBe(0); // native IPv6 adds nothing
      expect(abi.configureFamilies(1, 0, 0, 0, 0), k.kind).toBe(R.E_ARGUMENT); // native: the pod's packet is the wire's
      expect(abi.configure(R.MODE_NONE, 1, 1, 0, 1279, 64), k.kind).toBe(0);
      expect(abi.configureFamilies(1, 1, 0, 0, 0), k.kind).toBe(R.E_ARGUMENT); // RFC 8200 §5: IPv6 links are ≥ 1280
      expect(abi.configureFamilies(0, 0, 0, 0, 0), k.kind).toBe(0);
    }
  });

  it('configure resets the families: the IPv6 outer length is recomputed for the new tunnel', async () => {
    const g = { slotCount: 1, slotBytes: 128, headroom: 72 };
    for (const k of [await instantiateKernel(await loadKernelModule('release'), g), createTwinKernel(g)]) {
      expect(k.abi.configure(R.MODE_VXLAN, 1, 4789, 0, 1500, 64), k.kind).toBe(0);
      expect(k.abi.configureFamilies(1, 1, 0, 0, 0), k.kind).toBe(0); // 70 B fit 72
      expect(k.abi.configure(R.MODE_GENEVE, 1, 6081, 4, 1500, 64), k.kind).toBe(0); // 54 B over IPv4
      expect(k.abi.configureFamilies(1, 1, 0, 0, 0), k.kind).toBe(R.E_HEADROOM); // 74 B over IPv6 do not
      // Back to IPv4 only: an IPv6 pod frame is not a valid inner packet any more.
      k.abi.routeAdd(0, 0, R.V_NODE, 1);
      k.u8.set(VECTORS6.inner, k.frameAddr(0));
      k.setMeta(M_LEN, 0, VECTORS6.inner.length);
      k.abi.lookupBatch(1);
      expect(k.meta(M_REASON, 0), k.kind).toBe(R.R_BAD_INNER);
    }
  });
});
