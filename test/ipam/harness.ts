import { parseCidr, type Cidr } from '../../src/net/cidr.ts';
import type { CniName } from '../../src/model/ipam/cni.ts';
import { createIpam } from '../../src/model/ipam/index.ts';
import type { IpamModel, IpamNodeSpec } from '../../src/model/ipam/ipam-model.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { NS_PER_S } from '../../src/sim/time.ts';

export function cidr(text: string): Cidr {
  const c = parseCidr(text);
  if (c === undefined) throw new Error(text);
  return c;
}

/** An IPAM model on its own simulation, with a host that logs which nodes were told about new addresses. */
export function ipamHarness(
  cni: CniName,
  opts: { nodeSubnet?: string; podSubnet?: string; podCidr?: string; ilb?: number; batchDelayS?: number; releaseDelayS?: number; overlayMaxPods?: number } = {},
): { sim: Simulation; ipam: IpamModel; notified: number[]; spec: (maxPods: number) => IpamNodeSpec } {
  const sim = new Simulation();
  const notified: number[] = [];
  const subnets = [cidr(opts.nodeSubnet ?? '10.224.0.0/24'), cidr(opts.podSubnet ?? '10.225.0.0/24')];
  const ipam = createIpam(
    cni,
    sim,
    {
      subnets,
      podCidr: cidr(opts.podCidr ?? '10.244.0.0/16'),
      internalLbFrontendsBySubnet: [opts.ilb ?? 0, 0],
      ...(opts.overlayMaxPods === undefined ? {} : { overlayMaxPodsPerCluster: opts.overlayMaxPods }),
    },
    { batchAllocationDelayNs: (opts.batchDelayS ?? 2) * NS_PER_S, podIpReleaseDelayNs: (opts.releaseDelayS ?? 5) * NS_PER_S },
    { podIpsAvailable: (n) => notified.push(n) },
  );
  const podSubnetId = cni === 'pod-subnet-dynamic' || cni === 'pod-subnet-static' ? 1 : -1;
  return { sim, ipam, notified, spec: (maxPods) => ({ poolIndex: 0, maxPods, nodeSubnetId: 0, podSubnetId }) };
}

/** Adds nodes 0, 1, … until one fails; returns how many joined and the failure. */
export function fillNodes(ipam: IpamModel, spec: IpamNodeSpec, limit = 10_000) {
  for (let n = 0; n < limit; n++) {
    const r = ipam.addNode(n, spec);
    if (r.kind === 'fail') return { joined: n, failure: r };
  }
  return { joined: limit, failure: null };
}
