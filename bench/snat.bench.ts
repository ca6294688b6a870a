/**
 * SNAT + traffic throughput in steady state: simulated connections per second of wall time, for 1,000 nodes at
 * 100 new connections per second per node (10 pods × 10/s), spread over 8 endpoints of one external database
 * service, under the Load Balancer default table (32 ports per node at 1,000 nodes) and under a NAT gateway with
 * 16 IPs (whose 65 s FIN hold-down keeps about 6 million ports bound in steady state).
 *
 * Each design first runs WARMUP_S simulated seconds (past the 65 s hold-down, so releases are part of the cost),
 * once; then every benchmark iteration advances the same simulation by one simulated second. The cluster is a
 * fixed fake (no pod churn): the figure is the cost of arrivals, draws, port accounting and their events.
 *
 * Run alone: `npx tsx bench/snat.bench.ts` (add `--quick` for a short run with a 5 s warm-up).
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
const ENDPOINTS = 8;
const WARMUP_S = 70;

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

/** One simulation of the benchmark cluster under a design, advanced a simulated second at a time. */
export class SteadyRun {
  private readonly sim = new Simulation(1 << 16);
  private readonly engine: SnatEngine;
  private readonly traffic: TrafficDriver;
  private nowS = 0;

  constructor(design: ResolvedDesign, warmupS: number) {
    const cluster = new FakeCluster();
    const destinations = Array.from({ length: ENDPOINTS }, (_v, i) => ({
      kind: 'external' as const,
      ip: 0xcb00710a + i,
      port: 5432,
      protocol: 'tcp' as const,
      weight: 1,
    }));
    this.engine = new SnatEngine(this.sim, design, destinations.map(() => PROTO_TCP));
    this.traffic = new TrafficDriver(this.sim, cluster, this.engine, {
      seed: 1,
      replicate: 0,
      workloads: [
        {
          name: 'db',
          poolIndex: -1,
          rateSteps: [{ atNs: 0, ratePerPodPerS: RATE_PER_POD_PER_S }],
          destinations,
          duration: { kind: 'exponential', meanS: 0.1 },
          closeWeights: [0.9, 0.1, 0, 0],
          keepAliveNs: null,
        },
      ],
      destKeys: [destinations.map((_d, i) => i)],
      daemonsetPodsPerNode: 0,
    });
    this.traffic.start();
    for (let i = 0; i < NODES; i++) cluster.setPods(0, cluster.addNode(0), PODS_PER_NODE);
    this.advance(warmupS);
  }

  /** Runs `seconds` more simulated time; returns the connections opened meanwhile. */
  advance(seconds: number): number {
    const before = this.traffic.attempts;
    this.nowS += seconds;
    this.sim.run(this.nowS * 1e9);
    return this.traffic.attempts - before;
  }

  get failures(): number {
    return this.engine.failures;
  }

  get heldPorts(): number {
    return this.engine.held;
  }
}

export const suite: BenchSuite = {
  name: 'snat',
  async run({ quick }) {
    const bench = new Bench({ time: quick ? 500 : 5000, iterations: quick ? 5 : 20, warmupIterations: 2, retainSamples: true });
    const perIteration = new Map<string, { connections: number; iterations: number }>();
    for (const [label, design] of Object.entries(DESIGNS)) {
      let run: SteadyRun | null = null;
      const tally = { connections: 0, iterations: 0 };
      perIteration.set(label, tally);
      bench.add(
        label,
        () => {
          tally.connections += (run as SteadyRun).advance(1);
          tally.iterations++;
        },
        {
          beforeAll: () => {
            run ??= new SteadyRun(design, quick ? 5 : WARMUP_S);
          },
        },
      );
    }
    await bench.run();
    // Items per iteration: the connections one simulated second actually held (Poisson around 100,000).
    return measurementsFromBench('snat', bench, 'connections/s', (name) => {
      const t = perIteration.get(name);
      return t === undefined || t.iterations === 0 ? 0 : t.connections / t.iterations;
    });
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
