import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/import/index.ts';

const read = (f: string): unknown => JSON.parse(readFileSync(`test/fixtures/${f}`, 'utf8'));

// The kind comes from the content alone: the same bytes under any name are the same kind.
describe('each file\'s kind is told from its content', () => {
  it.each([
    ['overlay/cluster.az.json', 'aks-cluster'],
    ['node-subnet-pe/cluster.rest.json', 'aks-cluster'],
    ['multi-pool/nodepools.az.json', 'aks-nodepools'],
    ['overlay/subnet.az.json', 'subnets'],
    ['node-subnet-pe/subnet.rest.json', 'subnets'],
    ['pod-subnet-dynamic/subnets.az.json', 'subnets'],
    ['overlay/vnet.az.json', 'vnets'],
    ['pod-subnet-dynamic/vnet.rest.json', 'vnets'],
    ['multi-pool/vnets.az.json', 'vnets'],
    ['terraform/state.json', 'terraform'],
    ['pod-subnet-dynamic/nodes.json', 'k8s-nodes'],
    ['pod-subnet-dynamic/nnc.json', 'k8s-nnc'],
    ['errors/vm.az.json', undefined],
  ])('%s → %s', (file, kind) => {
    expect(detectKind(read(file))).toBe(kind);
  });

  it('REST shapes of a single agent pool and a pool list, a single Node and NNC, a Terraform plan', () => {
    const pool = { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c/agentPools/np', name: 'np', properties: { count: 3, vmSize: 'Standard_D4ds_v5', mode: 'User' } };
    expect(detectKind(pool)).toBe('aks-nodepools');
    expect(detectKind({ value: [pool] })).toBe('aks-nodepools');
    expect(detectKind({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } })).toBe('k8s-nodes');
    expect(detectKind({ apiVersion: 'acn.azure.com/v1alpha', kind: 'NodeNetworkConfig', metadata: { name: 'n' } })).toBe('k8s-nnc');
    expect(detectKind({ format_version: '1.2', planned_values: { root_module: {} } })).toBe('terraform');
  });

  it('not a kind: an empty list, a mixed list, a scenario, a bare value', () => {
    expect(detectKind([])).toBe(undefined);
    expect(detectKind([read('overlay/subnet.az.json'), read('overlay/vnet.az.json')])).toBe(undefined);
    expect(detectKind({ name: 'x', cluster: { pools: [{ name: 'a', count: 1 }] } })).toBe(undefined);
    expect(detectKind('10.0.0.0/8')).toBe(undefined);
  });
});
