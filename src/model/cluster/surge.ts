// https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-node-pools-rolling
const ROLLING_UPGRADE = 'https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-node-pools-rolling';

/** How the pools of one upgrade proceed: all at once (what `az aks upgrade` does, UNCONFIRMED), or one after another. */
export type UpgradeConcurrency = 'all' | 'sequential';
export const UPGRADE_CONCURRENCIES: readonly UpgradeConcurrency[] = ['all', 'sequential'];

/** A pool's maxSurge or maxUnavailable: a node count or a percentage like "33%". */
export type UpgradeSetting = number | string;

/**
 * Resolves a maxSurge or maxUnavailable setting to a node count. "A percent value is rounded up to the nearest
 * node count. If the max surge value is higher than the required number of nodes to be upgraded, the number of
 * nodes to be upgraded is used" (upgrade-aks-node-pools-rolling). 0 and "0%" give 0.
 */
export function upgradeNodes(setting: UpgradeSetting, nodesToUpgrade: number): number {
  if (nodesToUpgrade <= 0) return 0;
  const raw = typeof setting === 'number' ? setting : Math.ceil((nodesToUpgrade * Number.parseInt(setting, 10)) / 100);
  return Math.min(nodesToUpgrade, raw);
}

/** Surge nodes an upgrade of `nodesToUpgrade` nodes adds: 0 when maxSurge is 0 (then maxUnavailable must be > 0). */
export function surgeNodes(maxSurge: UpgradeSetting, nodesToUpgrade: number): number {
  return upgradeNodes(maxSurge, nodesToUpgrade);
}

/** Whether a setting is zero nodes whatever the pool size. */
export function isZeroSetting(setting: UpgradeSetting): boolean {
  return typeof setting === 'number' ? setting === 0 : Number.parseInt(setting, 10) === 0;
}

/** The rule a pool breaks when both settings are zero, in Azure's words. */
export const ZERO_SURGE_RULE = `AKS upgrade settings: maxUnavailable defaults to 0, and when it is 0, maxSurge must be greater than 0, ${ROLLING_UPGRADE}`;

/**
 * A pool whose maxSurge and maxUnavailable are both zero cannot upgrade: returns the pools that break the rule,
 * with each setting's effective value (the pool's own, else the default).
 */
export function zeroSurgePools(
  pools: readonly { readonly maxSurge?: UpgradeSetting | undefined; readonly maxUnavailable?: UpgradeSetting | undefined }[],
  maxSurgeDefault: UpgradeSetting,
): { readonly index: number; readonly maxSurge: UpgradeSetting; readonly maxUnavailable: UpgradeSetting }[] {
  const out: { index: number; maxSurge: UpgradeSetting; maxUnavailable: UpgradeSetting }[] = [];
  pools.forEach((p, index) => {
    const maxSurge = p.maxSurge ?? maxSurgeDefault;
    const maxUnavailable = p.maxUnavailable ?? 0;
    if (isZeroSetting(maxSurge) && isZeroSetting(maxUnavailable)) out.push({ index, maxSurge, maxUnavailable });
  });
  return out;
}
