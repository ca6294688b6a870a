import { readFile } from 'node:fs/promises';
import type { KernelAbi } from './kernel-abi.ts';
import { KernelSession } from './kernel-session.ts';
import { type KernelGeometry, pagesFor } from './layout.ts';
import { TwinKernel } from './twin/twin-kernel.ts';

export type KernelTarget = 'release' | 'debug';

/** The slice of the WebAssembly JS API used here; the project's lib settings declare only its types. */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WebAssembly.Module>;
  instantiate(module: WebAssembly.Module, imports: object): Promise<{ readonly exports: object }>;
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const compiled = new Map<KernelTarget, Promise<WebAssembly.Module>>();

/**
 * Compiles build/<target>.wasm once per process (memoised); every simulation instantiates its own kernel from it.
 * A sweep worker may instead receive the module from the main thread (WebAssembly.Module is transferable).
 */
export function loadKernelModule(target: KernelTarget = 'release'): Promise<WebAssembly.Module> {
  let p = compiled.get(target);
  if (p === undefined) {
    const url = new URL(`../../build/${target}.wasm`, import.meta.url);
    p = readFile(url).then(
      (bytes) => wasmApi.compile(bytes),
      (err: unknown) => {
        compiled.delete(target);
        throw new Error(`cannot read the kernel ${url.pathname} (run npm run build:wasm): ${String(err)}`);
      },
    );
    compiled.set(target, p);
  }
  return p;
}

/**
 * Instantiates the module with a memory sized for `geometry` up front (the module imports its memory), checks the
 * layout version and offsets, and initialises it.
 */
export async function instantiateKernel(module: WebAssembly.Module, geometry: KernelGeometry): Promise<KernelSession> {
  const pages = pagesFor(geometry.slotCount, geometry.slotBytes, geometry.headroom);
  const memory = new wasmApi.Memory({ initial: pages, maximum: pages });
  const instance = await wasmApi.instantiate(module, { env: { memory } });
  const abi = instance.exports as unknown as KernelAbi;
  return new KernelSession('wasm', abi, memory.buffer, geometry);
}

/** The TypeScript twin over a buffer of the same size and layout. */
export function createTwinKernel(geometry: KernelGeometry): KernelSession {
  const twin = new TwinKernel(pagesFor(geometry.slotCount, geometry.slotBytes, geometry.headroom));
  return new KernelSession('twin', twin, twin.buffer, geometry);
}
