import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/import/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'cnisim-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A newer API version adds fields (and az adds more to its output); only the fields that matter are read.
describe('unknown fields are ignored', () => {
  it('a cluster and subnet with fields no API version has import to the same scenario', () => {
    const cluster = JSON.parse(readFileSync('test/fixtures/node-subnet-pe/cluster.az.json', 'utf8')) as Record<string, unknown>;
    const subnet = JSON.parse(readFileSync('test/fixtures/node-subnet-pe/subnet.az.json', 'utf8')) as Record<string, unknown>;
    const pools = cluster['agentPoolProfiles'] as Array<Record<string, unknown>>;
    const newer = {
      ...cluster,
      quantumProfile: { enabled: true, qubits: 7 },
      networkProfile: { ...(cluster['networkProfile'] as object), podLinkLocalAccess: 'IMDS', future: [1, 2, 3] },
      agentPoolProfiles: pools.map((p) => ({ ...p, gpuSharing: 'MIG7g', upgradeSettings: { ...(p['upgradeSettings'] as object), maxBlockedNodes: '5' } })),
    };
    const newerSubnet = { ...subnet, sharingScope: 'Tenant', ipamPoolPrefixAllocations: [] };
    const a = join(dir, 'cluster.json');
    const b = join(dir, 'subnet.json');
    writeFileSync(a, JSON.stringify(newer));
    writeFileSync(b, JSON.stringify(newerSubnet));
    const before = importFiles(['test/fixtures/node-subnet-pe/cluster.az.json', 'test/fixtures/node-subnet-pe/subnet.az.json']).draft.data;
    const after = importFiles([a, b]).draft.data;
    expect({ ...after, description: '' }).toEqual({ ...before, description: '' });
  });
});
