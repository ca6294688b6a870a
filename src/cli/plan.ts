import type { Command } from 'commander';
import { InputError, throwIfProblems, type InputProblem } from '../error/input-error.ts';
import { CLUSTER_LIMITS_SOURCE, MAX_NODES_PER_POOL } from '../model/azure/limits.ts';
import { ZERO_SURGE_RULE, zeroSurgePools } from '../model/cluster/surge.ts';
import { CNI_NAMES, type CniName } from '../model/ipam/cni.ts';
import { OUTBOUND_TYPES, type OutboundType } from '../model/snat/outbound-type.ts';
import { DEFAULT_SNAT_OPTIONS, planScenario, type SnatOptions } from '../plan/plan.ts';
import { planCsv, planJson, planTable } from '../plan/plan-report.ts';
import { validateSnatInput } from '../model/snat/outbound-checks.ts';
import { scenarioPlanProblems } from '../checks/address-checks.ts';
import { applyFamilyFlags, defaultCnisForFlags, familyFlagProblems, FAMILY_FLAG_RENAMES, type FamilyFlags } from './plan-families.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
import { EXIT_DOES_NOT_FIT, EXIT_OK, runCommand } from './exit.ts';
import { DEFAULT_NODES, planBaseScenario } from './plan-defaults.ts';

interface PlanFlags {
  cni?: string;
  nodes?: string;
  maxPods?: string;
  maxSurge?: string;
  maxUnavailable?: string;
  nodeSubnet?: string;
  podSubnet?: string;
  podCidr?: string;
  serviceCidr?: string;
  dnsServiceIp?: string;
  vnet?: string;
  outboundType?: string;
  outboundIps?: string;
  outboundPorts?: string;
  idleTimeout?: string;
  ipFamilies?: string;
  podCidrs?: string;
  serviceCidrs?: string;
  nodeSubnetIpv6?: string;
  outboundIpv6Ips?: string;
  format?: string;
}

const FORMATS = ['table', 'json', 'csv'] as const;
const SURGE = /^(100|[1-9]?[0-9])%$/;

const HELP_EXAMPLES = `
Inputs come from SCENARIO (YAML or JSON) when given, else from AKS defaults (one system pool of ${DEFAULT_NODES}
nodes, pod CIDR 10.244.0.0/16, service CIDR 10.0.0.0/16, DNS 10.0.0.10); flags override either. With no subnet
given, the managed VNet: VNet 10.224.0.0/12, node subnet 10.224.0.0/16, pod subnet 10.225.0.0/16. Given a
subnet, none of these is assumed: without --vnet the VNet is unknown and not checked (warning VnetNotGiven). Max surge defaults to 10% rounded up; max unavailable
defaults to 0 (with --max-surge 0, give --max-unavailable 1 or more: no surge node, no surge addresses);
maxPods defaults per model: overlay 250, kubenet 110, node-subnet 30, pod-subnet-* 110
(assumptions.podSubnetDefaultMaxPods, a CONFLICT).

Exit codes: 0 every model fits, 1 some model does not fit (Azure-like messages on stderr), 2 bad input.
Warnings (e.g. a public Overlay pod CIDR) go to stderr and the JSON's warnings list; they keep exit 0.

Examples:
  $ cnisim plan --cni node-subnet --nodes 50 --max-surge 1 --node-subnet 10.224.0.0/21
  $ cnisim plan --cni overlay --nodes 5 --pod-cidr 10.240.100.0/22 --format json
  $ cnisim plan --cni node-subnet --nodes 8 --max-surge 0 --max-unavailable 1 --node-subnet 10.224.0.0/24
  $ cnisim plan --cni all --nodes 200 --vnet 10.224.0.0/12 --node-subnet 10.224.0.0/22 --pod-subnet 10.225.0.0/21 --format csv
  $ cnisim plan --outbound-type loadBalancer --outbound-ips 2 --outbound-ports 4000 --nodes 30
  $ cnisim plan scenarios/overlay-vs-flat.yaml --max-pods 110
  $ cnisim plan cluster.json subnet.json --cni overlay     # az aks show + az network vnet subnet show output
  $ cnisim plan --ip-families ipv4,ipv6 --nodes 100          # dual-stack Overlay and kubenet, AKS default ranges
  $ cnisim plan --cni overlay --ip-families ipv4,ipv6 --pod-cidrs 10.244.0.0/16,fd12:3456:789a::/64 --service-cidrs 10.0.0.0/16,fd12:3456:789a:1::/108
See docs/plan.md for every key of the JSON and CSV output.`;

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .argument('[scenario...]', 'scenario file (YAML or JSON), or the az, Terraform and kubectl JSON files `cnisim import` reads; flags override their values')
    .description('Closed-form capacity plan per networking model: VNet IPs, pod subnet, pod CIDR /24s, node limits and SNAT ports.')
    .option('--cni <models>', `networking model(s): ${CNI_NAMES.join('|')}|all, or a comma list (default: the scenario's, else all)`)
    .option('--nodes <n>', `nodes in the (single) pool (default ${DEFAULT_NODES})`)
    .option('--max-pods <p>', 'maxPods per node for every pool, 10..250 (default per model)')
    .option('--max-surge <n|p%>', 'upgrade max surge for every pool: a node count or a percentage (default 10%)')
    .option('--max-unavailable <n|p%>', 'upgrade max unavailable for every pool: nodes drained in place at once, a count or a percentage (default 0)')
    .option('--node-subnet <cidr>', 'node subnet for every pool (default 10.224.0.0/16 when no subnet is given)')
    .option('--pod-subnet <cidr>', 'pod subnet for every pool, Pod Subnet models (default 10.225.0.0/16 when no subnet is given)')
    .option('--pod-cidr <cidr>', 'pod CIDR (Overlay, kubenet)')
    .option('--service-cidr <cidr>', 'Kubernetes service CIDR')
    .option('--dns-service-ip <ip>', 'cluster DNS service IP, inside the service CIDR')
    .option('--vnet <cidr>', 'VNet address space (default 10.224.0.0/12 when no subnet is given, else unknown)')
    .option('--ip-families <families>', 'ipv4 (default) or ipv4,ipv6 (dual-stack: Overlay and kubenet; IPv6-only is not supported)')
    .option('--pod-cidrs <cidrs>', 'pod CIDRs, one per family: IPv4[,IPv6] (dual-stack default 10.244.0.0/16,fd12:3456:789a::/64)')
    .option('--service-cidrs <cidrs>', 'service CIDRs, one per family: IPv4[,IPv6], the IPv6 one at most /108 (dual-stack default 10.0.0.0/16,fd12:3456:789a:1::/108)')
    .option('--node-subnet-ipv6 <cidr>', 'dual-stack: IPv6 range of every pool\'s node subnet, exactly /64')
    .option('--outbound-type <type>', `${OUTBOUND_TYPES.join('|')} (default loadBalancer)`)
    .option('--outbound-ips <n>', 'outbound public IPs (default 1)')
    .option('--outbound-ports <n>', 'Load Balancer allocatedOutboundPorts per node; 0 = the default table (default 0)')
    .option('--idle-timeout <min>', 'outbound idle timeout in minutes (default: the outbound type\'s)')
    .option('--outbound-ipv6-ips <n>', 'dual-stack Load Balancer: managed outbound IPv6 IPs, 1..100 (default 1)')
    .option('--format <format>', 'table|json|csv', 'table')
    .addHelpText('after', HELP_EXAMPLES)
    .action(async (files: string[], flags: PlanFlags) => {
      await runCommand(() => planCommand(files.length === 0 ? undefined : files, flags));
    });
}

function int(flag: string, text: string | undefined, problems: InputProblem[], allowed: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) {
    problems.push({ code: 'not-an-integer', path: flag, value: JSON.stringify(text), allowed });
    return undefined;
  }
  return Number.parseInt(text, 10);
}

/** A --max-surge or --max-unavailable value: a node count or a percentage. */
function upgradeSetting(flag: string, text: string | undefined, problems: InputProblem[]): number | string | undefined {
  if (text === undefined) return undefined;
  if (/^\d+$/.test(text)) return Number.parseInt(text, 10);
  if (SURGE.test(text)) return text;
  problems.push({ code: flag.slice(2), path: flag, value: JSON.stringify(text), allowed: 'a node count like 1 or a percentage like 33%' });
  return undefined;
}

function parseCnis(text: string | undefined, problems: InputProblem[]): CniName[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(',').map((t) => t.trim());
  if (names.includes('all')) return [...CNI_NAMES];
  const out: CniName[] = [];
  for (const n of names) {
    const known = CNI_NAMES.find((c) => c === n);
    if (known === undefined) problems.push({ code: 'unknown-cni', path: '--cni', value: JSON.stringify(n), allowed: `${CNI_NAMES.join(', ')} or all` });
    else if (!out.includes(known)) out.push(known);
  }
  return out;
}

/** Applies the flags to the scenario; pool-level subnets are replaced when the flag sets one for every pool. */
function override(
  s: Scenario,
  f: PlanFlags,
  nodes: number | undefined,
  maxPods: number | undefined,
  maxSurge: number | string | undefined,
  maxUnavailable: number | string | undefined,
): Scenario {
  const pools = s.cluster.pools.map((p) => {
    const { nodeSubnet, podSubnet, autoscale, ...rest } = p;
    return {
      ...rest,
      ...(nodes === undefined ? { count: p.count } : { count: nodes }),
      ...(nodes === undefined && autoscale !== undefined ? { autoscale } : {}),
      ...(maxPods === undefined ? {} : { maxPods }),
      ...(maxSurge === undefined ? {} : { maxSurge }),
      ...(maxUnavailable === undefined ? {} : { maxUnavailable }),
      ...(f.nodeSubnet !== undefined || nodeSubnet === undefined ? {} : { nodeSubnet }),
      ...(f.podSubnet !== undefined || podSubnet === undefined ? {} : { podSubnet }),
    };
  });
  const n = s.network;
  return {
    ...s,
    network: {
      ...n,
      vnet: f.vnet ?? n.vnet,
      nodeSubnet: f.nodeSubnet ?? n.nodeSubnet,
      podSubnet: f.podSubnet ?? n.podSubnet,
      podCidr: f.podCidr ?? n.podCidr,
      serviceCidr: f.serviceCidr ?? n.serviceCidr,
      dnsServiceIp: f.dnsServiceIp ?? n.dnsServiceIp,
    },
    cluster: { ...s.cluster, pools },
  };
}

/** Renames scenario field paths to the flag that set the field, so a message names what the user typed. */
function flagRenamer(f: PlanFlags, fileName: string | undefined): (p: InputProblem) => InputProblem {
  const renames: Array<[RegExp, string]> = [];
  const pools = String.raw`cluster\.pools\[\d+\]`;
  // Without a scenario file every field comes from a flag or its default, so name the flag either way.
  const all = fileName === undefined;
  if (f.vnet !== undefined || all) renames.push([/network\.vnet/g, '--vnet']);
  if (f.nodeSubnet !== undefined || all) renames.push([new RegExp(String.raw`network\.nodeSubnet(?!Ipv6)|${pools}\.nodeSubnet(?!Ipv6)`, 'g'), '--node-subnet']);
  if (f.podSubnet !== undefined || all) renames.push([new RegExp(String.raw`network\.podSubnet|${pools}\.podSubnet`, 'g'), '--pod-subnet']);
  for (const [re, flag, key] of FAMILY_FLAG_RENAMES) if (f[key] !== undefined || all) renames.push([re, flag]);
  if (f.podCidr !== undefined || all) renames.push([/network\.podCidr(?![sI])/g, '--pod-cidr']);
  if (f.serviceCidr !== undefined || all) renames.push([/network\.serviceCidr(?![sI])/g, '--service-cidr']);
  if (f.dnsServiceIp !== undefined || all) renames.push([/network\.dnsServiceIp/g, '--dns-service-ip']);
  if (f.maxPods !== undefined || all) renames.push([new RegExp(String.raw`${pools}\.maxPods`, 'g'), '--max-pods']);
  const rename = (text: string) => renames.reduce((t, [re, flag]) => t.replace(re, flag), text);
  return (p) => {
    const path = rename(p.path);
    const where = path.startsWith('--') || fileName === undefined ? path : `${fileName}: ${path}`;
    return { ...p, path: where, allowed: rename(p.allowed) };
  };
}

async function planCommand(files: string[] | undefined, f: PlanFlags): Promise<number> {
  const file = files?.join(', ');
  const problems: InputProblem[] = [];
  const format = FORMATS.find((x) => x === f.format);
  if (format === undefined) problems.push({ code: 'format', path: '--format', value: JSON.stringify(f.format ?? ''), allowed: FORMATS.join(', ') });
  const cnisFlag = parseCnis(f.cni, problems);
  const nodes = int('--nodes', f.nodes, problems, 'a whole number of nodes, 0 or more');
  const maxPods = int('--max-pods', f.maxPods, problems, 'an integer from 10 to 250');
  const maxSurge = upgradeSetting('--max-surge', f.maxSurge, problems);
  const maxUnavailable = upgradeSetting('--max-unavailable', f.maxUnavailable, problems);
  const outboundIpsFlag = int('--outbound-ips', f.outboundIps, problems, 'a whole number of public IPs');
  const outboundPortsFlag = int('--outbound-ports', f.outboundPorts, problems, 'a multiple of 8 in 0..64000');
  const idleTimeoutFlag = int('--idle-timeout', f.idleTimeout, problems, 'a whole number of minutes');
  const outboundIpv6Flag = int('--outbound-ipv6-ips', f.outboundIpv6Ips, problems, 'a whole number of IPv6 public IPs, 1..100');
  throwIfProblems(problems);

  // The scenario loader (YAML, zod) and the importers load only for files: a plan from flags answers without them.
  const loaded = files === undefined ? await planBaseScenario() : await loadFiles(files, f);
  if (nodes !== undefined && loaded.cluster.pools.length > 1) {
    throw new InputError([
      { code: 'nodes-multi-pool', path: '--nodes', value: String(nodes), allowed: `no --nodes: the scenario has ${loaded.cluster.pools.length} pools; set each pool's count in the file` },
    ]);
  }
  const s = applyFamilyFlags(override(loaded, f, nodes, maxPods, maxSurge, maxUnavailable), f as FamilyFlags);
  throwIfProblems(
    zeroSurgePools(s.cluster.pools, s.assumptions.maxSurgeDefault).map((z) => ({
      code: 'no-surge-no-unavailable',
      path: f.maxSurge !== undefined ? '--max-surge' : `${file === undefined ? '' : `${file}: `}cluster.pools[${z.index}].maxSurge`,
      value: `${JSON.stringify(z.maxSurge)} with maxUnavailable ${JSON.stringify(z.maxUnavailable)}`,
      allowed: 'maxSurge greater than 0, or --max-unavailable greater than 0',
      rule: ZERO_SURGE_RULE,
    })),
  );
  const cnis = cnisFlag ?? (file === undefined ? defaultCnisForFlags(s) : s.cni);
  const rename = flagRenamer(f, file);
  // The scenario's first outbound design (if any) is the base; the SNAT flags override its fields.
  const design = s.outbound?.designs[0];
  const snat: SnatOptions = {
    outboundType: (f.outboundType ?? design?.outboundType ?? DEFAULT_SNAT_OPTIONS.outboundType) as OutboundType,
    outboundIps: outboundIpsFlag ?? design?.outboundIps ?? DEFAULT_SNAT_OPTIONS.outboundIps,
    outboundPorts: outboundPortsFlag ?? design?.outboundPorts ?? DEFAULT_SNAT_OPTIONS.outboundPorts,
    idleTimeoutMin: idleTimeoutFlag ?? design?.idleTimeoutMin ?? DEFAULT_SNAT_OPTIONS.idleTimeoutMin,
    outboundIpv6Ips: outboundIpv6Flag,
  };
  const count = s.cluster.pools.reduce((sum, p) => sum + p.count, 0);
  const snatInput = { ...snat, nodes: count, effectiveNodes: count };
  const snatOptions = s.outbound === undefined ? {} : { lbIdleTimeoutMaxMin: s.outbound.lbIdleTimeoutMaxMin };
  throwIfProblems([
    ...scenarioPlanProblems(s, cnis).map(rename),
    ...validateSnatInput(snatInput, '--', snatOptions),
    ...familyFlagProblems(s, f as FamilyFlags, snat.outboundType, outboundIpv6Flag),
  ]);
  if (nodes !== undefined && nodes > MAX_NODES_PER_POOL) {
    // The scenario schema checks a file's pool counts; the flag is checked here against the same AKS quota.
    throw new InputError([{ code: 'too-many-nodes', path: '--nodes', value: String(nodes), allowed: `at most ${MAX_NODES_PER_POOL} nodes in one pool; use a scenario file with several pools`, rule: `AKS quotas: 1,000 nodes per pool (${CLUSTER_LIMITS_SOURCE})` }]);
  }

  const plans = cnis.map((c) => planScenario(s, c, snat));
  if (format === 'json') process.stdout.write(`${JSON.stringify(plans.map(planJson), null, 2)}\n`);
  else if (format === 'csv') process.stdout.write(planCsv(plans));
  else process.stdout.write(planTable(plans));
  for (const p of plans) for (const e of p.errors) process.stderr.write(`${p.cni}: ${e.code}: ${e.message}\n`);
  for (const p of plans) for (const w of p.warnings) process.stderr.write(`${p.cni}: warning: ${w.code}: ${w.message}\n`);
  return plans.every((p) => p.fits) ? EXIT_OK : EXIT_DOES_NOT_FIT;
}

/** A scenario file, or the JSON of az, Terraform and kubectl (`cnisim import`), with the import flags applied. */
async function loadFiles(files: string[], f: PlanFlags): Promise<Scenario> {
  const { importFlags, loadScenarioInput } = await import('./import.ts');
  return loadScenarioInput(files, importFlags(f));
}
