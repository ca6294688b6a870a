import { KUBENET_MAX_ROUTES } from '../model/azure/limits.ts';
import { usableIps } from '../net/azure-subnet.ts';
import { parseCidr } from '../net/cidr.ts';
import type { CellValue } from './csv-format.ts';
import { groupedCount, humanDuration, percent } from './human-format.ts';

/**
 * The one sentence `cnisim run` ends with: what ran out first, when and why; or, when nothing did, which model
 * came closest. Built only from the summary rows, the episodes and the address plan, so it agrees with the CSV.
 */

/** The address plan of one networking model, as plain data (the CLI fills it from the scenario). */
export interface ModelAddressPlan {
  readonly podCidr: string;
  readonly pools: ReadonlyArray<{ readonly name: string; readonly nodeSubnet: string; readonly podSubnet: string | undefined; readonly maxPods: number }>;
}

export interface ConclusionInput {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly CellValue[]>;
  /** Rows of the events CSV (cni, variant, replicate, cause, pool, first_s, last_s, attempts). */
  readonly episodeColumns: readonly string[];
  readonly episodes: ReadonlyArray<readonly CellValue[]>;
  readonly planOf: (cni: string) => ModelAddressPlan;
}

interface Outcome {
  readonly model: string;
  readonly cni: string;
  readonly replicate: number;
  readonly atS: number;
  readonly why: string;
}

const prefix = (cidr: string): string => `/${cidr.split('/')[1] ?? '?'}`;
const usable = (cidr: string | undefined): number => {
  const c = cidr === undefined ? undefined : parseCidr(cidr);
  return c === undefined ? 0 : usableIps(c);
};

/** Why a refusal of `cause` in `pool` happened, in words (the Azure message is in the attempts log). */
export function causeWords(cause: string, cni: string, poolName: string, plan: ModelAddressPlan): string {
  const pool = plan.pools.find((p) => p.name === poolName) ?? plan.pools[0];
  const nodeSubnet = pool === undefined ? '' : ` (${prefix(pool.nodeSubnet)})`;
  const podSubnet = pool?.podSubnet === undefined ? '' : ` (${prefix(pool.podSubnet)})`;
  switch (cause) {
    case 'node-subnet-full':
      return cni === 'node-subnet' && pool !== undefined
        ? `the node subnet${nodeSubnet} cannot hold another node's ${1 + pool.maxPods} addresses`
        : `the node subnet${nodeSubnet} cannot hold another node`;
    case 'pod-subnet-full':
      return cni === 'pod-subnet-static'
        ? `the pod subnet${podSubnet} cannot hold another node's /28 blocks`
        : `the pod subnet${podSubnet} has no address left for new pods`;
    case 'pod-cidr-full':
      return `the pod CIDR (${prefix(plan.podCidr)}) has no /24 left for another node`;
    case 'pod-cidr-ipv6-full':
      return 'the IPv6 pod CIDR has no block left for another node';
    case 'kubenet-route-limit':
      // A dual-stack node takes a route per family (200 nodes), so the table's size is stated, not a node count.
      return `its route table (at most ${KUBENET_MAX_ROUTES} routes, one per node and family) cannot take another node's route`;
    case 'cluster-node-limit':
      return 'the cluster is at its node limit';
    case 'pool-node-limit':
      return `pool ${poolName} is at its node limit`;
    case 'upgrade-blocked':
      return `pool ${poolName}'s upgrade could not create a surge node`;
    default:
      return cause;
  }
}

export function conclusion(input: ConclusionInput): string {
  const { columns, rows } = input;
  const at = (name: string): number => columns.indexOf(name);
  const num = (r: readonly CellValue[], name: string): number | undefined => {
    const v = at(name) < 0 ? null : r[at(name)];
    return typeof v === 'number' ? v : undefined;
  };
  const text = (r: readonly CellValue[], name: string): string => String((at(name) < 0 ? null : r[at(name)]) ?? '');
  const variantKeys = columns.slice(2, at('seed'));
  const modelOf = (r: readonly CellValue[]): string => [text(r, 'cni'), ...variantKeys.map((k) => text(r, k))].filter((v) => v !== '').join(' / ');
  const ep = (name: string): number => input.episodeColumns.indexOf(name);
  const many = rows.some((r) => num(r, 'replicate') !== 0);

  const outcomes: Outcome[] = [];
  for (const r of rows) {
    const cni = text(r, 'cni');
    const replicate = num(r, 'replicate') ?? 0;
    const ipAt = num(r, 'first_exhaustion_s');
    if (ipAt !== undefined) {
      const cause = text(r, 'exhaustion_cause');
      const variant = variantKeys.map((k) => text(r, k)).filter((v) => v !== '').join('/');
      // The pool of the first episode of this cause in this run: the summary does not name it.
      const first = input.episodes.find(
        (e) => e[ep('cni')] === cni && e[ep('variant')] === variant && e[ep('replicate')] === replicate && e[ep('cause')] === cause,
      );
      const pool = first === undefined ? '' : String(first[ep('pool')] ?? '');
      outcomes.push({ model: modelOf(r), cni, replicate, atS: ipAt, why: causeWords(cause, cni, pool, input.planOf(cni)) });
    }
    const snatAt = num(r, 'snat_first_failure_s');
    if (snatAt !== undefined) {
      const failures = num(r, 'snat_failures') ?? 0;
      const perNode = num(r, 'snat_ports_per_node_min');
      const ports = perNode === undefined ? 'SNAT ports' : `${groupedCount(perNode)} SNAT ports per node`;
      outcomes.push({ model: modelOf(r), cni, replicate, atS: snatAt, why: `its ${ports} were all taken; ${groupedCount(failures)} connections failed` });
    }
  }
  outcomes.sort((a, b) => a.atS - b.atS);
  const first = outcomes[0];
  if (first !== undefined) {
    const where = many ? ` in replicate ${first.replicate}` : '';
    // A model is named alone when every variant of it (datapath, outbound) ran out alike; models that ran out
    // at the same moment are all named, in row order, each with its reason.
    const rowsOf = (o: Outcome): number => rows.filter((r) => text(r, 'cni') === o.cni && (num(r, 'replicate') ?? 0) === o.replicate).length;
    const named = (o: Outcome): string => {
      const alike = outcomes.filter((x) => x.cni === o.cni && x.replicate === o.replicate && x.atS === o.atS && x.why === o.why).length;
      return alike > 1 && alike === rowsOf(o) ? o.cni : o.model;
    };
    const firsts = new Map<string, string>();
    for (const o of outcomes) {
      const name = named(o);
      if (o.replicate === first.replicate && o.atS === first.atS && !firsts.has(name)) firsts.set(name, o.why);
    }
    const when = `${humanDuration(first.atS)}${where}`;
    if (firsts.size === 1) return `${named(first)} runs out first, at ${when}: ${first.why}.`;
    const names = [...firsts.keys()];
    const list = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
    return `${list} run out first, all at ${when}: ${[...firsts].map(([n, why]) => `${n}: ${why}`).join('; ')}.`;
  }
  const closest = rows
    .flatMap((r) => headroom(r, num, text(r, 'cni'), input.planOf(text(r, 'cni'))).map((h) => ({ ...h, model: modelOf(r) })))
    .sort((a, b) => b.share - a.share)[0];
  return closest === undefined ? 'nothing ran out.' : `nothing ran out; the closest was ${closest.model} at ${percent(closest.share)} of ${closest.of}.`;
}

type NumOf = (r: readonly CellValue[], name: string) => number | undefined;

/** How full each range a model draws from got at its peak, where the summary says so exactly. */
function headroom(r: readonly CellValue[], num: NumOf, cni: string, plan: ModelAddressPlan): Array<{ share: number; of: string }> {
  const out: Array<{ share: number; of: string }> = [];
  const nodeSubnets = [...new Set(plan.pools.map((p) => p.nodeSubnet))];
  const podSubnets = [...new Set(plan.pools.flatMap((p) => (p.podSubnet === undefined ? [] : [p.podSubnet])))];
  const nodeUsable = nodeSubnets.reduce((s, c) => s + usable(c), 0);
  const allocated = num(r, 'vnet_ips_allocated_peak');
  const nodeRange = nodeSubnets.length === 1 ? `its ${prefix(nodeSubnets[0] ?? '')} node subnet` : 'its node subnets';
  if (allocated !== undefined && nodeUsable > 0) {
    if (cni === 'pod-subnet-dynamic' || cni === 'pod-subnet-static') {
      const podUsable = podSubnets.reduce((s, c) => s + usable(c), 0);
      if (podUsable > 0) out.push({ share: allocated / (nodeUsable + podUsable), of: 'its node and pod subnets together' });
    } else {
      // Overlay, kubenet and Node Subnet take every VNet address from the node subnets.
      out.push({ share: allocated / nodeUsable, of: nodeRange });
    }
  }
  const blocks = num(r, 'pod_cidr_blocks_peak');
  const cidr = parseCidr(plan.podCidr);
  if ((cni === 'overlay' || cni === 'kubenet') && blocks !== undefined && cidr !== undefined && cidr.prefix <= 24) {
    out.push({ share: blocks / 2 ** (24 - cidr.prefix), of: `its ${prefix(plan.podCidr)} pod CIDR` });
  }
  const inUse = num(r, 'snat_ports_in_use_node_peak');
  const perNode = num(r, 'snat_ports_per_node_min');
  if (inUse !== undefined && perNode !== undefined && perNode > 0) out.push({ share: inUse / perNode, of: 'a node\'s SNAT ports' });
  return out;
}
