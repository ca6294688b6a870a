import type { AutoscalerFacts, ClusterFacts, OutboundFacts, PoolFacts } from './facts.ts';
import { armBody, JsonNode } from './json-node.ts';
import type { Fact } from './provenance.ts';

/**
 * Readers for `az aks show` (the ManagedCluster) and `az aks nodepool list/show` (agent pools), in the az CLI's
 * flattened form and the REST/ARM form with its `properties` wrapper. Field names follow the Microsoft.ContainerService
 * API (https://learn.microsoft.com/en-us/rest/api/aks/managed-clusters/get); spelling differences (dnsServiceIp vs
 * dnsServiceIP) are absorbed by JsonNode's case-insensitive lookup.
 */

/** One agent pool: a ManagedClusterAgentPoolProfile (in the cluster) or an AgentPool resource (REST wraps it). */
export function readPool(n: JsonNode): PoolFacts | undefined {
  const b = armBody(n);
  const name = (b.field('name') ?? n.field('name'))?.string();
  if (name === undefined) return undefined;
  const pool: PoolFacts = { name };
  assign(pool, 'count', b.field('count')?.int());
  assign(pool, 'autoscale', b.field('enableAutoScaling')?.bool());
  assign(pool, 'minCount', b.field('minCount')?.int());
  assign(pool, 'maxCount', b.field('maxCount')?.int());
  assign(pool, 'maxPods', b.field('maxPods')?.int());
  assign(pool, 'mode', b.field('mode')?.string());
  assign(pool, 'osType', b.field('osType')?.string());
  assign(pool, 'vnetSubnetId', b.field('vnetSubnetId')?.string());
  assign(pool, 'podSubnetId', b.field('podSubnetId')?.string());
  assign(pool, 'podIpAllocationMode', b.field('podIpAllocationMode')?.string());
  assign(pool, 'maxSurge', b.at('upgradeSettings', 'maxSurge')?.text());
  assign(pool, 'maxUnavailable', b.at('upgradeSettings', 'maxUnavailable')?.text());
  return pool;
}

/** Sets an optional fact only when it was read (exactOptionalPropertyTypes: never an explicit undefined). */
export function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** Pools of `az aks nodepool list` (array), REST `{value: [...]}`, or one pool (`nodepool show`). */
export function readPools(root: JsonNode): PoolFacts[] {
  const list = Array.isArray(root.value) ? root.items() : (root.field('value')?.items() ?? [root]);
  return list.flatMap((n) => {
    const pool = readPool(n);
    const id = n.field('id')?.string();
    const cluster = id === undefined ? undefined : /^(.*\/managedclusters\/[^/]+)\/agentpools\/[^/]+$/i.exec(id.value)?.[1];
    if (pool !== undefined && id !== undefined && cluster !== undefined) pool.clusterId = { ...id, value: cluster.toLowerCase() };
    return pool ?? [];
  });
}

/** A cluster-autoscaler duration ("10s", "10m", "1h") in seconds. */
function durationS(n: JsonNode | undefined): Fact<number> | undefined {
  const t = n?.string();
  const m = t === undefined ? null : /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(t.value);
  if (t === undefined || m === null) return undefined;
  const unit = m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1;
  return { ...t, value: Number(m[1]) * unit };
}

function fraction(n: JsonNode | undefined): Fact<number> | undefined {
  const t = n?.text();
  if (t === undefined || !/^(0(\.\d+)?|1(\.0+)?)$/.test(t.value)) return undefined;
  return { ...t, value: Number(t.value) };
}

function readOutbound(np: JsonNode | undefined): OutboundFacts {
  if (np === undefined) return {};
  const out: { -readonly [K in keyof OutboundFacts]: OutboundFacts[K] } = {};
  assign(out, 'outboundType', np.field('outboundType')?.string());
  const lb = np.field('loadBalancerProfile');
  const nat = np.field('natGatewayProfile');
  const type = out.outboundType?.value;
  if (lb !== undefined && (type === undefined || type === 'loadBalancer')) {
    // Managed IPs, or the user's own public IPs / prefixes (one frontend each).
    const ips = lb.at('managedOutboundIPs', 'count')?.int() ?? countOf(lb.at('outboundIPs', 'publicIPs'));
    assign(out, 'outboundIps', ips);
    assign(out, 'outboundPorts', lb.field('allocatedOutboundPorts')?.int());
    assign(out, 'idleTimeoutMin', lb.field('idleTimeoutInMinutes')?.int());
  } else if (nat !== undefined && type === 'managedNATGateway') {
    assign(out, 'outboundIps', nat.at('managedOutboundIPProfile', 'count')?.int());
    assign(out, 'idleTimeoutMin', nat.field('idleTimeoutInMinutes')?.int());
  }
  return out;
}

function countOf(n: JsonNode | undefined): Fact<number> | undefined {
  return n === undefined || !Array.isArray(n.value) ? undefined : n.fact(n.value.length);
}

function readAutoscaler(p: JsonNode | undefined): AutoscalerFacts {
  if (p === undefined) return {};
  const out: { -readonly [K in keyof AutoscalerFacts]: AutoscalerFacts[K] } = {};
  assign(out, 'scanIntervalS', durationS(p.field('scanInterval', 'scan-interval')));
  assign(out, 'scaleDownUnneededS', durationS(p.field('scaleDownUnneededTime', 'scale-down-unneeded-time')));
  assign(out, 'scaleDownUtilization', fraction(p.field('scaleDownUtilizationThreshold', 'scale-down-utilization-threshold')));
  return out;
}

/** A ManagedCluster, az (flattened) or REST/ARM (`properties`). */
export function readCluster(root: JsonNode): ClusterFacts {
  const b = armBody(root);
  const name = root.field('name')?.string() ?? root.fact('cluster');
  const np = b.field('networkProfile');
  const c: { -readonly [K in keyof ClusterFacts]: ClusterFacts[K] } = {
    identity: (root.field('id')?.string()?.value ?? name.value).toLowerCase(),
    name,
    outbound: readOutbound(np),
    autoscaler: readAutoscaler(b.field('autoScalerProfile')),
    pools: (b.field('agentPoolProfiles')?.items() ?? []).flatMap((p) => readPool(p) ?? []),
  };
  assign(c, 'nodeResourceGroup', b.field('nodeResourceGroup')?.string());
  assign(c, 'tier', root.at('sku', 'tier')?.string());
  assign(c, 'networkPlugin', np?.field('networkPlugin')?.string());
  assign(c, 'networkPluginMode', np?.field('networkPluginMode')?.string());
  assign(c, 'podCidr', np?.field('podCidr')?.string());
  assign(c, 'serviceCidr', np?.field('serviceCidr')?.string());
  assign(c, 'dnsServiceIp', np?.field('dnsServiceIp')?.string());
  return c;
}
