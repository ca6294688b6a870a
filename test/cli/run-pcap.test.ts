import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cnisim } from './cli-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'cnisim-pcap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cnisim run --pcap', () => {
  it('writes one capture per datapath variant, which tcpdump decodes as the variant\'s tunnel', () => {
    const r = cnisim(['run', 'scenarios/mtu-overhead.yaml', '--pcap', join(dir, 'u.pcap'), '--pcap-limit', '5', '--out', join(dir, 's.csv'), '--timeseries', join(dir, 't.csv'), '--events', join(dir, 'e.csv')]);
    expect(r.code).toBe(0);
    // Every capture is named from --pcap by rule, and listed on stderr (also with --quiet, see below).
    const variants = ['none-1500', 'vxlan-1500', 'vxlan-1500-pod1500', 'geneve-1500', 'geneve-1500-pod1500', 'none-3900', 'vxlan-3900', 'vxlan-3900-pod3900', 'geneve-3900'];
    expect(r.stderr).toBe(variants.map((v) => `wrote ${join(dir, `u.overlay.${v}.pcap`)} (5 frames)\n`).join(''));
    const files = readdirSync(dir).filter((f) => f.endsWith('.pcap')).sort();
    expect(files).toEqual(variants.map((v) => `u.overlay.${v}.pcap`).sort());
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

  it('runs the --pcap example of `cnisim run --help` as written (paths moved to a temporary directory)', () => {
    const help = cnisim(['run', '--help']).stdout;
    const example = help.split('\n').map((l) => l.trim()).find((l) => l.startsWith('cnisim run') && l.includes('--pcap ')) ?? '';
    expect(example).toMatch(/^cnisim run .* && tcpdump -nn -r \/tmp\/\S+\.pcap$/);
    const exDir = mkdtempSync(join(tmpdir(), 'cnisim-pcap-help-'));
    try {
      const command = example.replaceAll('/tmp/', `${exDir}/`).replace(/^cnisim /, `${JSON.stringify(process.execPath)} --import tsx src/cli/main.ts `);
      const r = spawnSync('bash', ['-c', command], { encoding: 'utf8', timeout: 120_000 });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/VXLAN/); // tcpdump decoded the file the example names
      expect(r.stderr).toContain(`wrote ${exDir}/underlay.overlay.vxlan-1500.pcap (50 frames)`); // listed despite --quiet
    } finally {
      rmSync(exDir, { recursive: true, force: true });
    }
  });
});
