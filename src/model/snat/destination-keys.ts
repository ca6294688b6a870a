import type { CniName } from '../ipam/cni.ts';
import type { TrafficWorkload } from '../traffic/traffic-spec.ts';
import { usesOutboundSnat } from './no-snat.ts';
import type { ResolvedDesign } from './outbound-design.ts';
import { PROTO_TCP, PROTO_UDP } from './snat-engine.ts';

/**
 * SNAT keys: each distinct destination a port is bound toward. TCP: (IP, port). UDP: the IP alone where the
 * type maps UDP per destination IP (Load Balancer), else (IP, port). Not-SNATed destinations get -1.
 */
export function destinationKeys(
  workloads: readonly TrafficWorkload[],
  design: ResolvedDesign,
  cni: CniName,
): { destKeys: number[][]; keyProtocols: number[] } {
  const ids = new Map<string, number>();
  const keyProtocols: number[] = [];
  const destKeys = workloads.map((w) =>
    w.destinations.map((d) => {
      if (!usesOutboundSnat(d.kind, cni)) return -1;
      const id = d.protocol === 'udp' && design.udpKeyedByIp ? `udp/${d.ip}` : `${d.protocol}/${d.ip}/${d.port}`;
      let k = ids.get(id);
      if (k === undefined) {
        k = keyProtocols.length;
        ids.set(id, k);
        keyProtocols.push(d.protocol === 'udp' ? PROTO_UDP : PROTO_TCP);
      }
      return k;
    }),
  );
  return { destKeys, keyProtocols };
}

