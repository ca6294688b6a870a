import type { ClusterFacts, ImportFacts, PoolFacts, SubnetFacts } from './facts.ts';
import { JsonNode } from './json-node.ts';
import type { Fact } from './provenance.ts';
import { assign } from './read-aks.ts';
import { subnetKey } from './read-network.ts';

/**
 * Reader for `terraform show -json`: a state (`values.root_module`) or a plan (`planned_values.root_module`),
 * modules walked depth first in file order (https://developer.hashicorp.com/terraform/internals/json-format).
 * Resources of the azurerm provider: azurerm_kubernetes_cluster (with its default_node_pool),
 * azurerm_kubernetes_cluster_node_pool, azurerm_subnet, azurerm_virtual_network, and azurerm_private_endpoint
 * (one address in its subnet). Nested blocks are one-element arrays in Terraform's JSON.
 */

function resources(module: JsonNode | undefined): JsonNode[] {
  if (module === undefined) return [];
  return [...(module.field('resources')?.items() ?? []), ...(module.field('child_modules')?.items() ?? []).flatMap(resources)];
}

function block(n: JsonNode | undefined, name: string): JsonNode | undefined {
  return n?.field(name)?.items()[0];
}

function upper(f: Fact<string> | undefined): Fact<string> | undefined {
  return f === undefined ? undefined : { ...f, value: f.value.charAt(0).toUpperCase() + f.value.slice(1) };
}

function readTfPool(v: JsonNode): PoolFacts | undefined {
  const name = v.field('name')?.string();
  if (name === undefined) return undefined;
  const p: PoolFacts = { name };
  assign(p, 'count', v.field('node_count')?.int());
  // azurerm 4.x renamed enable_auto_scaling to auto_scaling_enabled.
  assign(p, 'autoscale', v.field('auto_scaling_enabled', 'enable_auto_scaling')?.bool());
  assign(p, 'minCount', v.field('min_count')?.int());
  assign(p, 'maxCount', v.field('max_count')?.int());
  assign(p, 'maxPods', v.field('max_pods')?.int());
  assign(p, 'mode', upper(v.field('mode')?.string()));
  assign(p, 'osType', v.field('os_type')?.string());
  assign(p, 'vnetSubnetId', v.field('vnet_subnet_id')?.string());
  assign(p, 'podSubnetId', v.field('pod_subnet_id')?.string());
  assign(p, 'maxSurge', block(v, 'upgrade_settings')?.field('max_surge')?.text());
  assign(p, 'maxUnavailable', block(v, 'upgrade_settings')?.field('max_unavailable')?.text());
  return p;
}

function readTfCluster(v: JsonNode, address: string): ClusterFacts {
  const name = v.field('name')?.string() ?? v.fact(address);
  const np = block(v, 'network_profile');
  const lb = block(np, 'load_balancer_profile');
  const nat = block(np, 'nat_gateway_profile');
  const outbound: { -readonly [K in keyof ClusterFacts['outbound']]: ClusterFacts['outbound'][K] } = {};
  assign(outbound, 'outboundType', np?.field('outbound_type')?.string());
  const type = outbound.outboundType?.value;
  if (lb !== undefined && (type === undefined || type === 'loadBalancer')) {
    const ids = lb.field('outbound_ip_address_ids');
    const own = ids !== undefined && Array.isArray(ids.value) && ids.value.length > 0 ? ids.fact(ids.value.length) : undefined;
    assign(outbound, 'outboundIps', lb.field('managed_outbound_ip_count')?.int() ?? own);
    assign(outbound, 'outboundPorts', lb.field('outbound_ports_allocated')?.int());
    assign(outbound, 'idleTimeoutMin', lb.field('idle_timeout_in_minutes')?.int());
  } else if (nat !== undefined && type === 'managedNATGateway') {
    assign(outbound, 'outboundIps', nat.field('managed_outbound_ip_count')?.int());
    assign(outbound, 'idleTimeoutMin', nat.field('idle_timeout_in_minutes')?.int());
  }
  const pool = block(v, 'default_node_pool');
  const c: { -readonly [K in keyof ClusterFacts]: ClusterFacts[K] } = {
    identity: (v.field('id')?.string()?.value ?? address).toLowerCase(),
    name,
    outbound,
    autoscaler: {},
    // The default node pool is the cluster's System pool (azurerm_kubernetes_cluster docs).
    pools: pool === undefined ? [] : [readTfPool(pool) ?? { name: pool.fact('default') }].map((p) => (p.mode === undefined ? { ...p, mode: { ...pool.fact('System'), path: `${pool.path} (the default node pool is the System pool)` } } : p)),
  };
  assign(c, 'nodeResourceGroup', v.field('node_resource_group')?.string());
  assign(c, 'tier', v.field('sku_tier')?.string());
  assign(c, 'networkPlugin', np?.field('network_plugin')?.string());
  assign(c, 'networkPluginMode', np?.field('network_plugin_mode')?.string());
  assign(c, 'podCidr', np?.field('pod_cidr')?.string());
  assign(c, 'serviceCidr', np?.field('service_cidr')?.string());
  assign(c, 'dnsServiceIp', np?.field('dns_service_ip')?.string());
  return c;
}

function readTfSubnet(v: JsonNode, address: string): SubnetFacts {
  const id = v.field('id')?.string();
  const name = v.field('name')?.string();
  const s: { -readonly [K in keyof SubnetFacts]: SubnetFacts[K] } = {
    // A plan does not know ids yet: match by the resource address then (pools reference `...subnet.x.id`).
    key: id === undefined ? `tf:${address}` : subnetKey(id.value),
    ipConfigurations: [],
  };
  if (id !== undefined) s.id = id;
  if (name !== undefined) s.name = name;
  const prefix = v.field('address_prefixes')?.items().flatMap((i) => i.string() ?? []).find((f) => !f.value.includes(':'));
  if (prefix !== undefined) s.prefix = prefix;
  return s;
}

export function readTerraform(root: JsonNode, into: ImportFacts): void {
  const module = root.at('values', 'root_module') ?? root.at('planned_values', 'root_module');
  for (const r of resources(module)) {
    if (r.field('mode')?.value !== 'managed') continue;
    const type = r.field('type')?.value;
    const address = String(r.field('address')?.value ?? '');
    const v = r.field('values');
    if (v === undefined) continue;
    if (type === 'azurerm_kubernetes_cluster') into.clusters.push(readTfCluster(v, address));
    else if (type === 'azurerm_kubernetes_cluster_node_pool') {
      const p = readTfPool(v);
      if (p !== undefined) into.pools.push(p);
    } else if (type === 'azurerm_subnet') into.subnets.push(readTfSubnet(v, address));
    else if (type === 'azurerm_virtual_network') {
      into.vnets.push({
        key: (v.field('id')?.string()?.value ?? address).toLowerCase(),
        addressPrefixes: (v.field('address_space')?.items() ?? []).flatMap((i) => i.string() ?? []),
        subnets: [],
      });
    } else if (type === 'azurerm_private_endpoint') {
      const sid = v.field('subnet_id')?.string();
      if (sid !== undefined) into.tenants.push({ subnetKey: subnetKey(sid.value), what: { ...sid, value: `private endpoint ${address}` } });
    }
  }
}
