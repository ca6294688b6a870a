import type { Command } from 'commander';
import { InputError, throwIfProblems, type InputProblem } from '../error/input-error.ts';
import { importFiles, IMPORT_KINDS, isImportFile, type ImportFlags } from '../import/index.ts';
import { parseCidr } from '../net/cidr.ts';
import { loadScenarioFile, validateScenarioData } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
import { EXIT_OK, runCommand } from './exit.ts';
import { parseIntFlag } from './options.ts';
import { writeFileAtomic } from './write-file.ts';

interface ImportCliFlags {
  out?: string;
  nodeSubnet?: string;
  podSubnet?: string;
  vnet?: string;
}

/** Checks the CIDR flags that stand in for facts the files lack. */
export function importFlags(f: { nodeSubnet?: string | undefined; podSubnet?: string | undefined; vnet?: string | undefined }): ImportFlags {
  const problems: InputProblem[] = [];
  const out: { -readonly [K in keyof ImportFlags]: ImportFlags[K] } = {};
  for (const [key, flag] of [['nodeSubnet', '--node-subnet'], ['podSubnet', '--pod-subnet'], ['vnet', '--vnet']] as const) {
    const text = f[key];
    if (text === undefined) continue;
    if (parseCidr(text) === undefined) problems.push({ code: 'malformed-cidr', path: flag, value: JSON.stringify(text), allowed: 'an IPv4 CIDR like 10.224.0.0/21' });
    else out[key] = text;
  }
  throwIfProblems(problems);
  return out;
}

/** Validates an imported scenario; a subnet outside the default VNet gets the hint that names the VNet file. */
function validateImported(data: unknown, label: string, vnetKnown: boolean): Scenario {
  try {
    return validateScenarioData(data, label);
  } catch (err) {
    if (!(err instanceof InputError) || vnetKnown) throw err;
    throw new InputError(
      err.problems.map((p) =>
        p.code === 'subnet-outside-vnet'
          ? { ...p, allowed: `${p.allowed}; the files give no VNet: add \`az network vnet show --ids <the VNet of the subnet> -o json\`, or --vnet CIDR` }
          : p,
      ),
    );
  }
}

/**
 * The scenario `plan` and `run` work on: one scenario file (YAML or JSON), or the files `cnisim import` reads
 * (az, Terraform, kubectl JSON), imported on the fly.
 */
export function loadScenarioInput(paths: readonly string[], flags: ImportFlags): Scenario {
  const [first] = paths;
  if (first !== undefined && paths.length === 1 && !isImportFile(first)) return loadScenarioFile(first);
  const { draft } = importFiles(paths, flags);
  return validateImported(draft.data, `(imported from ${paths.join(', ')})`, flags.vnet !== undefined || draft.comments.some((c) => c.path.join('.') === 'network.vnet'));
}

/** What-if flags of `run` on a scenario: pool count (single pool), maxPods and maxSurge of every pool. */
export function applyPoolFlags(s: Scenario, f: { nodes?: string | undefined; maxPods?: string | undefined; maxSurge?: string | undefined }): Scenario {
  const nodes = f.nodes === undefined ? undefined : parseIntFlag('--nodes', f.nodes, 0, 1000);
  const maxPods = f.maxPods === undefined ? undefined : parseIntFlag('--max-pods', f.maxPods, 10, 250);
  let maxSurge: number | string | undefined;
  if (f.maxSurge !== undefined) {
    if (/^\d+$/.test(f.maxSurge)) maxSurge = Number.parseInt(f.maxSurge, 10);
    else if (/^(100|[1-9]?[0-9])%$/.test(f.maxSurge)) maxSurge = f.maxSurge;
    else throw new InputError([{ code: 'max-surge', path: '--max-surge', value: JSON.stringify(f.maxSurge), allowed: 'a node count like 1 or a percentage like 33%' }]);
  }
  if (nodes !== undefined && s.cluster.pools.length > 1) {
    throw new InputError([{ code: 'nodes-multi-pool', path: '--nodes', value: String(nodes), allowed: `no --nodes: the scenario has ${s.cluster.pools.length} pools; set each pool's count in the file` }]);
  }
  const pools = s.cluster.pools.map((p) => {
    const { autoscale, ...rest } = p;
    return {
      ...rest,
      ...(nodes === undefined ? { count: p.count, ...(autoscale === undefined ? {} : { autoscale }) } : { count: nodes }),
      ...(maxPods === undefined ? {} : { maxPods }),
      ...(maxSurge === undefined ? {} : { maxSurge }),
    };
  });
  return { ...s, cluster: { ...s.cluster, pools } };
}

function importCommand(paths: readonly string[], f: ImportCliFlags): number {
  const flags = importFlags(f);
  const result = importFiles(paths, flags);
  const vnetKnown = flags.vnet !== undefined || result.draft.comments.some((c) => c.path.join('.') === 'network.vnet');
  validateImported(result.draft.data, f.out ?? '(imported scenario)', vnetKnown);
  if (f.out === undefined) process.stdout.write(result.yaml);
  else {
    writeFileAtomic(f.out, result.yaml);
    process.stderr.write(`wrote ${f.out} (${result.files.map((x) => `${x.file}: ${x.kind}`).join(', ')})\n`);
  }
  return EXIT_OK;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Write the scenario of an existing cluster from az, Terraform and kubectl JSON, each field commented with its source.')
    .argument('<files...>', 'JSON files; each one\'s kind is told from its content')
    .option('--out <scenario.yaml>', 'write the scenario here (default: stdout)')
    .option('--node-subnet <cidr>', 'range of the node subnet when no file gives it')
    .option('--pod-subnet <cidr>', 'range of the pod subnet when no file gives it')
    .option('--vnet <cidr>', 'VNet address space (instead of a VNet file)')
    .addHelpText(
      'after',
      `
Accepted kinds:
${Object.values(IMPORT_KINDS).map((k) => `  - ${k}`).join('\n')}

Examples:
  az aks show -g RG -n CLUSTER -o json > cluster.json
  az network vnet subnet show --ids "$(jq -r '.agentPoolProfiles[0].vnetSubnetId' cluster.json)" -o json > subnet.json
  az network vnet show --ids "$(jq -r '.agentPoolProfiles[0].vnetSubnetId | sub("/subnets/.*"; "")' cluster.json)" -o json > vnet.json
  cnisim import cluster.json subnet.json vnet.json --out mycluster.yaml
  cnisim plan cluster.json subnet.json --max-surge 33%

Addresses in a subnet held by anything but the cluster's nodes (private endpoints, other VMs) become
network.usedByOthers. A subnet no file describes is refused (exit 2) with the command that prints it.
Exit codes: 0 written, 2 bad input. See docs/import.md for every field read.`,
    )
    .action((files: string[], flags: ImportCliFlags) => runCommand(() => importCommand(files, flags)));
}
