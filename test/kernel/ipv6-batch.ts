import { writeInnerFrame6 } from '../../src/kernel/inner-frame6.ts';
import type { KernelSession } from '../../src/kernel/kernel-session.ts';
import { M_LEN, M_SRC_NODE } from '../../src/kernel/layout.ts';
import { MODE_VXLAN, V_EGRESS, V_NODE } from '../../src/kernel/reason.ts';
import { NODE_PREFIX } from './kernel-fixture6.ts';

const NODES = 5000;
const NODE_IP_BASE = 0xac100001; // 172.16.0.1: node n's IPv4 (and the low bits of its IPv6 address)

/**
 * VXLAN over IPv6 with IPv6 pods: 5,000 node /80s under fd12:3456:789a::/64 and `batch` pod-to-pod UDP packets of
 * `ipLen` bytes to random pods on other nodes (the IPv6 counterpart of bench/kernel.bench.ts's setup).
 */
export function prepareIpv6(k: KernelSession, batch: number, ipLen: number): void {
  k.configure(MODE_VXLAN, 0x123456, 4789, 0, 9000, 64);
  k.configureFamilies(true, true, NODE_PREFIX[0], NODE_PREFIX[1], false);
  k.abi.route6Add(0, 0, 0, 0, 0, V_EGRESS, 0);
  for (let n = 0; n < NODES; n++) k.abi.route6Add(0xfd123456, 0x789a0000, n << 16, 0, 80, V_NODE, NODE_IP_BASE + n);
  let s = 12345;
  const rnd = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>>= 0);
  };
  const w = new Uint32Array(8);
  const lens = k.metaArray(M_LEN);
  const src = k.metaArray(M_SRC_NODE);
  for (let i = 0; i < batch; i++) {
    const a = rnd() % NODES;
    const b = (a + 1 + (rnd() % (NODES - 1))) % NODES;
    w.set([0xfd123456, 0x789a0000, a << 16, 4 + (rnd() % 250), 0xfd123456, 0x789a0000, b << 16, 4 + (rnd() % 250)]);
    lens[i] = writeInnerFrame6(k.u8, k.dv, k.frameAddr(i), w, 0, w, 4, 17, 32768 + (rnd() % 28000), 8080, ipLen, 0, i);
    src[i] = NODE_IP_BASE + a;
  }
  k.abi.lookupBatch(batch);
  k.abi.encapBatch(batch);
}
