import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/import/index.ts';

// The az CLI flattens the resource and spells dnsServiceIp, vnetSubnetId, enableNodePublicIp; the REST API wraps it
// in `properties` and spells dnsServiceIP, vnetSubnetID, enableNodePublicIP. Both describe the same cluster.
describe('az and REST spellings give the same scenario', () => {
  const az = importFiles(['test/fixtures/node-subnet-pe/cluster.az.json', 'test/fixtures/node-subnet-pe/subnet.az.json']).draft;
  const rest = importFiles(['test/fixtures/node-subnet-pe/cluster.rest.json', 'test/fixtures/node-subnet-pe/subnet.rest.json']).draft;
  const withoutFiles = (d: Record<string, unknown>) => ({ ...d, description: '' });

  it('the same scenario data (the description, which names the files, aside)', () => {
    expect(withoutFiles(rest.data)).toEqual(withoutFiles(az.data));
    expect((az.data['network'] as Record<string, unknown>)['usedByOthers']).toEqual({ '10.224.0.0/21': 3 });
  });

  it('the same fields carry a source, and the same values were defaulted', () => {
    expect(rest.comments.map((c) => c.path)).toEqual(az.comments.map((c) => c.path));
    expect(rest.defaulted).toEqual(az.defaulted);
  });

  it('the REST comments name the REST paths', () => {
    const dns = rest.comments.find((c) => c.path.join('.') === 'network.dnsServiceIp');
    expect(dns?.text).toBe('test/fixtures/node-subnet-pe/cluster.rest.json $.properties.networkProfile.dnsServiceIP');
  });
});
