import type { Cidr } from '../../net/cidr.ts';
import { formatCidr } from '../../net/cidr.ts';
import { usableIps } from '../../net/azure-subnet.ts';

/**
 * The free addresses of one Azure subnet, as a count: which address a node gets does not change any result,
 * only how many are left. Capacity is size − 5 (Azure reserves the first four and the last address,
 * https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq), less the addresses other
 * resources in the subnet (private endpoints, other VMs) already hold.
 */
export class SubnetPool {
  readonly cidr: Cidr;
  readonly capacity: number;
  private taken = 0;

  constructor(cidr: Cidr, usedByOthers = 0) {
    this.cidr = cidr;
    this.capacity = Math.max(0, usableIps(cidr) - usedByOthers);
  }

  get used(): number {
    return this.taken;
  }

  get free(): number {
    return this.capacity - this.taken;
  }

  /** Takes n addresses if all are free; otherwise takes none. */
  take(n: number): boolean {
    if (this.taken + n > this.capacity) return false;
    this.taken += n;
    return true;
  }

  /** Takes as many as it can, up to n; returns how many. */
  takeUpTo(n: number): number {
    const got = Math.min(n, this.capacity - this.taken);
    this.taken += got;
    return got;
  }

  give(n: number): void {
    this.taken -= n;
  }

  /** The RP's wording for a subnet that cannot fit a reservation (AKS issue 456). */
  shortfall(needed: number): string {
    return `Pre-allocated IPs ${this.taken + needed} exceeds IPs available in Subnet ${this.capacity} (${formatCidr(this.cidr)})`;
  }
}
