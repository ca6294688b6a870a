import type { Cidr } from '../net/cidr.ts';
import { parseCidr } from '../net/cidr.ts';
import { ipv6PodCidrSpec } from './wire-ipv6.ts';
import { Autoscaler } from '../model/cluster/autoscaler.ts';
import { ClusterModel, type DeploymentConfig, type PoolConfig } from '../model/cluster/cluster-model.ts';
import { ManualScaler } from '../model/cluster/manual-scale.ts';
import { UpgradeController } from '../model/cluster/upgrade.ts';
import type { CniName } from '../model/ipam/cni.ts';
import type { IpamSubnets, IpamTiming } from '../model/ipam/ipam-model.ts';
import { createIpam, defaultMaxPods } from '../model/ipam/index.ts';
import { WorkloadDriver } from '../model/workload/workload-driver.ts';
import { Simulation } from '../sim/simulation.ts';
import { secondsToNs } from '../sim/time.ts';
import { IpMetrics } from '../output/ip-metrics.ts';
import { usedByOthersIn } from '../net/used-by-others.ts';
import { poolAddressing } from '../checks/pool-subnets.ts';
import type { Scenario } from './schema/scenario.ts';

/** Drain time for autoscaler scale-down and manual scale-in, where the scenario gives none. */
const DEFAULT_DRAIN_S = 30;
// AKS tiers: https://learn.microsoft.com/en-us/azure/aks/free-standard-pricing-tiers
const MAX_NODES = { free: 1000, standard: 5000, premium: 5000 } as const;

/** A simulation of one scenario under one networking model, with its models wired and not yet started. */
export interface WiredCluster {
  readonly sim: Simulation;
  readonly cluster: ClusterModel;
  readonly upgrades: UpgradeController;
  readonly ipMetrics: IpMetrics;
  /** Starts the controllers (initial nodes, workload, autoscaler, upgrades, manual scaling). */
  start(): void;
}

function cidr(text: string): Cidr {
  const c = parseCidr(text);
  if (c === undefined) throw new Error(`unvalidated CIDR ${text}`);
  return c;
}

/** A subnet validation has made sure is there. */
function given(text: string | null): string {
  if (text === null) throw new Error('unvalidated scenario: a pool has no subnet');
  return text;
}

/** Maps each distinct subnet CIDR text to an id, in order of first use (pools sharing a CIDR share the subnet). */
function subnetTable(s: Scenario, cni: CniName): { ids: Map<string, number>; list: Cidr[] } {
  const ids = new Map<string, number>();
  const list: Cidr[] = [];
  const add = (text: string) => {
    if (!ids.has(text)) {
      ids.set(text, list.length);
      list.push(cidr(text));
    }
  };
  const pools = poolAddressing(s, cni);
  for (const p of pools) add(given(p.nodeSubnet));
  for (const p of pools) if (p.podSubnet !== null) add(p.podSubnet);
  return { ids, list };
}

/** Builds the cluster, its IPAM and controllers for one networking model. Pure: no I/O, no clock. */
export function wireCluster(s: Scenario, cni: CniName, seed: number, replicate: number): WiredCluster {
  const sim = new Simulation(4096);
  const { ids, list } = subnetTable(s, cni);
  const usesPodSubnet = cni === 'pod-subnet-dynamic' || cni === 'pod-subnet-static';
  const addressing = poolAddressing(s, cni);
  const pools: PoolConfig[] = s.cluster.pools.map((p, i) => ({
    name: p.name,
    maxPods: p.maxPods ?? defaultMaxPods(cni, s.assumptions.podSubnetDefaultMaxPods),
    nodeSubnetId: ids.get(given(addressing[i]?.nodeSubnet ?? null)) as number,
    podSubnetId: usesPodSubnet ? (ids.get(given(addressing[i]?.podSubnet ?? null)) as number) : -1,
    autoscale: p.autoscale ?? null,
  }));
  const userPools = s.cluster.pools.flatMap((p, i) => (p.mode === 'user' ? [i] : []));
  const anyPool = userPools.length > 0 ? userPools : s.cluster.pools.map((_p, i) => i);
  const deployments: DeploymentConfig[] = s.workload.deployments.map((d) => ({
    name: d.name,
    poolIndices: d.pool === undefined ? anyPool : [s.cluster.pools.findIndex((p) => p.name === d.pool)],
    podStartNs: secondsToNs(d.podStartS),
  }));
  const firstSubnet = ids.get(given(addressing[0]?.nodeSubnet ?? null)) as number;
  const ilb = list.map((_c, i) => (i === firstSubnet ? s.network.internalLoadBalancerFrontends : 0));
  const others = [...ids.keys()].map((text) => usedByOthersIn(s.network, text));
  const subnets: IpamSubnets = {
    subnets: list,
    podCidr: cidr(s.network.podCidr),
    podCidrIpv6: ipv6PodCidrSpec(s, cni),
    internalLbFrontendsBySubnet: ilb,
    usedByOthersBySubnet: others,
    overlayMaxPodsPerCluster: s.assumptions.overlayMaxPodsPerCluster,
  };
  const timing: IpamTiming = {
    batchAllocationDelayNs: secondsToNs(s.ipam.batchAllocationDelayS),
    podIpReleaseDelayNs: secondsToNs(s.ipam.podIpReleaseDelayS),
  };
  const cluster = new ClusterModel(
    sim,
    {
      pools,
      deployments,
      daemonsetPodsPerNode: s.workload.daemonsetPodsPerNode,
      provisioningDelayNs: secondsToNs(s.cluster.autoscaler.provisioningDelayS),
      maxClusterNodes: MAX_NODES[s.assumptions.tier],
      nodeSubnets: list,
      podCidr: subnets.podCidr,
    },
    (host) => createIpam(cni, sim, subnets, timing, host),
  );
  const poolIndex = (name: string) => s.cluster.pools.findIndex((p) => p.name === name);
  const upgrades = new UpgradeController(
    sim,
    cluster,
    s.cluster.upgrades.map((u) => ({
      atNs: secondsToNs(u.atS),
      pools: (u.pools ?? s.cluster.pools.map((p) => p.name)).map(poolIndex),
      drainNs: secondsToNs(u.drainS),
      concurrency: u.concurrency,
    })),
    (p) => ({ maxSurge: s.cluster.pools[p]?.maxSurge ?? s.assumptions.maxSurgeDefault, maxUnavailable: s.cluster.pools[p]?.maxUnavailable ?? 0 }),
  );
  const generation = () => upgrades.generation;
  const autoscaler = new Autoscaler(
    sim,
    cluster,
    {
      scanIntervalNs: secondsToNs(s.cluster.autoscaler.scanIntervalS),
      scaleDownUnneededNs: secondsToNs(s.cluster.autoscaler.scaleDownUnneededS),
      scaleDownUtilization: s.cluster.autoscaler.scaleDownUtilization,
      scaleUpBackoffNs: secondsToNs(s.cluster.autoscaler.scaleUpBackoffS),
      drainNs: secondsToNs(DEFAULT_DRAIN_S),
    },
    generation,
  );
  const manual = new ManualScaler(
    sim,
    cluster,
    s.cluster.scaleEvents.map((e) => ({ atNs: secondsToNs(e.atS), pool: poolIndex(e.pool), count: e.count })),
    secondsToNs(DEFAULT_DRAIN_S),
    generation,
  );
  const workload = new WorkloadDriver(
    sim,
    cluster,
    s.workload.deployments.map((d) => ({
      name: d.name,
      replicas: d.replicas,
      schedule: d.schedule,
      restartsPerPodHour: d.churn.restartsPerPodHour,
    })),
    secondsToNs(s.workload.tickS),
    seed,
    replicate,
  );
  const ipMetrics = new IpMetrics(cluster, upgrades);
  return {
    sim,
    cluster,
    upgrades,
    ipMetrics,
    start() {
      s.cluster.pools.forEach((p, i) => {
        for (let k = 0; k < p.count; k++) if (cluster.createNode(i, false, 0) < 0) break;
      });
      workload.start();
      autoscaler.start();
      upgrades.start();
      manual.start();
    },
  };
}
