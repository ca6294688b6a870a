import { loadKernelModule } from '../kernel/load-kernel.ts';

/**
 * The compiled kernel module a sweep shares with its workers: compiled once here, then sent to each worker
 * (a WebAssembly.Module crosses worker_threads without recompiling), where each case instantiates its own.
 *
 * Sweeps that never move packets do not need it, so a missing build/release.wasm is not an error here: cases then
 * get no module, and a model that needs one loads it itself and reports the missing file.
 */
export async function loadSweepKernel(): Promise<WebAssembly.Module | undefined> {
  try {
    return await loadKernelModule('release');
  } catch {
    return undefined;
  }
}
