import { describe, expect, it } from 'vitest';
import { goalLines, parseRaw, peersRows, PEERS_CSV_HEADER } from '../../bench/peers/summarize.ts';
import { toCsv } from '../../src/output/csv-format.ts';

// Two rounds, two repetitions each per process; the first repetition of each process is a warm-up and must be
// dropped (its absurd figures below would change every median if it were kept).
const RAW = `round,program,size,items,wall_s,cpu_s,rep
1,cnisim,1000,1000000,9,9,1
1,cnisim,1000,1000000,0.2,0.1,2
1,ns3::MapScheduler,1000,1000000,9,9,1
1,ns3::MapScheduler,1000,1000000,0.5,0.4,2
1,ns3::PriorityQueueScheduler,1000,1000000,9,9,1
1,ns3::PriorityQueueScheduler,1000,1000000,0.25,0.2,2
2,cnisim,1000,1000000,9,9,1
2,cnisim,1000,1000000,0.2,0.1,2
2,ns3::MapScheduler,1000,1000000,9,9,1
2,ns3::MapScheduler,1000,1000000,0.5,0.4,2
2,ns3::PriorityQueueScheduler,1000,1000000,9,9,1
2,ns3::PriorityQueueScheduler,1000,1000000,0.25,0.2,2
1,cnisim-8h,1000,1000000,9,9,1
1,cnisim-8h,1000,1000000,0.25,0.125,2
1,wasm,1024,1048576,9,9,1
1,wasm,1024,1048576,0.25,0.125,2
1,native-c,1024,1048576,9,9,1
1,native-c,1024,1048576,0.125,0.1,2
`;

// The large sizes, for the goal lines: cnisim 2.9M/s and cnisim-8h 2.5M/s against PriorityQueue's 1M/s (the
// best; Map 0.5M/s); WASM 0.95 of C at 1,048,576 packets.
const BIG = `1,cnisim,1000000,1000000,9,9,1
1,cnisim,1000000,2900000,1,1,2
1,cnisim-8h,1000000,1000000,9,9,1
1,cnisim-8h,1000000,2500000,1,1,2
1,ns3::PriorityQueueScheduler,1000000,1000000,9,9,1
1,ns3::PriorityQueueScheduler,1000000,1000000,1,1,2
1,ns3::MapScheduler,1000000,1000000,9,9,1
1,ns3::MapScheduler,1000000,500000,1,1,2
1,wasm,1048576,1048576,9,9,1
1,wasm,1048576,950000,1,1,2
1,native-c,1048576,1048576,9,9,1
1,native-c,1048576,1000000,1,1,2
`;

describe('bench:peers summary', () => {
  it('gives medians without warm-ups, ratios against every scheduler, and the goal against the best one', () => {
    const rows = peersRows(parseRaw(RAW), 'ns-3 3.37-2', 'gcc 12.2.0 -O2', { cpuModel: 'CPU', cores: 2, nodeVersion: 'v20' });
    const csv = toCsv(PEERS_CSV_HEADER, rows);
    expect(csv).toBe(
      [
        PEERS_CSV_HEADER.join(','),
        // cpu clock: cnisim 1e6/0.1 = 10M/s; Map 2.5M/s (ratio 4); PriorityQueue 5M/s (ratio 2, the best: goal 2 met)
        'engine hold,1000,cpu,cnisim,10000000,ns3::MapScheduler,2500000,4,no,,,2,ns-3 3.37-2,CPU,2,v20',
        'engine hold,1000,cpu,cnisim,10000000,ns3::PriorityQueueScheduler,5000000,2,yes,2,yes,2,ns-3 3.37-2,CPU,2,v20',
        // eight handlers: 1e6/0.125 = 8M/s, 1.6 against the best scheduler; samples = the smaller count (1)
        '"engine hold, 8 handlers",1000,cpu,cnisim-8h,8000000,ns3::MapScheduler,2500000,3.2,no,,,1,ns-3 3.37-2,CPU,2,v20',
        '"engine hold, 8 handlers",1000,cpu,cnisim-8h,8000000,ns3::PriorityQueueScheduler,5000000,1.6,yes,1.5,yes,1,ns-3 3.37-2,CPU,2,v20',
        // 1048576/0.125 = 8388608 vs 1048576/0.1 = 10485760: 0.8, below the goal of 0.9
        'kernel full path 64B,1024,cpu,wasm,8388608,native-c,10485760,0.8,yes,0.9,no,1,gcc 12.2.0 -O2,CPU,2,v20',
        // wall clock: cnisim 5M/s; Map 2M/s (2.5); PriorityQueue 4M/s (1.25, the best: goal 2 missed)
        'engine hold,1000,wall,cnisim,5000000,ns3::MapScheduler,2000000,2.5,no,,,2,ns-3 3.37-2,CPU,2,v20',
        'engine hold,1000,wall,cnisim,5000000,ns3::PriorityQueueScheduler,4000000,1.25,yes,2,no,2,ns-3 3.37-2,CPU,2,v20',
        '"engine hold, 8 handlers",1000,wall,cnisim-8h,4000000,ns3::MapScheduler,2000000,2,no,,,1,ns-3 3.37-2,CPU,2,v20',
        '"engine hold, 8 handlers",1000,wall,cnisim-8h,4000000,ns3::PriorityQueueScheduler,4000000,1,yes,1.5,no,1,ns-3 3.37-2,CPU,2,v20',
        'kernel full path 64B,1024,wall,wasm,4194304,native-c,8388608,0.5,yes,0.9,no,1,gcc 12.2.0 -O2,CPU,2,v20',
        '',
      ].join('\n'),
    );
  });

  it('prints every goal once, by CPU time, with its ratio and whether it is met', () => {
    const rows = peersRows(parseRaw(RAW + BIG), 'ns-3 3.37-2', 'gcc 12.2.0 -O2', { cpuModel: 'CPU', cores: 2, nodeVersion: 'v20' });
    expect(goalLines(rows)).toEqual([
      'engine, 1 handler, 1,000 pending: cnisim ÷ ns-3 PriorityQueueScheduler = 2.00, goal ≥ 2.0: met',
      'engine, 1 handler, 1,000,000 pending: cnisim ÷ ns-3 PriorityQueueScheduler = 2.90, goal ≥ 3.0: not met',
      'engine, 8 handlers, 1,000 pending: cnisim ÷ ns-3 PriorityQueueScheduler = 1.60, goal ≥ 1.5: met',
      'engine, 8 handlers, 1,000,000 pending: cnisim ÷ ns-3 PriorityQueueScheduler = 2.50, goal ≥ 2.5: met',
      'kernel full path, 1,024 packets: WASM ÷ native C = 0.80, goal ≥ 0.9: not met',
      'kernel full path, 1,048,576 packets: WASM ÷ native C = 0.95, goal ≥ 0.9: met',
    ]);
  });
});
