// Placeholder entry so the build works before the kernel lands; replaced by the kernel ABI.
export const LAYOUT_VERSION: u32 = 0;
