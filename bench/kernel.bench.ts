/**
 * The per-packet kernel: WebAssembly (assembly/, release build) against its TypeScript twin (src/kernel/twin/),
 * in the same process, on the same packets and route table.
 *
 * Operations: lookup (LPM over 5,000 node /24s + service CIDR + default), encap (VXLAN), decap (VXLAN, full
 * validation) and the full path (lookup → encap → decap), on 64-byte and 1400-byte inner frames, in batches of
 * 1,024 and 1,048,576 packets. Full-path cases at batches of 1, 16 and 256 show how the per-call boundary cost is
 * amortised. Throughput unit: Mpps (million packets per second).
 *
 * The kernel imports its memory, which the host sizes before instantiating, so no ArrayBuffer is ever detached in
 * this process (a detach slows V8's typed-array code process-wide and would handicap the twin).
 *
 * Run alone: `npx tsx bench/kernel.bench.ts [--quick]` (prints medians and WASM÷TS ratios), or through
 * `npm run bench`. Quick mode skips the 1,048,576-packet batches of 1400-byte frames (3 GB of slots).
 */
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { writeInnerFrame } from '../src/kernel/inner-frame.ts';
import type { KernelSession } from '../src/kernel/kernel-session.ts';
import { M_LEN, M_SRC_NODE } from '../src/kernel/layout.ts';
import { createTwinKernel, instantiateKernel, loadKernelModule } from '../src/kernel/load-kernel.ts';
import { MODE_VXLAN, V_EGRESS, V_NODE, V_SERVICE } from '../src/kernel/reason.ts';
import { measurementsFromBench, type BenchSuite, type Measurement } from './suite.ts';

const NODES = 5000;
const POD_CIDR_BASE = 0x0a000000; // 10.0.0.0/8 holds 5,000 /24s
const NODE_IP_BASE = 0xac100000; // 172.16.0.0/16
const SERVICE_CIDR = 0x0b000000; // 11.0.0.0/16, outside the pod blocks
const HEADROOM = 64;

export type Op = 'lookup' | 'encap' | 'decap' | 'full';

interface Geometry {
  readonly frameBytes: number;
  readonly batch: number;
}

/** xorshift32 for bench inputs (not the simulation path). */
function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>>= 0);
  };
}

/** Routes and `batch` pod-to-pod UDP frames to random pods on random other nodes; primed up to encap. */
function prepare(k: KernelSession, g: Geometry): void {
  k.configure(MODE_VXLAN, 0x123456, 4789, 0, 9000, 64);
  k.abi.routeAdd(0, 0, V_EGRESS, 0);
  k.abi.routeAdd(SERVICE_CIDR, 16, V_SERVICE, 0);
  for (let n = 0; n < NODES; n++) k.abi.routeAdd(POD_CIDR_BASE + n * 256, 24, V_NODE, NODE_IP_BASE + 1 + n);
  const rnd = xorshift(12345);
  const lens = k.metaArray(M_LEN);
  const src = k.metaArray(M_SRC_NODE);
  for (let i = 0; i < g.batch; i++) {
    const a = rnd() % NODES;
    const b = (a + 1 + (rnd() % (NODES - 1))) % NODES;
    const srcIp = POD_CIDR_BASE + a * 256 + 4 + (rnd() % 250);
    const dstIp = POD_CIDR_BASE + b * 256 + 4 + (rnd() % 250);
    lens[i] = writeInnerFrame(k.u8, k.dv, k.frameAddr(i), srcIp, dstIp, 17, 32768 + (rnd() % 28000), 8080, g.frameBytes - 14, true, i);
    src[i] = NODE_IP_BASE + 1 + a;
  }
  k.abi.lookupBatch(g.batch);
  k.abi.encapBatch(g.batch);
}

export function runOp(k: KernelSession, op: Op, n: number): void {
  if (op === 'lookup') k.abi.lookupBatch(n);
  else if (op === 'encap') k.abi.encapBatch(n);
  else if (op === 'decap') k.abi.decapBatch(n);
  else k.abi.pathBatch(n);
}

/** WASM and twin kernels primed with the same routes and packets (exported for ad-hoc profiling). */
export async function kernels(g: Geometry): Promise<KernelSession[]> {
  const geometry = { slotCount: g.batch, slotBytes: Math.max(64, Math.ceil(g.frameBytes / 16) * 16), headroom: HEADROOM };
  const wasm = await instantiateKernel(await loadKernelModule('release'), geometry);
  const twin = createTwinKernel(geometry);
  prepare(wasm, g);
  prepare(twin, g);
  return [wasm, twin];
}

function taskName(kind: string, op: Op, g: Geometry, n: number): string {
  return `${kind === 'wasm' ? 'wasm' : 'ts-twin'} ${op} ${g.frameBytes}B batch ${n}`;
}

export const suite: BenchSuite = {
  name: 'kernel',
  async run({ quick }): Promise<Measurement[]> {
    const out: Measurement[] = [];
    const geometries: Geometry[] = [
      { frameBytes: 64, batch: 1024 },
      { frameBytes: 1400, batch: 1024 },
      { frameBytes: 64, batch: 1_048_576 },
      ...(quick ? [] : [{ frameBytes: 1400, batch: 1_048_576 }]),
    ];
    for (const g of geometries) {
      const big = g.batch > 100_000;
      const bench = new Bench({
        time: quick ? (big ? 50 : 100) : big ? 4000 : 1000,
        warmupTime: quick ? 20 : 200,
        iterations: quick ? 3 : 10,
        retainSamples: true,
        throws: true,
      });
      const items = new Map<string, number>();
      const [wasm, twin] = await kernels(g);
      const sizes = g.batch === 1024 && g.frameBytes === 64 ? [1, 16, 256, 1024] : [g.batch];
      for (const op of ['lookup', 'encap', 'decap', 'full'] as const) {
        for (const n of op === 'full' ? sizes : [g.batch]) {
          // WASM and twin tasks alternate, so drift in machine load hits both alike.
          for (const k of [wasm, twin] as const) {
            if (k === undefined) continue;
            const name = taskName(k.kind, op, g, n);
            items.set(name, n);
            bench.add(name, () => runOp(k, op, n));
          }
        }
      }
      await bench.run();
      out.push(...measurementsFromBench('kernel', bench, 'Mpps', (t) => (items.get(t) ?? 0) / 1e6));
    }
    return out;
  },
};

/** Median WASM ÷ twin ratios for every case measured on both. */
export function ratios(ms: readonly Measurement[]): Array<{ case: string; wasmMpps: number; twinMpps: number; ratio: number }> {
  const rows = [];
  for (const m of ms) {
    if (!m.case.startsWith('wasm ')) continue;
    const twin = ms.find((t) => t.case === m.case.replace(/^wasm /, 'ts-twin '));
    if (twin === undefined) continue;
    rows.push({ case: m.case.slice(5), wasmMpps: m.median, twinMpps: twin.median, ratio: m.median / twin.median });
  }
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  const ms = await suite.run({ quick });
  const fmt = (x: number) => x.toFixed(2).padStart(9);
  process.stdout.write('case                               wasm Mpps  twin Mpps  wasm÷ts  ns/pkt wasm  ns/pkt ts\n');
  for (const r of ratios(ms)) {
    process.stdout.write(
      `${r.case.padEnd(34)} ${fmt(r.wasmMpps)}  ${fmt(r.twinMpps)}  ${fmt(r.ratio)}  ${fmt(1e3 / r.wasmMpps)}  ${fmt(1e3 / r.twinMpps)}\n`,
    );
  }
}
