/**
 * AKS `networkProfile.outboundType` values cnisim models. `none` and `block` are not modelled: they send no
 * SNATed egress at all. https://learn.microsoft.com/en-us/azure/aks/egress-outboundtype
 */
export type OutboundType = 'loadBalancer' | 'managedNATGateway' | 'userAssignedNATGateway' | 'userDefinedRouting';

export const OUTBOUND_TYPES: readonly OutboundType[] = [
  'loadBalancer',
  'managedNATGateway',
  'userAssignedNATGateway',
  'userDefinedRouting',
];

export function isNatGateway(t: OutboundType): boolean {
  return t === 'managedNATGateway' || t === 'userAssignedNATGateway';
}

/** Idle timeout limits, in minutes, a design of this type accepts, and its documented default. */
export interface IdleTimeoutRule {
  readonly defaultMin: number;
  readonly minMin: number;
  readonly maxMin: number;
  readonly rule: string;
}
