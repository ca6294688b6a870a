import { firewallDesign } from './azure-firewall.ts';
import type { DesignInput } from './design-input.ts';
import { loadBalancerDesign } from './load-balancer.ts';
import { natGatewayDesign } from './nat-gateway.ts';
import type { ResolvedDesign } from './outbound-design.ts';

/** Applies the rules of the design's outbound type (one file per type). */
export function resolveDesign(d: DesignInput): ResolvedDesign {
  switch (d.outboundType) {
    case 'loadBalancer':
      return loadBalancerDesign(d);
    case 'managedNATGateway':
    case 'userAssignedNATGateway':
      return natGatewayDesign(d);
    case 'userDefinedRouting':
      return firewallDesign(d);
  }
}
