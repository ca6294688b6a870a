import { cidrSize, type Cidr } from './cidr.ts';

// "Azure reserves the first four addresses and the last address" of every subnet; the smallest IPv4 subnet is
// /29 and the largest /2. https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq
export const AZURE_RESERVED_IPS_PER_SUBNET = 5;
export const AZURE_SUBNET_MIN_PREFIX = 2;
export const AZURE_SUBNET_MAX_PREFIX = 29;
export const VNET_FAQ_URL = 'https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq';

/** Addresses of an Azure subnet a VM, pod or frontend can take: size − 5 (a /24 has 251). */
export function usableIps(subnet: Cidr): number {
  return Math.max(0, cidrSize(subnet) - AZURE_RESERVED_IPS_PER_SUBNET);
}

/** The first address Azure hands out in the subnet (the 5th: .0 network, .1 gateway, .2/.3 DNS are reserved). */
export function firstUsableIp(subnet: Cidr): number {
  return (subnet.base + 4) >>> 0;
}
