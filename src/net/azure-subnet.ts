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

/**
 * Aligned blocks of /`blockPrefix` inside an Azure subnet that contain none of its 5 reserved addresses (the first
 * four and the last), so Azure can hand each out whole: a /24 holds 14 /28s, not ⌊251/16⌋ = 15, because the first
 * /28 holds .0–.3 and the last holds .255. An inference from the reserved addresses (virtual-networks-faq) and the
 * /28 block size of static block allocation; Azure does not state how it lays blocks out.
 */
export function alignedBlocksAvoidingReserved(subnet: Cidr, blockPrefix: number): number {
  if (subnet.prefix > blockPrefix) return 0;
  const blocks = 2 ** (blockPrefix - subnet.prefix);
  // The first block holds the first four addresses and the last block the last one (the same block when blocks = 1).
  return Math.max(0, blocks - 2);
}
