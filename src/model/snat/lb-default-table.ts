/**
 * Azure Load Balancer default SNAT port allocation (AKS `allocatedOutboundPorts = 0`): every backend instance
 * gets a fixed share that depends only on the backend pool size. Growing the pool across a row boundary
 * (50 → 51, 100 → 101, …) cuts the share of every existing node.
 *
 * "AKS sets AllocatedOutboundPorts on its load balancer to 0, which enables automatic outbound port assignment
 * based on backend pool size … going from 50 to 51 nodes or 100 to 101 might be disruptive … existing nodes are
 * reduced". https://learn.microsoft.com/en-us/azure/aks/configure-load-balancer-standard
 */

export const LB_OUTBOUND_SOURCE = 'https://learn.microsoft.com/en-us/azure/load-balancer/load-balancer-outbound-connections';

/**
 * Backend pool size → SNAT ports per instance (single frontend IP), from the table in
 * https://learn.microsoft.com/en-us/azure/load-balancer/load-balancer-outbound-connections (ms.date 2022-03-01):
 * 1–50: 1,024; 51–100: 512; 101–200: 256; 201–400: 128; 401–800: 64; 801–1,000: 32.
 */
export const LB_DEFAULT_PORT_TABLE: ReadonlyArray<{ readonly maxPoolSize: number; readonly portsPerNode: number }> = [
  { maxPoolSize: 50, portsPerNode: 1024 },
  { maxPoolSize: 100, portsPerNode: 512 },
  { maxPoolSize: 200, portsPerNode: 256 },
  { maxPoolSize: 400, portsPerNode: 128 },
  { maxPoolSize: 800, portsPerNode: 64 },
  { maxPoolSize: 1000, portsPerNode: 32 },
];

/** The largest backend pool the published table covers. */
export const LB_DEFAULT_TABLE_MAX_POOL = 1000;

/**
 * Ports per node for a backend pool of `poolSize` instances. Above 1,000 instances the table says nothing; cnisim
 * keeps the last row (32) there, an UNCONFIRMED extrapolation that the planner reports as an error.
 */
export function defaultPortsPerNode(poolSize: number): number {
  for (const row of LB_DEFAULT_PORT_TABLE) if (poolSize <= row.maxPoolSize) return row.portsPerNode;
  return 32;
}

/** Index of the table row a pool size falls in (rows past the table share the last index): a change means a recompute. */
export function defaultTableRow(poolSize: number): number {
  for (let i = 0; i < LB_DEFAULT_PORT_TABLE.length; i++) {
    const row = LB_DEFAULT_PORT_TABLE[i];
    if (row !== undefined && poolSize <= row.maxPoolSize) return i;
  }
  return LB_DEFAULT_PORT_TABLE.length - 1;
}
