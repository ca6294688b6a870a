import { describe, expect, it } from 'vitest';
import { holderOf } from '../../src/import/tenants.ts';

const S = '/subscriptions/3f2c8a61-5d0e-4b7a-9c1e-8a6b2d4f0e17';
const MC = 'MC_rg_aks_westeurope';

// The cluster's own addresses are its node NICs and its internal load balancer frontends, in its node resource
// group; everything else in the subnet is another tenant's.
describe('whose is each ipConfiguration in a subnet', () => {
  it.each([
    [`${S}/resourceGroups/${MC}/providers/Microsoft.Compute/virtualMachineScaleSets/aks-system-1234-vmss/virtualMachines/0/networkInterfaces/aks-system-1234-vmss/ipConfigurations/ipconfig7`, 'cluster-node'],
    [`${S}/resourcegroups/mc_rg_aks_westeurope/providers/Microsoft.Network/networkInterfaces/aks-gpu-12345678-nic-0/ipConfigurations/ipconfig1`, 'cluster-node'],
    [`${S}/resourceGroups/${MC}/providers/Microsoft.Network/loadBalancers/kubernetes-internal/frontendIPConfigurations/a3c5e7f9`, 'cluster-ilb'],
    [`${S}/resourceGroups/rg-data/providers/Microsoft.Network/networkInterfaces/pe-kv.nic.0b8e4f6a-2c1d-4e3f-9a5b-7c6d8e9f0a1b/ipConfigurations/privateEndpointIpConfig.0b8e4f6a-2c1d-4e3f-9a5b-7c6d8e9f0a1b`, 'private-endpoint'],
    [`${S}/resourceGroups/rg-data/providers/Microsoft.Network/networkInterfaces/vm-jumpbox-nic/ipConfigurations/ipconfig1`, 'other'],
    // Another cluster's nodes in the same subnet: a VM scale set named aks-… but in its own node resource group.
    [`${S}/resourceGroups/MC_rg_other_westeurope/providers/Microsoft.Compute/virtualMachineScaleSets/aks-system-999-vmss/virtualMachines/0/networkInterfaces/aks-system-999-vmss/ipConfigurations/ipconfig1`, 'other'],
    [`${S}/resourceGroups/rg-net/providers/Microsoft.Network/applicationGateways/agw/frontendIPConfigurations/private`, 'other'],
  ])('%s', (id, holder) => {
    expect(holderOf(id, MC)).toBe(holder);
  });
});
