// The per-packet kernel as the rest of cnisim sees it.
export type { KernelAbi } from './kernel-abi.ts';
export { KernelSession } from './kernel-session.ts';
export { createTwinKernel, instantiateKernel, loadKernelModule, type KernelTarget } from './load-kernel.ts';
export { LAYOUT_VERSION, pagesFor, type KernelGeometry } from './layout.ts';
export { ENCAP_MODES, REASON_NAMES, type EncapName } from './reason.ts';
export { writeInnerFrame, minIpLen } from './inner-frame.ts';
export { writeInnerFrame6, minIp6Len } from './inner-frame6.ts';
export { TwinKernel } from './twin/twin-kernel.ts';
