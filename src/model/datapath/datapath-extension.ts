import { instantiateKernel, loadKernelModule } from '../../kernel/load-kernel.ts';
import type { KernelSession } from '../../kernel/kernel-session.ts';
import { align, M_FRAGS, M_WIRE_LEN } from '../../kernel/layout.ts';
import { RngStream } from '../../sim/rng.ts';
import { secondsToNs } from '../../sim/time.ts';
import {
  DATAPATH_IPV6_SUMMARY_COLUMNS, DATAPATH_SUMMARY_COLUMNS, DATAPATH_TIMESERIES_COLUMNS, ipv6SummaryCells, summaryCells,
  timeseriesCells,
} from './datapath-metrics.ts';
import type { AttachedModel, FrameSink, ModelContext, ModelExtension } from '../extension.ts';
import type { DatapathInput } from './datapath-input.ts';
import { resolveVariant } from './datapath-variant.ts';
import { FragmentFrames } from './fragment-frames.ts';
import { ipv6Ranges, loadRoutes6 } from './ipv6-plan.ts';
import { loadRoutes, type RouteSources } from './route-table.ts';
import { TrafficBatcher } from './traffic-batch.ts';

/** Outer IPv4 TTL (and IPv6 hop limit) of tunnel packets: Linux's defaults (net.ipv4.ip_default_ttl = 64, net.ipv6.conf.all.hop_limit = 64). */
const OUTER_TTL = 64;

/**
 * The per-packet data path as a run extension: one row per datapath variant (encapsulation, MTUs), each with its
 * own kernel instance fed the same sampled packets. Every batch interval it writes a batch of pod packets into the
 * kernel, runs the whole path (lookup, DNAT/SNAT, encapsulation at the source node, decapsulation at the
 * destination node) in one call, and offers the underlay frames to the pcap sink.
 */
export const datapathExtension: ModelExtension<DatapathInput> = {
  name: 'datapath',
  axis: { name: 'datapath', unit: 'text', description: 'Datapath variant name (scenario datapath.variants[].name); empty without a datapath section.' },
  variants(input: DatapathInput): readonly string[] {
    return input.datapath === undefined ? [''] : input.datapath.variants.map((v) => v.name);
  },
  summaryColumns: DATAPATH_SUMMARY_COLUMNS,
  ipv6SummaryColumns: DATAPATH_IPV6_SUMMARY_COLUMNS,
  timeseriesColumns: DATAPATH_TIMESERIES_COLUMNS,
  async attach(ctx: ModelContext<DatapathInput>, variant: string): Promise<AttachedModel | null> {
    const dp = ctx.input.datapath;
    const spec = dp?.variants.find((v) => v.name === variant);
    if (dp === undefined || spec === undefined) return null;
    const v = resolveVariant(spec);
    const module = ctx.kernelModule ?? (await loadKernelModule());
    const batch = dp.traffic.packetsPerBatch;
    const geometry = { slotCount: batch, slotBytes: Math.max(64, align(14 + v.podMtu, 16)), headroom: align(v.overheadBytes, 8) };
    const k = await instantiateKernel(module, geometry);
    k.configure(v.mode, v.vni, v.port, v.optionsBytes, v.vmMtu, OUTER_TTL);
    // The scenario's IPv6 ranges (AKS and ULA defaults where it gives none), parsed once for the whole run.
    const ranges6 = ipv6Ranges(ctx.input.ipv6);
    if (v.underlay6 || v.inner6) k.configureFamilies(v.underlay6, v.inner6, ranges6.nodeSubnet.words[0], ranges6.nodeSubnet.words[1], v.zeroUdpChecksum);
    const sources: RouteSources = {
      vnet: ctx.input.vnet,
      nodeSubnets: ctx.cluster.config.nodeSubnets,
      serviceCidr: ctx.input.serviceCidr,
      podCidr: ctx.input.podCidr,
    };
    const traffic = new TrafficBatcher(
      dp,
      ctx.cluster,
      new RngStream(ctx.seed, ctx.replicate, 'datapath/traffic'),
      sources.podCidr,
      sources.serviceCidr,
      v.podMtu,
      v.inner6 ? ranges6 : null,
    );
    let routesDirty = true;
    ctx.cluster.events.subscribe((e) => {
      if (e.kind === 'node-ready' || e.kind === 'node-removed') routesDirty = true;
    });
    const intervalNs = secondsToNs(dp.traffic.batchIntervalS);
    const sink = ctx.frameSink;
    const fragments = sink === undefined ? null : new FragmentFrames(geometry.headroom + geometry.slotBytes);
    const handler = ctx.sim.register('datapath-batch', (sim) => {
      if (routesDirty) {
        loadRoutes(k, ctx.cluster, sources);
        if (v.inner6) loadRoutes6(k, ctx.cluster, sources.podCidr, ranges6);
        routesDirty = false;
      }
      const n = traffic.fill(k, batch);
      if (n > 0) {
        k.abi.pathBatch(n);
        if (sink !== undefined && fragments !== null) offerFrames(k, n, sim.now, sink, fragments);
      }
      sim.schedule(intervalNs, handler);
    });
    ctx.sim.scheduleAt(intervalNs, handler);
    return {
      sample: () => timeseriesCells(k),
      summary: () => summaryCells(k, v, spec.encap),
      summaryIpv6: () => ipv6SummaryCells(k, v),
    };
  },
};

/**
 * Offers each underlay frame of the batch to the capture, packets 1 µs apart (pcap resolution) so their order
 * shows, and the fragments of a fragmented packet 1 ns apart after its first.
 */
function offerFrames(k: KernelSession, n: number, nowNs: number, sink: FrameSink, fragments: FragmentFrames): void {
  for (let i = 0; i < n; i++) {
    if (k.meta(M_WIRE_LEN, i) === 0) continue;
    const t = nowNs + i * 1000;
    if (!sink.write(t, k.wireFrame(i))) return;
    if (k.meta(M_FRAGS, i) > 1 && !fragments.offer(k, i, t, 1, sink)) return;
  }
}
