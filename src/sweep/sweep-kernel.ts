/**
 * The compiled kernel module a sweep shares with its workers: compiled once here, then sent to each worker
 * (a WebAssembly.Module crosses worker_threads without recompiling), where each case instantiates its own.
 *
 * The loader (src/kernel/load.ts, `loadKernelModule`) is being written alongside the data-path models; until it
 * exists, cases run without a kernel module and models that need one compile their own.
 */
export async function loadSweepKernel(): Promise<WebAssembly.Module | undefined> {
  const url = new URL('../kernel/load.ts', import.meta.url).href;
  let mod: { loadKernelModule?: () => Promise<WebAssembly.Module> | WebAssembly.Module };
  try {
    mod = (await import(url)) as typeof mod;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  }
  return mod.loadKernelModule === undefined ? undefined : await mod.loadKernelModule();
}
