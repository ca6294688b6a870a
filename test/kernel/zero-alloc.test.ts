import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('no allocation per packet', () => {
  it('1,536,000 packets per operation through the WASM kernel and the twin, IPv4 and IPv6, start no garbage collection', () => {
    // Its own process, so nothing else allocates in between (a uint32 hash boxed per packet was caught this way).
    // Optimised code is what must not allocate. V8 normally compiles it on a background thread; on a loaded CI
    // machine that can land late, and the interpreter (which boxes numbers) runs meanwhile and starts a few GCs.
    // Compiling on the main thread makes "optimised by the time the measured sections run" deterministic.
    const r = spawnSync(
      process.execPath,
      ['--no-concurrent-recompilation', '--import', 'tsx', 'test/kernel/zero-alloc-probe.ts'],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const gc = JSON.parse(r.stdout.trim()) as Record<string, number>;
    const { ['gc events observed in total']: _total, ...perSection } = gc;
    expect(perSection).toEqual({
      'wasm lookup': 0, 'wasm encap': 0, 'wasm decap': 0, 'wasm full': 0,
      'twin lookup': 0, 'twin encap': 0, 'twin decap': 0, 'twin full': 0,
      'wasm lookup ipv6': 0, 'wasm encap ipv6': 0, 'wasm decap ipv6': 0, 'wasm full ipv6': 0,
      'twin lookup ipv6': 0, 'twin encap ipv6': 0, 'twin decap ipv6': 0, 'twin full ipv6': 0,
    });
  }, 120_000);
});
