import { RngStream } from '../../sim/rng.ts';
import { CLOSE_UDP } from './close-type.ts';
import type { DurationModel, TrafficWorkload } from './traffic-spec.ts';

/** The longest connection: 2⁵² ns, so that now + duration stays below 2⁵³ for any run of up to a week. */
const MAX_DURATION_NS = 2 ** 52;

/**
 * What each request of a workload looks like: destination, duration and close type, each from its own named
 * stream. Every request draws all three whatever happens to it afterwards (pooled, refused, not SNATed), so the
 * draws depend only on the arrival sequence, and every outbound design sees the same traffic.
 */
export class ConnectionDraws {
  private readonly destRng: RngStream;
  private readonly durRng: RngStream;
  private readonly closeRng: RngStream;
  private readonly destWeights: number[];
  private readonly closeWeights: number[];
  private readonly duration: DurationModel;
  private readonly udp: Uint8Array;

  /** Results of the last `draw`. */
  dest = 0;
  durationNs = 0;
  closeCode = 0;

  constructor(seed: number, replicate: number, w: TrafficWorkload) {
    this.destRng = new RngStream(seed, replicate, `traffic/${w.name}/destinations`);
    this.durRng = new RngStream(seed, replicate, `traffic/${w.name}/durations`);
    this.closeRng = new RngStream(seed, replicate, `traffic/${w.name}/close`);
    this.destWeights = w.destinations.map((d) => d.weight);
    this.closeWeights = [...w.closeWeights];
    this.duration = w.duration;
    this.udp = Uint8Array.from(w.destinations.map((d) => (d.protocol === 'udp' ? 1 : 0)));
  }

  draw(): void {
    this.dest = this.destWeights.length === 1 ? 0 : this.destRng.weighted(this.destWeights);
    // Capped at 2⁵² ns (52 days): longer is past the end of any simulation, and its end time must stay an exact integer.
    this.durationNs = Math.min(Math.round(this.durationS() * 1e9), MAX_DURATION_NS);
    const close = this.closeRng.weighted(this.closeWeights);
    this.closeCode = this.udp[this.dest] === 1 ? CLOSE_UDP : close;
  }

  private durationS(): number {
    const d = this.duration;
    switch (d.kind) {
      case 'fixed':
        return d.valueS;
      case 'exponential':
        return this.durRng.exponential(d.meanS);
      case 'lognormal':
        return this.durRng.lognormal(d.meanS, d.stdDevS);
    }
  }
}
