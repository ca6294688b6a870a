import { describe, expect, it } from 'vitest';
import { natGatewayDesign } from '../../src/model/snat/nat-gateway.ts';
import type { ResolvedDesign } from '../../src/model/snat/outbound-design.ts';
import { PROTO_TCP, PROTO_UDP, SnatEngine } from '../../src/model/snat/snat-engine.ts';
import { CLOSE_FIN, CLOSE_HALF_OPEN, CLOSE_RST, CLOSE_UDP } from '../../src/model/traffic/close-type.ts';
import { Simulation } from '../../src/sim/simulation.ts';

const S = 1e9;
const A = 0; // 203.0.113.10:5432
const B = 1; // 203.0.113.11:5432
const U = 2; // a UDP destination

/** A NAT gateway with its per-destination limit cut to 2 ports, so one hot destination fills it. */
function tinyNat(): ResolvedDesign {
  const d = natGatewayDesign({ name: 'nat', outboundType: 'managedNATGateway', outboundIps: 1, outboundPorts: 0, idleTimeoutMin: null, firewallInstances: 2, holdDownS: {} });
  return { ...d, perDestinationLimit: 2, perDestinationActiveLimit: 2 };
}

/** Runs scripted opens [timeS, key, busyS, closeCode] and returns "t key ok|fail" lines. */
function script(steps: ReadonlyArray<readonly [number, number, number, number]>, design = tinyNat()): string[] {
  const sim = new Simulation();
  const engine = new SnatEngine(sim, design, [PROTO_TCP, PROTO_TCP, PROTO_UDP]);
  const log: string[] = [];
  const h = sim.register('try', (_s, i) => {
    const [t, key, busyS, code] = steps[i] as readonly [number, number, number, number];
    log.push(`${t} ${'ABU'[key]} ${engine.open(0, key, busyS * S, code) ? 'ok' : 'fail'} held=${engine.held}`);
  });
  steps.forEach(([t], i) => sim.scheduleAt(t * S, h, i));
  sim.run(1000 * S);
  return log;
}

describe('NAT gateway hold-down (nat-gateway-resource: FIN 65 s, RST 16 s, half-open 30 s, UDP 65 s)', () => {
  it('FIN: delays reuse toward the same destination for 65 s, not toward a different one', () => {
    expect(
      script([
        [0, A, 1, CLOSE_FIN],
        [0, A, 1, CLOSE_FIN],
        [0, A, 1, CLOSE_FIN],
        [2, A, 1, CLOSE_FIN],
        [2, B, 1, CLOSE_FIN],
        [65.5, A, 1, CLOSE_FIN],
        [66.5, A, 1, CLOSE_FIN],
      ]),
    ).toEqual([
      '0 A ok held=0',
      '0 A ok held=0',
      '0 A fail held=0',
      '2 A fail held=2',
      '2 B ok held=2',
      '65.5 A fail held=3',
      '66.5 A ok held=1',
    ]);
  });

  it('RST frees the port toward the destination after 16 s', () => {
    expect(
      script([
        [0, A, 1, CLOSE_RST],
        [0, A, 1, CLOSE_RST],
        [16.5, A, 1, CLOSE_FIN],
        [17.5, A, 1, CLOSE_FIN],
      ]),
    ).toEqual(['0 A ok held=0', '0 A ok held=0', '16.5 A fail held=2', '17.5 A ok held=0']);
  });

  it('half-open holds 30 s after the attempt gives up', () => {
    expect(
      script([
        [0, A, 0, CLOSE_HALF_OPEN],
        [0, A, 0, CLOSE_HALF_OPEN],
        [29.5, A, 1, CLOSE_FIN],
        [30.5, A, 1, CLOSE_FIN],
      ]),
    ).toEqual(['0 A ok held=0', '0 A ok held=0', '29.5 A fail held=2', '30.5 A ok held=0']);
  });

  it('UDP keeps its port for the 4-minute idle timeout, then 65 s of hold-down', () => {
    expect(
      script([
        [0, U, 1, CLOSE_UDP],
        [0, U, 1, CLOSE_UDP],
        [240, U, 1, CLOSE_UDP],
        [241.5, U, 1, CLOSE_UDP],
        [305.5, U, 1, CLOSE_UDP],
        [306.5, U, 1, CLOSE_UDP],
      ]),
    ).toEqual(['0 U ok held=0', '0 U ok held=0', '240 U fail held=0', '241.5 U fail held=2', '305.5 U fail held=2', '306.5 U ok held=0']);
  });

  it('a scenario override replaces the documented timer', () => {
    const d = natGatewayDesign({ name: 'nat', outboundType: 'managedNATGateway', outboundIps: 1, outboundPorts: 0, idleTimeoutMin: null, firewallInstances: 2, holdDownS: { finS: 5 } });
    expect(script([[0, A, 1, CLOSE_FIN], [0, A, 1, CLOSE_FIN], [5.5, A, 1, CLOSE_FIN], [6.5, A, 1, CLOSE_FIN]], { ...d, perDestinationLimit: 2, perDestinationActiveLimit: 2 })).toEqual([
      '0 A ok held=0',
      '0 A ok held=0',
      '5.5 A fail held=2',
      '6.5 A ok held=0',
    ]);
  });

  it('50,000 open connections per IP per destination, 64,512 ports per IP counting hold-down, and the hold-down peak', () => {
    const sim = new Simulation();
    const d = natGatewayDesign({ name: 'nat', outboundType: 'managedNATGateway', outboundIps: 2, outboundPorts: 0, idleTimeoutMin: null, firewallInstances: 2, holdDownS: {} });
    expect([d.perDestinationActiveLimit, d.perDestinationLimit]).toEqual([100_000, 129_024]);
    const engine = new SnatEngine(sim, d, [PROTO_TCP, PROTO_TCP]);
    const openMany = (n: number, toward: number) => {
      let ok = 0;
      for (let i = 0; i < n; i++) if (engine.open(i % 300, toward, S, CLOSE_FIN)) ok++;
      return ok;
    };
    // 100,000 open toward A is the connection limit; B is another destination and unaffected.
    expect([openMany(100_001, A), openMany(10, B), engine.failures]).toEqual([100_000, 10, 1]);
    sim.run(2 * S);
    // All closed with FIN: 100,010 ports in hold-down. Toward A only 129,024 − 100,000 ports are left.
    expect([engine.held, engine.active]).toEqual([100_010, 0]);
    expect([openMany(30_000, A), engine.failures]).toEqual([29_024, 1 + 976]);
    sim.run(60 * S);
    expect([engine.held, engine.heldPeak]).toEqual([129_034, 129_034]);
    // The first batch ended at 1 s and frees at 66 s; the second ended at 3 s and frees at 68 s.
    sim.run(67 * S);
    expect(engine.held).toBe(29_024);
    sim.run(140 * S);
    expect([engine.held, engine.portsInUseTotal]).toEqual([0, 0]);
  });
});
