import type { Cidr } from '../../net/cidr.ts';
import { cidrSize } from '../../net/cidr.ts';
import type { RngStream } from '../../sim/rng.ts';
import type { ClusterView } from '../cluster/cluster-view.ts';
import type { KernelSession } from '../../kernel/kernel-session.ts';
import { M_BACKEND, M_BACKEND6, M_LEN, M_SRC_NODE } from '../../kernel/layout.ts';
import { minIpLen, PROTO_TCP, PROTO_UDP, writeInnerFrame } from '../../kernel/inner-frame.ts';
import { minIp6Len, writeInnerFrame6 } from '../../kernel/inner-frame6.ts';
import { mapToIpv6, type Ipv6Ranges } from './ipv6-plan.ts';
import type { DatapathSectionInput } from './datapath-input.ts';
import { podBlockBase } from './route-table.ts';

// Destinations for pod-to-internet traffic: 198.51.100.0/24 is TEST-NET-2 (RFC 5737), an address range that can
// only be "external" to any cluster. https://datatracker.ietf.org/doc/html/rfc5737
const EXTERNAL_BASE = 0xc6336400;
// Linux's default ephemeral port range, net.ipv4.ip_local_port_range = 32768 60999.
const EPHEMERAL_LOW = 32768;
const EPHEMERAL_COUNT = 60999 - 32768 + 1;
// Pods in a node's /24 are numbered from .4; at most 250 pods run on a node (AKS maxPods limit).
const FIRST_POD_HOST = 4;
const MAX_PODS_PER_BLOCK = 250;
const POD_PORT = 8080;
const SERVICE_PORT = 80;
const EXTERNAL_PORT = 443;

/**
 * Turns the scenario's traffic mix into packet batches in a kernel's slots: each packet has a source pod (a
 * running pod, drawn in proportion to pods per node), a kind (pod, service or external destination) and a size
 * from the mix, capped at the pod MTU. All draws come from one named stream, so every variant of a case sees the
 * same packets (common random numbers); only sizes capped by a smaller pod MTU differ.
 */
export class TrafficBatcher {
  private readonly view: ClusterView;
  private readonly rng: RngStream;
  private readonly podCidr: Cidr;
  private readonly serviceCidr: Cidr;
  private readonly podMtu: number;
  private readonly kindCut1: number;
  private readonly kindCut2: number;
  private readonly sizeCum: Float64Array;
  private readonly sizeBytes: Int32Array;
  private readonly sizeProto: Uint8Array;
  private readonly sizeDf: Uint8Array;
  private nodeIds = new Int32Array(64);
  private podsCum = new Float64Array(64);
  private nodes = 0;
  private ident = 0;
  /** The IPv6 ranges when pods send IPv6 packets, else null. */
  private readonly ranges6: Ipv6Ranges | null;
  /** Scratch for one packet's IPv6 source, destination and backend (4 words each). */
  private readonly words6 = new Uint32Array(12);

  /**
   * `ranges6` given: pods send IPv6 packets in those ranges. The draws are the same as for IPv4 and each address
   * is mapped to its IPv6 twin (ipv6-plan.ts), so an IPv4 and an IPv6 variant of a case carry the same flows. IPv6
   * has no DF bit: the size mix's `df` does not apply (an IPv6 packet is never fragmented on the way).
   */
  constructor(spec: DatapathSectionInput, view: ClusterView, rng: RngStream, podCidr: Cidr, serviceCidr: Cidr, podMtu: number, ranges6: Ipv6Ranges | null = null) {
    this.ranges6 = ranges6;
    this.view = view;
    this.rng = rng;
    this.podCidr = podCidr;
    this.serviceCidr = serviceCidr;
    this.podMtu = podMtu;
    const t = spec.traffic;
    const total = t.podToPod + t.podToService + t.podToExternal;
    this.kindCut1 = t.podToPod / total;
    this.kindCut2 = (t.podToPod + t.podToService) / total;
    const n = t.sizes.length;
    this.sizeCum = new Float64Array(n);
    this.sizeBytes = new Int32Array(n);
    this.sizeProto = new Uint8Array(n);
    this.sizeDf = new Uint8Array(n);
    let cum = 0;
    t.sizes.forEach((s, i) => {
      cum += s.weight;
      this.sizeCum[i] = cum;
      this.sizeBytes[i] = s.ipBytes === 'mtu' ? 0 : s.ipBytes;
      this.sizeProto[i] = s.protocol === 'tcp' ? PROTO_TCP : PROTO_UDP;
      this.sizeDf[i] = s.df ? 1 : 0;
    });
  }

  /** Writes up to `count` packets into slots 0.. and returns how many (0 when no pod is running). */
  fill(k: KernelSession, count: number): number {
    if (!this.snapshotNodes()) return 0;
    const lens = k.metaArray(M_LEN);
    const srcNodes = k.metaArray(M_SRC_NODE);
    const backends = k.metaArray(M_BACKEND);
    const b6 = [k.metaArray(M_BACKEND6), k.metaArray(M_BACKEND6 + 1), k.metaArray(M_BACKEND6 + 2), k.metaArray(M_BACKEND6 + 3)] as const;
    const w6 = this.words6;
    const rng = this.rng;
    const sizeTotal = this.sizeCum[this.sizeCum.length - 1] ?? 1;
    for (let i = 0; i < count; i++) {
      const srcPicked = this.pickNode();
      const src = this.podIp(srcPicked);
      const kind = rng.uniform();
      let dst: number;
      let backend = 0;
      let dstPort: number;
      if (kind < this.kindCut1) {
        dst = this.podIp(this.pickNode());
        dstPort = POD_PORT;
      } else if (kind < this.kindCut2) {
        // A ClusterIP from the service CIDR (skipping its first 16 addresses: .10 is the DNS service), DNATed by
        // kube-proxy or eBPF to a backend pod chosen when the flow starts.
        const span = Math.max(1, Math.min(cidrSize(this.serviceCidr) - 17, 4096));
        dst = (this.serviceCidr.base + 16 + rng.int(span)) >>> 0;
        backend = this.podIp(this.pickNode());
        dstPort = SERVICE_PORT;
      } else {
        dst = (EXTERNAL_BASE + 1 + rng.int(254)) >>> 0;
        dstPort = EXTERNAL_PORT;
      }
      const s = this.pickSize(rng.uniform() * sizeTotal);
      const proto = this.sizeProto[s] ?? PROTO_TCP;
      const want = this.sizeBytes[s] ?? 0;
      const r6 = this.ranges6;
      const minLen = r6 !== null ? minIp6Len(proto) : minIpLen(proto);
      const ipLen = Math.max(minLen, Math.min(want === 0 ? this.podMtu : want, this.podMtu));
      const srcPort = EPHEMERAL_LOW + rng.int(EPHEMERAL_COUNT);
      this.ident = (this.ident + 1) & 0xffff;
      const p = k.frameAddr(i);
      if (r6 !== null) {
        mapToIpv6(src, this.podCidr, this.serviceCidr, r6, w6, 0);
        mapToIpv6(dst, this.podCidr, this.serviceCidr, r6, w6, 4);
        if (backend !== 0) mapToIpv6(backend, this.podCidr, this.serviceCidr, r6, w6, 8);
        else w6.fill(0, 8, 12);
        lens[i] = writeInnerFrame6(k.u8, k.dv, p, w6, 0, w6, 4, proto, srcPort, dstPort, ipLen, 0, this.ident);
        for (let j = 0; j < 4; j++) (b6[j] as Uint32Array)[i] = w6[8 + j] ?? 0;
      } else {
        lens[i] = writeInnerFrame(k.u8, k.dv, p, src, dst, proto, srcPort, dstPort, ipLen, this.sizeDf[s] === 1, this.ident);
      }
      srcNodes[i] = this.view.nodeIpv4(this.nodeIds[srcPicked] ?? 0);
      backends[i] = backend;
    }
    return count;
  }

  /** Ready nodes with running pods and the cumulative pod counts, taken once per batch. */
  private snapshotNodes(): boolean {
    const v = this.view;
    const n = v.readyNodeCount();
    if (n > this.nodeIds.length) {
      this.nodeIds = new Int32Array(n * 2);
      this.podsCum = new Float64Array(n * 2);
    }
    let cum = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const id = v.readyNodeId(i);
      const pods = Math.min(v.runningPods(id), MAX_PODS_PER_BLOCK);
      if (pods === 0) continue;
      cum += pods;
      this.nodeIds[m] = id;
      this.podsCum[m] = cum;
      m++;
    }
    this.nodes = m;
    return m > 0;
  }

  /** A node drawn in proportion to its running pods (binary search over the cumulative counts). */
  private pickNode(): number {
    const total = this.podsCum[this.nodes - 1] ?? 0;
    const x = this.rng.uniform() * total;
    let lo = 0;
    let hi = this.nodes - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.podsCum[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** A running pod's address on the picked node (index into the snapshot). */
  private podIp(picked: number): number {
    const id = this.nodeIds[picked] ?? 0;
    const pods = Math.min(this.view.runningPods(id), MAX_PODS_PER_BLOCK);
    return (podBlockBase(this.view, this.podCidr, id) + FIRST_POD_HOST + this.rng.int(pods)) >>> 0;
  }

  private pickSize(x: number): number {
    const c = this.sizeCum;
    for (let i = 0; i < c.length; i++) if ((c[i] ?? 0) > x) return i;
    return c.length - 1;
  }
}
