// Run by zero-alloc.test.ts in its own process: warms up, then runs every kernel operation over whole batches and
// reports how many garbage collections started during each section (a per-packet allocation would cause many).
// The clock here only attributes GC events to sections; nothing is timed or asserted on time.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { kernels, runOp } from '../../bench/kernel.bench.ts';
import { createTwinKernel, instantiateKernel, loadKernelModule } from '../../src/kernel/load-kernel.ts';
import { prepareIpv6 } from './ipv6-batch.ts';

const BATCHES = 1500;
const OPS = ['lookup', 'encap', 'decap', 'full'] as const;
const gcStarts: number[] = [];
const obs = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcStarts.push(e.startTime);
});
obs.observe({ entryTypes: ['gc'] });

const ks = await kernels({ frameBytes: 64, batch: 1024 });
// The same operations on IPv6 (VXLAN over IPv6, IPv6 pods): the family-aware path (assembly/path6.ts, twin-path6.ts).
const g6 = { slotCount: 1024, slotBytes: 96, headroom: 80 };
const ks6 = [await instantiateKernel(await loadKernelModule('release'), g6), createTwinKernel(g6)];
for (const k of ks6) prepareIpv6(k, 1024, 70);
for (const k of [...ks, ...ks6]) for (let r = 0; r < 1000; r++) for (const op of OPS) runOp(k, op, 1024);
const sections: Array<{ name: string; from: number; to: number }> = [];
for (const [label, list] of [['', ks], [' ipv6', ks6]] as const) {
  for (const k of list) {
    for (const op of OPS) {
      const from = performance.now();
      for (let r = 0; r < BATCHES; r++) runOp(k, op, 1024);
      sections.push({ name: `${k.kind} ${op}${label}`, from, to: performance.now() });
    }
  }
}
await new Promise((resolve) => setTimeout(resolve, 50));
obs.disconnect();
const result: Record<string, number> = { 'gc events observed in total': gcStarts.length };
for (const s of sections) result[s.name] = gcStarts.filter((t) => t >= s.from && t <= s.to).length;
process.stdout.write(`${JSON.stringify(result)}\n`);
