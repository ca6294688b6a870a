import { parseScenarioText } from '../../src/scenario/load.ts';
import { wireCluster, type WiredCluster } from '../../src/scenario/wire.ts';
import type { CniName } from '../../src/model/ipam/cni.ts';

/** Wires a scenario given as YAML and records every cluster and upgrade event as "t_s kind detail". */
export function wired(yaml: string, cni: CniName = 'overlay', seed = 1): { w: WiredCluster; log: string[] } {
  const w = wireCluster(parseScenarioText(yaml, 'test.yaml'), cni, seed, 0);
  const log: string[] = [];
  w.cluster.events.subscribe((e) => {
    const t = e.timeNs / 1e9;
    if (e.kind === 'node-created') log.push(`${t} created node ${e.nodeId} pool ${e.poolIndex}${e.surge ? ' surge' : ''}`);
    else if (e.kind === 'node-join-failed') log.push(`${t} join-failed pool ${e.poolIndex} ${e.cause}`);
    else log.push(`${t} ${e.kind.replace('node-', '')} node ${e.nodeId}`);
  });
  w.upgrades.onEvent((e) => log.push(`${e.timeNs / 1e9} ${e.kind} pool ${e.poolIndex}`));
  return { w, log };
}
