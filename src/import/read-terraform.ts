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

/** Configuration resources by full address (`module.a.azurerm_subnet.x`), with their module's address prefix. */
function configResources(module: JsonNode | undefined, prefix: string, out: Map<string, { node: JsonNode; prefix: string }>): void {
  for (const r of module?.field('resources')?.items() ?? []) {
    const a = r.field('address')?.value;
    if (typeof a === 'string') out.set(`${prefix}${a}`, { node: r, prefix });
  }
  const calls = module?.field('module_calls');
  if (calls === undefined || !calls.isObject()) return;
  for (const name of Object.keys(calls.value as object)) configResources(calls.field(name)?.field('module'), `${prefix}module.${name}.`, out);
}

/**
 * In a plan, an id that is only known after apply is absent from planned_values. The configuration says which
 * resource it comes from (`references: ["azurerm_subnet.aks.id", …]`): that resource's key, `tf:<address>`,
 * matches the planned subnet. An unknown id with no such reference stays unknown, so the subnet is refused.
 */
function plannedRef(plan: TfPlan, address: string, steps: readonly (string | number)[]): Fact<string> | undefined {
  const change = plan.changes.get(address);
  let unknown: JsonNode | undefined = change;
  for (const s of steps) unknown = typeof s === 'number' ? unknown?.items()[s] : unknown?.field(s);
  if (unknown?.value !== true) return undefined;
  const conf = plan.config.get(address);
  let expr: JsonNode | undefined = conf?.node.field('expressions');
  for (const s of steps) expr = typeof s === 'number' ? expr?.items()[s] : expr?.field(s);
  const refs = expr?.field('references')?.items() ?? [];
  const ref = refs.find((r) => typeof r.value === 'string' && /^azurerm_subnet\.[^.]+\.id$/.test(r.value));
  if (ref !== undefined && conf !== undefined) return ref.fact(`tf:${conf.prefix}${(ref.value as string).replace(/\.id$/, '')}`);
  return { file: change?.file ?? '', path: change?.path ?? '', value: `(known after apply: ${address}.${steps.join('.')})` };
}

interface TfPlan {
  readonly changes: Map<string, JsonNode>;
  readonly config: Map<string, { node: JsonNode; prefix: string }>;
}

function readPlan(root: JsonNode): TfPlan {
  const changes = new Map<string, JsonNode>();
  for (const c of root.field('resource_changes')?.items() ?? []) {
    const a = c.field('address')?.value;
    const after = c.at('change', 'after_unknown');
    if (typeof a === 'string' && after !== undefined) changes.set(a, after);
  }
  const config = new Map<string, { node: JsonNode; prefix: string }>();
  configResources(root.at('configuration', 'root_module'), '', config);
  return { changes, config };
}

export function readTerraform(root: JsonNode, into: ImportFacts): void {
  const module = root.at('values', 'root_module') ?? root.at('planned_values', 'root_module');
  const plan = readPlan(root);
  for (const r of resources(module)) {
    if (r.field('mode')?.value !== 'managed') continue;
    const type = r.field('type')?.value;
    const address = String(r.field('address')?.value ?? '');
    const v = r.field('values');
    if (v === undefined) continue;
    if (type === 'azurerm_kubernetes_cluster') {
      const c = readTfCluster(v, address);
      const pool = c.pools[0];
      if (pool !== undefined) {
        assign(pool, 'vnetSubnetId', pool.vnetSubnetId ?? plannedRef(plan, address, ['default_node_pool', 0, 'vnet_subnet_id']));
        assign(pool, 'podSubnetId', pool.podSubnetId ?? plannedRef(plan, address, ['default_node_pool', 0, 'pod_subnet_id']));
      }
      into.clusters.push(c);
    } else if (type === 'azurerm_kubernetes_cluster_node_pool') {
      const p = readTfPool(v);
      if (p !== undefined) {
        assign(p, 'vnetSubnetId', p.vnetSubnetId ?? plannedRef(plan, address, ['vnet_subnet_id']));
        assign(p, 'podSubnetId', p.podSubnetId ?? plannedRef(plan, address, ['pod_subnet_id']));
        into.pools.push(p);
      }
    } else if (type === 'azurerm_subnet') into.subnets.push(readTfSubnet(v, address));
    else if (type === 'azurerm_virtual_network') {
      into.vnets.push({
        key: (v.field('id')?.string()?.value ?? address).toLowerCase(),
        addressPrefixes: (v.field('address_space')?.items() ?? []).flatMap((i) => i.string() ?? []),
        subnets: [],
      });
    } else if (type === 'azurerm_private_endpoint') {
      const sid = v.field('subnet_id')?.string() ?? plannedRef(plan, address, ['subnet_id']);
      if (sid !== undefined) into.tenants.push({ subnetKey: subnetKey(sid.value), what: { ...sid, value: `private endpoint ${address}` } });
    }
  }
}
