/**
 * The WASM side of the native-C comparison (bench/peers/path.c): sets up the kernel exactly as
 * bench/kernel.bench.ts does (5,000 node /24 routes + service CIDR + default route, pod-to-pod UDP frames between
 * random pods on different nodes, VXLAN, primed with lookup + encap), writes the memory image before and after one
 * full-path batch for path.c's byte-for-byte check, then times the full path.
 *
 * Usage: tsx bench/peers/wasm-path.ts PREFIX BATCH FRAME_BYTES REPS
 * Output: one CSV line per repetition: wasm,batch,packets,wall_s,cpu_s (the same protocol as path.c:
 * batches under 65,536 packets are repeated inside one timed sample to reach 2^20 packets).
 */
import { writeFileSync } from 'node:fs';
import { cpuUsage, hrtime } from 'node:process';
import { LAYOUT_VERSION, META_OFF } from '../../src/kernel/layout.ts';
import { instantiateKernel, loadKernelModule } from '../../src/kernel/load-kernel.ts';
import { MODE_VXLAN } from '../../src/kernel/reason.ts';
import { BENCH_MTU, BENCH_TTL, BENCH_VNI, BENCH_VXLAN_PORT, HEADROOM, prepare } from '../kernel.bench.ts';

// The same routes, packets and settings as bench/kernel.bench.ts, so the C port sees what the WASM suite measures.
const VNI = BENCH_VNI;
const PORT = BENCH_VXLAN_PORT;
const MTU = BENCH_MTU;
const TTL = BENCH_TTL;
const OUTER_LEN = 14 + 20 + 8 + 8;

async function main(): Promise<void> {
  const [prefix, batchArg, frameArg, repsArg] = process.argv.slice(2);
  if (prefix === undefined || batchArg === undefined || frameArg === undefined || repsArg === undefined) {
    throw new Error('usage: wasm-path.ts PREFIX BATCH FRAME_BYTES REPS');
  }
  const batch = Number(batchArg);
  const frameBytes = Number(frameArg);
  const reps = Number(repsArg);
  const geometry = { slotCount: batch, slotBytes: Math.max(64, Math.ceil(frameBytes / 16) * 16), headroom: HEADROOM };
  const k = await instantiateKernel(await loadKernelModule('release'), geometry);
  prepare(k, { batch, frameBytes });
  const geom = [
    LAYOUT_VERSION, META_OFF, batch, geometry.slotBytes, HEADROOM, k.stride, k.slotsOff,
    MODE_VXLAN, VNI, PORT, MTU, TTL, OUTER_LEN, batch,
  ];
  writeFileSync(`${prefix}.geom`, `${geom.join(' ')}\n`);
  writeFileSync(`${prefix}.in`, k.u8);
  k.abi.pathBatch(batch);
  writeFileSync(`${prefix}.out`, k.u8);
  const inner = batch >= 65536 ? 1 : Math.floor((1 << 20) / batch);
  for (let r = 0; r < reps; r++) {
    const c0 = cpuUsage();
    const w0 = hrtime.bigint();
    for (let j = 0; j < inner; j++) k.abi.pathBatch(batch);
    const wallS = Number(hrtime.bigint() - w0) / 1e9;
    const c = cpuUsage(c0);
    process.stdout.write(`wasm,${batch},${batch * inner},${wallS.toFixed(6)},${((c.user + c.system) / 1e6).toFixed(6)}\n`);
  }
}

await main();
