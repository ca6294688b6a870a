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
import { writeInnerFrame } from '../../src/kernel/inner-frame.ts';
import type { KernelSession } from '../../src/kernel/kernel-session.ts';
import { LAYOUT_VERSION, M_LEN, M_SRC_NODE, META_OFF } from '../../src/kernel/layout.ts';
import { instantiateKernel, loadKernelModule } from '../../src/kernel/load-kernel.ts';
import { MODE_VXLAN, V_EGRESS, V_NODE, V_SERVICE } from '../../src/kernel/reason.ts';

const NODES = 5000;
const POD_CIDR_BASE = 0x0a000000;
const NODE_IP_BASE = 0xac100000;
const SERVICE_CIDR = 0x0b000000;
const HEADROOM = 64;
const VNI = 0x123456;
const PORT = 4789;
const MTU = 9000;
const TTL = 64;
const OUTER_LEN = 14 + 20 + 8 + 8;

function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>>= 0);
  };
}

/** bench/kernel.bench.ts prepare(), same seed and order. */
function prepare(k: KernelSession, batch: number, frameBytes: number): void {
  k.configure(MODE_VXLAN, VNI, PORT, 0, MTU, TTL);
  k.abi.routeAdd(0, 0, V_EGRESS, 0);
  k.abi.routeAdd(SERVICE_CIDR, 16, V_SERVICE, 0);
  for (let n = 0; n < NODES; n++) k.abi.routeAdd(POD_CIDR_BASE + n * 256, 24, V_NODE, NODE_IP_BASE + 1 + n);
  const rnd = xorshift(12345);
  const lens = k.metaArray(M_LEN);
  const src = k.metaArray(M_SRC_NODE);
  for (let i = 0; i < batch; i++) {
    const a = rnd() % NODES;
    const b = (a + 1 + (rnd() % (NODES - 1))) % NODES;
    const srcIp = POD_CIDR_BASE + a * 256 + 4 + (rnd() % 250);
    const dstIp = POD_CIDR_BASE + b * 256 + 4 + (rnd() % 250);
    lens[i] = writeInnerFrame(k.u8, k.dv, k.frameAddr(i), srcIp, dstIp, 17, 32768 + (rnd() % 28000), 8080, frameBytes - 14, true, i);
    src[i] = NODE_IP_BASE + 1 + a;
  }
  k.abi.lookupBatch(batch);
  k.abi.encapBatch(batch);
}

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
  prepare(k, batch, frameBytes);
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
