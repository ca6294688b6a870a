/**
 * Resolves an upgrade's max surge to a node count. "A percent value is rounded up to the nearest node count.
 * If the max surge value is higher than the required number of nodes to be upgraded, the number of nodes to
 * be upgraded is used" (https://learn.microsoft.com/en-us/azure/aks/upgrade-aks-node-pools-rolling).
 * maxUnavailable defaults to 0 and then maxSurge must be > 0, so a pool with nodes surges at least one.
 */
export function surgeNodes(maxSurge: number | string, nodesToUpgrade: number): number {
  if (nodesToUpgrade <= 0) return 0;
  const raw = typeof maxSurge === 'number' ? maxSurge : Math.ceil((nodesToUpgrade * Number.parseInt(maxSurge, 10)) / 100);
  return Math.min(nodesToUpgrade, Math.max(1, raw));
}
