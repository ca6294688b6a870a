/**
 * SNAT + traffic throughput: simulated connections per second of wall time, for 1,000 nodes at 100 new
 * connections per second per node (10 pods × 10/s), to one hot external endpoint, under the Load Balancer
 * default table (32 ports per node at 1,000 nodes) and under a NAT gateway with 16 IPs. The cluster is a fixed
 * fake (no pod churn), so the figure is the cost of arrivals, draws, port accounting and their events.
 *
 * Run alone: `npx tsx bench/snat.bench.ts` (add `--quick` for a short run).
 */
import { Bench } from 'tinybench';
import { pathToFileURL } from 'node:url';
import { loadBalancerDesign } from '../src/model/snat/load-balancer.ts';
import { natGatewayDesign } from '../src/model/snat/nat-gateway.ts';
import type { DesignInput } from '../src/model/snat/design-input.ts';
import type { ResolvedDesign } from '../src/model/snat/outbound-design.ts';
import { PROTO_TCP, SnatEngine } from '../src/model/snat/snat-engine.ts';
import { TrafficDriver } from '../src/model/traffic/traffic-driver.ts';
import { Simulation } from '../src/sim/simulation.ts';
import { FakeCluster } from '../test/traffic/fake-cluster.ts';
import { measurementsFromBench, type BenchSuite, type Measurement } from './suite.ts';

const NODES = 1000;
const PODS_PER_NODE = 10;
const RATE_PER_POD_PER_S = 10;
const SIMULATED_S = 2;

const input = (name: string, outboundType: DesignInput['outboundType'], outboundIps: number): DesignInput => ({
  name,
  outboundType,
  outboundIps,
  outboundPorts: 0,
  idleTimeoutMin: null,
  firewallInstances: 2,
  holdDownS: {},
});

const DESIGNS: Record<string, ResolvedDesign> = {
  'loadBalancer default table, 1,000 nodes': loadBalancerDesign(input('lb', 'loadBalancer', 1)),
  'managedNATGateway 16 IPs, 1,000 nodes': natGatewayDesign(input('nat', 'managedNATGateway', 16)),
};

/** Simulates SIMULATED_S seconds of the cluster's traffic under one design; returns the connections simulated. */
export function simulate(design: ResolvedDesign): number {
  const sim = new Simulation(1 << 16);
  const cluster = new FakeCluster();
  const engine = new SnatEngine(sim, design, [PROTO_TCP]);
  const traffic = new TrafficDriver(sim, cluster, engine, {
    seed: 1,
    replicate: 0,
    workloads: [
      {
        name: 'hot-db',
        poolIndex: -1,
        rateSteps: [{ atNs: 0, ratePerPodPerS: RATE_PER_POD_PER_S }],
        destinations: [{ kind: 'external', ip: 0xcb00710a, port: 5432, protocol: 'tcp', weight: 1 }],
        duration: { kind: 'exponential', meanS: 0.1 },
        closeWeights: [0.9, 0.1, 0, 0],
        keepAliveNs: null,
      },
    ],
    destKeys: [[0]],
    daemonsetPodsPerNode: 0,
  });
  traffic.start();
  for (let i = 0; i < NODES; i++) cluster.setPods(0, cluster.addNode(0), PODS_PER_NODE);
  sim.run(SIMULATED_S * 1e9);
  return traffic.attempts;
}

export const suite: BenchSuite = {
  name: 'snat',
  async run({ quick }) {
    const bench = new Bench({ time: quick ? 500 : 5000, iterations: quick ? 5 : 20, warmupTime: quick ? 100 : 1000, warmupIterations: 2, retainSamples: true });
    const items = new Map<string, number>();
    for (const [label, design] of Object.entries(DESIGNS)) {
      items.set(label, simulate(design));
      bench.add(label, () => {
        simulate(design);
      });
    }
    await bench.run();
    return measurementsFromBench('snat', bench, 'connections/s', (name) => items.get(name) ?? 0);
  },
};

function print(ms: readonly Measurement[]): void {
  for (const m of ms) {
    process.stdout.write(
      `${m.suite} | ${m.case} | median ${Math.round(m.median)} ${m.unit} (p25 ${Math.round(m.p25)}, p75 ${Math.round(m.p75)}, ${m.samples} samples)\n`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  print(await suite.run({ quick: process.argv.includes('--quick') }));
}
