/**
 * The managed VNet AKS creates when the user brings none: VNet 10.224.0.0/12, node subnet 10.224.0.0/16, pod
 * subnet 10.225.0.0/16. cnisim assumes it only when no VNet subnet is given; a user who brings a subnet brings a
 * VNet cnisim has not been told about, so without `vnet` it is unknown (see src/checks/pool-subnets.ts).
 */
export const MANAGED_VNET = '10.224.0.0/12';
export const MANAGED_NODE_SUBNET = '10.224.0.0/16';
export const MANAGED_POD_SUBNET = '10.225.0.0/16';
