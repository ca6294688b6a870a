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
 * The full run pools 4 short rounds per case, WASM and twin adjacent with their order swapped each round, so
 * drifting machine load does not favour either side.
 *
 * Run alone: `npx tsx bench/kernel.bench.ts [--quick]` (prints medians and WASM÷TS ratios), or through
 * `npm run bench`. Quick mode measures a 65,536-packet batch instead of the 1,048,576-packet ones.
 */
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { writeInnerFrame } from '../src/kernel/inner-frame.ts';
import type { KernelSession } from '../src/kernel/kernel-session.ts';
import { M_LEN, M_SRC_NODE } from '../src/kernel/layout.ts';
import { createTwinKernel, instantiateKernel, loadKernelModule } from '../src/kernel/load-kernel.ts';
import { MODE_VXLAN, V_EGRESS, V_NODE, V_SERVICE } from '../src/kernel/reason.ts';
import { quantile, type BenchSuite, type Measurement } from './suite.ts';

const NODES = 5000;
const POD_CIDR_BASE = 0x0a000000; // 10.0.0.0/8 holds 5,000 /24s
const NODE_IP_BASE = 0xac100000; // 172.16.0.0/16
const SERVICE_CIDR = 0x0b000000; // 11.0.0.0/16, outside the pod blocks
export const HEADROOM = 64;
/** The kernel settings every case runs with (the native C peer reads them from the geometry file). */
export const BENCH_VNI = 0x123456;
export const BENCH_VXLAN_PORT = 4789;
export const BENCH_MTU = 9000;
export const BENCH_TTL = 64;

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
export function prepare(k: KernelSession, g: Geometry): void {
  k.configure(MODE_VXLAN, BENCH_VNI, BENCH_VXLAN_PORT, 0, BENCH_MTU, BENCH_TTL);
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
    // Quick mode is a smoke run (npm run bench --quick runs every suite in one test): a 65,536-packet batch
    // stands in for the 1,048,576-packet ones, which take 150 MB (64 B) and 1.5 GB (1400 B) per kernel.
    const geometries: Geometry[] = quick
      ? [{ frameBytes: 64, batch: 1024 }, { frameBytes: 1400, batch: 1024 }, { frameBytes: 64, batch: 65_536 }]
      : [
          { frameBytes: 64, batch: 1024 },
          { frameBytes: 1400, batch: 1024 },
          { frameBytes: 64, batch: 1_048_576 },
          { frameBytes: 1400, batch: 1_048_576 },
        ];
    for (const g of geometries) {
      const big = g.batch > 100_000;
      const [wasm, twin] = await kernels(g);
      if (wasm === undefined || twin === undefined) throw new Error('two kernels expected');
      const sizes = g.batch === 1024 && g.frameBytes === 64 ? [1, 16, 256, 1024] : [g.batch];
      const cases: Array<{ name: string; k: KernelSession; op: Op; n: number }> = [];
      for (const op of ['lookup', 'encap', 'decap', 'full'] as const) {
        for (const n of op === 'full' ? sizes : [g.batch]) {
          for (const k of [wasm, twin]) cases.push({ name: taskName(k.kind, op, g, n), k, op, n });
        }
      }
      // The machine's load drifts over seconds. Several short rounds, with WASM and twin tasks adjacent and their
      // order swapped every round, spread that drift over both sides; samples of all rounds are pooled.
      const rounds = quick ? 1 : 4;
      const throughputs = new Map<string, number[]>();
      for (let round = 0; round < rounds; round++) {
        const bench = new Bench({
          time: quick ? 40 : (big ? 4000 : 1000) / rounds,
          warmupTime: quick ? 10 : 100,
          iterations: quick ? 3 : 5,
          retainSamples: true,
          throws: true,
        });
        for (let c = 0; c < cases.length; c += 2) {
          const pair = round % 2 === 0 ? [cases[c], cases[c + 1]] : [cases[c + 1], cases[c]];
          for (const t of pair) if (t !== undefined) bench.add(t.name, () => runOp(t.k, t.op, t.n));
        }
        await bench.run();
        for (const task of bench.tasks) {
          const result = task.result;
          if (result === undefined || !('latency' in result)) continue;
          const n = cases.find((c) => c.name === task.name)?.n ?? 0;
          const list = throughputs.get(task.name) ?? [];
          for (const ms of result.latency.samples ?? []) if (ms > 0) list.push(n / 1e6 / (ms / 1000));
          throughputs.set(task.name, list);
        }
      }
      for (const c of cases) {
        const list = (throughputs.get(c.name) ?? []).sort((a, b) => a - b);
        out.push({ suite: 'kernel', case: c.name, unit: 'Mpps', median: quantile(list, 0.5), p25: quantile(list, 0.25), p75: quantile(list, 0.75), samples: list.length });
      }
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
