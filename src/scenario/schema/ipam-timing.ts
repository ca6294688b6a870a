import { z } from 'zod';
import { Seconds } from './common.ts';

/** IPAM control-plane latencies. Neither is documented as a number: both are parameters (UNCONFIRMED). */
export const IpamTimingSchema = z
  .strictObject({
    batchAllocationDelayS: Seconds.default(2).meta({
      description: 'Pod Subnet dynamic: delay from a batch request until the node can use the IPs. UNCONFIRMED, default 2 s.',
    }),
    podIpReleaseDelayS: Seconds.default(5).meta({
      description: 'Delay from pod deletion until its IP is free again ("a few seconds", concepts-network-ip-address-planning). Default 5 s.',
    }),
  })
  .prefault({});
