import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cnisim } from './cli-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'cnisim-pcap-'));

describe('cnisim run --pcap', () => {
  it('writes one capture per datapath variant, which tcpdump decodes as the variant\'s tunnel', () => {
    const r = cnisim(['run', 'scenarios/mtu-overhead.yaml', '--pcap', join(dir, 'u.pcap'), '--pcap-limit', '5', '--out', join(dir, 's.csv'), '--timeseries', join(dir, 't.csv'), '--events', join(dir, 'e.csv')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = readdirSync(dir).filter((f) => f.endsWith('.pcap')).sort();
    expect(files).toContain('u.overlay.vxlan-1500.pcap');
    expect(files).toContain('u.overlay.geneve-1500.pcap');
    expect(files).toContain('u.overlay.none-1500.pcap');
    const decode = (f: string) => spawnSync('tcpdump', ['-nn', '-r', join(dir, f)], { encoding: 'utf8' }).stdout;
    // tcpdump prints the outer header, then the inner packet on its own line.
    const vxlan = decode('u.overlay.vxlan-1500.pcap').trim().split('\n');
    const outer = vxlan.filter((l) => l.includes('VXLAN'));
    expect(outer.length).toBe(5);
    expect(outer[0]).toMatch(/ > 10\.224\.\d+\.\d+\.4789: VXLAN, flags \[I\]/);
    expect(vxlan[1]).toMatch(/^IP 10\.244\.\d+\.\d+\.\d+ > 10\.244\./); // inner: pod to pod
    expect(decode('u.overlay.geneve-1500.pcap')).toMatch(/\.6081: Geneve/);
    expect(decode('u.overlay.none-1500.pcap')).not.toMatch(/VXLAN|Geneve/);
  });

  it('refuses --pcap on a scenario without a datapath section, before running', () => {
    const out = join(dir, 'none.csv');
    const r = cnisim(['run', 'scenarios/overlay-vs-flat.yaml', '--pcap', join(dir, 'x.pcap'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--pcap:');
    expect(r.stderr).toContain('a scenario with a datapath section');
    expect(existsSync(out)).toBe(false);
  });
});
