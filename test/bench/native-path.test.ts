import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * bench/peers/path.c is the native-C ceiling for the WASM kernel's full path only if it does the same work. This
 * test keeps them equal: it builds path.c with gcc -O2, lets bench/peers/wasm-path.ts write the kernel's memory
 * before and after one full-path batch, and requires path.c to reproduce the after-image byte for byte (it exits
 * 1 and names the first differing byte otherwise; 2 when the kernel's layout version moved). gcc is part of the
 * toolchain (docs/performance.md); without it this test fails rather than skips.
 */
describe('native C full path', () => {
  it('produces memory byte-identical to the WASM kernel on the kernel bench workload', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnisim-path-'));
    const bin = join(dir, 'path');
    execFileSync('gcc', ['-O2', '-o', bin, 'bench/peers/path.c']);
    const prefix = join(dir, 'p');
    const wasm = spawnSync(join('node_modules', '.bin', 'tsx'), ['bench/peers/wasm-path.ts', prefix, '4096', '64', '1'], {
      encoding: 'utf8',
    });
    expect(wasm.stderr).toBe('');
    expect(wasm.status).toBe(0);
    const c = spawnSync(bin, [prefix, '1'], { encoding: 'utf8' });
    expect(c.stderr).toMatch(/^check ok: 4096 packets, \d+ bytes identical to the WASM kernel's output\n$/);
    expect(c.status).toBe(0);
    expect(c.stdout).toMatch(/^native-c,4096,1048576,[0-9.]+,[0-9.]+\n$/);
  });
});
