import type { Command } from 'commander';
import { InputError, throwIfProblems, type InputProblem } from '../error/input-error.ts';
import { CLUSTER_LIMITS_SOURCE, MAX_NODES_PER_POOL } from '../model/azure/limits.ts';
import { ZERO_SURGE_RULE, zeroSurgePools } from '../model/cluster/surge.ts';
import { CNI_NAMES, type CniName } from '../model/ipam/cni.ts';
import { OUTBOUND_TYPES, type OutboundType } from '../model/snat/outbound-type.ts';
import { DEFAULT_SNAT_OPTIONS, planJson, planScenario, type SnatOptions } from '../plan/plan.ts';
import { planCsv, planTable } from '../plan/plan-report.ts';
import { scenarioPlanProblems } from '../plan/scenario-checks.ts';
import { validateSnatInput } from '../plan/snat.ts';
import { loadScenarioFile, validateScenarioData } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
import { EXIT_DOES_NOT_FIT, EXIT_OK, runCommand } from './exit.ts';

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
  format?: string;
}

// `az aks create` makes 3 nodes when --node-count is not given (https://learn.microsoft.com/en-us/cli/azure/aks).
const DEFAULT_NODES = 3;
const FORMATS = ['table', 'json', 'csv'] as const;
const SURGE = /^(100|[1-9]?[0-9])%$/;

const HELP_EXAMPLES = `
Inputs come from SCENARIO (YAML or JSON) when given, else from AKS defaults (one pool of ${DEFAULT_NODES} nodes,
VNet 10.224.0.0/12, node subnet 10.224.0.0/16, pod subnet 10.225.0.0/16, pod CIDR 10.244.0.0/16, service
CIDR 10.0.0.0/16, DNS 10.0.0.10); flags override either. Max surge defaults to 10% rounded up; max unavailable
defaults to 0 (with --max-surge 0, give --max-unavailable 1 or more: no surge node, no surge addresses);
maxPods defaults per model: overlay 250, kubenet 110, node-subnet 30, pod-subnet-* 110
(assumptions.podSubnetDefaultMaxPods, a CONFLICT).

Exit codes: 0 every model fits, 1 some model does not fit (Azure-like messages on stderr), 2 bad input.

Examples:
  $ cnisim plan --cni node-subnet --nodes 50 --max-surge 1 --node-subnet 10.224.0.0/21
  $ cnisim plan --cni overlay --nodes 5 --pod-cidr 10.240.100.0/22 --format json
  $ cnisim plan --cni node-subnet --nodes 8 --max-surge 0 --max-unavailable 1 --node-subnet 10.224.0.0/24
  $ cnisim plan --cni all --nodes 200 --node-subnet 10.224.0.0/22 --format csv
  $ cnisim plan --outbound-type loadBalancer --outbound-ips 2 --outbound-ports 4000 --nodes 30
  $ cnisim plan scenarios/overlay-vs-flat.yaml --max-pods 110
See docs/plan.md for every key of the JSON and CSV output.`;

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .argument('[scenario]', 'scenario file (YAML or JSON); flags override its values')
    .description('Closed-form capacity plan per networking model: VNet IPs, pod subnet, pod CIDR /24s, node limits and SNAT ports.')
    .option('--cni <models>', `networking model(s): ${CNI_NAMES.join('|')}|all, or a comma list (default: the scenario's, else all)`)
    .option('--nodes <n>', `nodes in the (single) pool (default ${DEFAULT_NODES})`)
    .option('--max-pods <p>', 'maxPods per node for every pool, 10..250 (default per model)')
    .option('--max-surge <n|p%>', 'upgrade max surge for every pool: a node count or a percentage (default 10%)')
    .option('--max-unavailable <n|p%>', 'upgrade max unavailable for every pool: nodes drained in place at once, a count or a percentage (default 0)')
    .option('--node-subnet <cidr>', 'node subnet for every pool')
    .option('--pod-subnet <cidr>', 'pod subnet for every pool (Pod Subnet models)')
    .option('--pod-cidr <cidr>', 'pod CIDR (Overlay, kubenet)')
    .option('--service-cidr <cidr>', 'Kubernetes service CIDR')
    .option('--dns-service-ip <ip>', 'cluster DNS service IP, inside the service CIDR')
    .option('--vnet <cidr>', 'VNet address space')
    .option('--outbound-type <type>', `${OUTBOUND_TYPES.join('|')} (default loadBalancer)`)
    .option('--outbound-ips <n>', 'outbound public IPs (default 1)')
    .option('--outbound-ports <n>', 'Load Balancer allocatedOutboundPorts per node; 0 = the default table (default 0)')
    .option('--idle-timeout <min>', 'outbound idle timeout in minutes (default: the outbound type\'s)')
    .option('--format <format>', 'table|json|csv', 'table')
    .addHelpText('after', HELP_EXAMPLES)
    .action(async (scenario: string | undefined, flags: PlanFlags) => {
      await runCommand(() => planCommand(scenario, flags));
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
  if (f.nodeSubnet !== undefined || all) renames.push([new RegExp(String.raw`network\.nodeSubnet|${pools}\.nodeSubnet`, 'g'), '--node-subnet']);
  if (f.podSubnet !== undefined || all) renames.push([new RegExp(String.raw`network\.podSubnet|${pools}\.podSubnet`, 'g'), '--pod-subnet']);
  if (f.podCidr !== undefined || all) renames.push([/network\.podCidr/g, '--pod-cidr']);
  if (f.serviceCidr !== undefined || all) renames.push([/network\.serviceCidr/g, '--service-cidr']);
  if (f.dnsServiceIp !== undefined || all) renames.push([/network\.dnsServiceIp/g, '--dns-service-ip']);
  if (f.maxPods !== undefined || all) renames.push([new RegExp(String.raw`${pools}\.maxPods`, 'g'), '--max-pods']);
  const rename = (text: string) => renames.reduce((t, [re, flag]) => t.replace(re, flag), text);
  return (p) => {
    const path = rename(p.path);
    const where = path.startsWith('--') || fileName === undefined ? path : `${fileName}: ${path}`;
    return { ...p, path: where, allowed: rename(p.allowed) };
  };
}

function baseScenario(): Scenario {
  return validateScenarioData({ name: 'cnisim-plan', cluster: { pools: [{ name: 'nodepool1', mode: 'system', count: DEFAULT_NODES }] } }, '(flags)');
}

async function planCommand(file: string | undefined, f: PlanFlags): Promise<number> {
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
  throwIfProblems(problems);

  const loaded = file === undefined ? baseScenario() : loadScenarioFile(file);
  if (nodes !== undefined && loaded.cluster.pools.length > 1) {
    throw new InputError([
      { code: 'nodes-multi-pool', path: '--nodes', value: String(nodes), allowed: `no --nodes: the scenario has ${loaded.cluster.pools.length} pools; set each pool's count in the file` },
    ]);
  }
  const s = override(loaded, f, nodes, maxPods, maxSurge, maxUnavailable);
  throwIfProblems(
    zeroSurgePools(s.cluster.pools, s.assumptions.maxSurgeDefault).map((z) => ({
      code: 'no-surge-no-unavailable',
      path: f.maxSurge !== undefined ? '--max-surge' : `${file === undefined ? '' : `${file}: `}cluster.pools[${z.index}].maxSurge`,
      value: `${JSON.stringify(z.maxSurge)} with maxUnavailable ${JSON.stringify(z.maxUnavailable)}`,
      allowed: 'maxSurge greater than 0, or --max-unavailable greater than 0',
      rule: ZERO_SURGE_RULE,
    })),
  );
  const cnis = cnisFlag ?? (file === undefined ? [...CNI_NAMES] : s.cni);
  const rename = flagRenamer(f, file);
  // The scenario's first outbound design (if any) is the base; the SNAT flags override its fields.
  const design = s.outbound?.designs[0];
  const snat: SnatOptions = {
    outboundType: (f.outboundType ?? design?.outboundType ?? DEFAULT_SNAT_OPTIONS.outboundType) as OutboundType,
    outboundIps: outboundIpsFlag ?? design?.outboundIps ?? DEFAULT_SNAT_OPTIONS.outboundIps,
    outboundPorts: outboundPortsFlag ?? design?.outboundPorts ?? DEFAULT_SNAT_OPTIONS.outboundPorts,
    idleTimeoutMin: idleTimeoutFlag ?? design?.idleTimeoutMin ?? DEFAULT_SNAT_OPTIONS.idleTimeoutMin,
  };
  const count = s.cluster.pools.reduce((sum, p) => sum + p.count, 0);
  const snatInput = { ...snat, nodes: count, effectiveNodes: count };
  const snatOptions = s.outbound === undefined ? {} : { lbIdleTimeoutMaxMin: s.outbound.lbIdleTimeoutMaxMin };
  throwIfProblems([...scenarioPlanProblems(s, cnis).map(rename), ...validateSnatInput(snatInput, '--', snatOptions)]);
  if (nodes !== undefined && nodes > MAX_NODES_PER_POOL) {
    // The scenario schema checks a file's pool counts; the flag is checked here against the same AKS quota.
    throw new InputError([{ code: 'too-many-nodes', path: '--nodes', value: String(nodes), allowed: `at most ${MAX_NODES_PER_POOL} nodes in one pool; use a scenario file with several pools`, rule: `AKS quotas: 1,000 nodes per pool (${CLUSTER_LIMITS_SOURCE})` }]);
  }

  const plans = cnis.map((c) => planScenario(s, c, snat));
  if (format === 'json') process.stdout.write(`${JSON.stringify(plans.map(planJson), null, 2)}\n`);
  else if (format === 'csv') process.stdout.write(planCsv(plans));
  else process.stdout.write(planTable(plans));
  for (const p of plans) for (const e of p.errors) process.stderr.write(`${p.cni}: ${e.code}: ${e.message}\n`);
  return plans.every((p) => p.fits) ? EXIT_OK : EXIT_DOES_NOT_FIT;
}
