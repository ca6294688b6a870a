import { describe, expect, it } from 'vitest';
import { parseRaw, peersRows, PEERS_CSV_HEADER } from '../../bench/peers/summarize.ts';
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

describe('bench:peers summary', () => {
  it('gives medians without warm-ups, ratios against every scheduler, and the goal against the best one', () => {
    const rows = peersRows(parseRaw(RAW), 'ns-3 3.37-2', 'gcc 12.2.0 -O2', { cpuModel: 'CPU', cores: 2, nodeVersion: 'v20' });
    const csv = toCsv(PEERS_CSV_HEADER, rows);
    expect(csv).toBe(
      [
        PEERS_CSV_HEADER.join(','),
        // cpu clock: cnisim 1e6/0.1 = 10M/s; Map 2.5M/s (ratio 4); PriorityQueue 5M/s (ratio 2, the best: goal 1.5 met)
        'engine hold,1000,cpu,cnisim,10000000,ns3::MapScheduler,2500000,4,no,,,2,ns-3 3.37-2,CPU,2,v20',
        'engine hold,1000,cpu,cnisim,10000000,ns3::PriorityQueueScheduler,5000000,2,yes,1.5,yes,2,ns-3 3.37-2,CPU,2,v20',
        // eight handlers: 1e6/0.125 = 8M/s, 1.6 against the best scheduler; samples = the smaller count (1)
        '"engine hold, 8 handlers",1000,cpu,cnisim-8h,8000000,ns3::MapScheduler,2500000,3.2,no,,,1,ns-3 3.37-2,CPU,2,v20',
        '"engine hold, 8 handlers",1000,cpu,cnisim-8h,8000000,ns3::PriorityQueueScheduler,5000000,1.6,yes,1.5,yes,1,ns-3 3.37-2,CPU,2,v20',
        // 1048576/0.125 = 8388608 vs 1048576/0.1 = 10485760: 0.8, exactly the goal
        'kernel full path 64B,1024,cpu,wasm,8388608,native-c,10485760,0.8,yes,0.8,yes,1,gcc 12.2.0 -O2,CPU,2,v20',
        // wall clock: cnisim 5M/s; Map 2M/s (2.5); PriorityQueue 4M/s (1.25, the best: goal missed)
        'engine hold,1000,wall,cnisim,5000000,ns3::MapScheduler,2000000,2.5,no,,,2,ns-3 3.37-2,CPU,2,v20',
        'engine hold,1000,wall,cnisim,5000000,ns3::PriorityQueueScheduler,4000000,1.25,yes,1.5,no,2,ns-3 3.37-2,CPU,2,v20',
        '"engine hold, 8 handlers",1000,wall,cnisim-8h,4000000,ns3::MapScheduler,2000000,2,no,,,1,ns-3 3.37-2,CPU,2,v20',
        '"engine hold, 8 handlers",1000,wall,cnisim-8h,4000000,ns3::PriorityQueueScheduler,4000000,1,yes,1.5,no,1,ns-3 3.37-2,CPU,2,v20',
        'kernel full path 64B,1024,wall,wasm,4194304,native-c,8388608,0.5,yes,0.8,no,1,gcc 12.2.0 -O2,CPU,2,v20',
        '',
      ].join('\n'),
    );
  });
});
