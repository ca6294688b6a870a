import seedrandom from 'seedrandom';

/**
 * Named random streams. Every stream is keyed by (seed, replicate, name) and seeded independently, so adding a
 * stream, a model or a networking model to compare changes no draw of any other stream. Streams are named, not
 * numbered, because numbering by creation order would silently shift results when a configuration changes.
 *
 * The generator is seedrandom's Alea: fast, 32-bit, with a period far beyond any run.
 */
export class RngStream {
  private readonly next: () => number;
  readonly key: string;

  constructor(seed: number, replicate: number, name: string) {
    this.key = streamKey(seed, replicate, name);
    this.next = seedrandom.alea(this.key);
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.next();
  }

  /** Uniform in (0, 1]: safe to take the logarithm of. */
  uniformOpen(): number {
    return 1 - this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Exponential with the given mean (not rate). */
  exponential(mean: number): number {
    return -mean * Math.log(this.uniformOpen());
  }

  /** Standard normal by Box–Muller (one of the pair is discarded to keep the stream stateless). */
  normal(): number {
    const u1 = this.uniformOpen();
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Log-normal given the mean and standard deviation of the distribution itself (not of its logarithm). */
  lognormal(mean: number, stdDev: number): number {
    const sigma2 = Math.log(1 + (stdDev * stdDev) / (mean * mean));
    const mu = Math.log(mean) - sigma2 / 2;
    return Math.exp(mu + Math.sqrt(sigma2) * this.normal());
  }

  /** Index drawn from non-negative weights (which need not sum to 1). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] as number;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}

export function streamKey(seed: number, replicate: number, name: string): string {
  return `cnisim/${seed}/${replicate}/${name}`;
}

/** Derives the seed of replicate `k` of a scenario: a pure function, recorded in every CSV row. */
export function replicateSeed(baseSeed: number, replicate: number): number {
  const rng = seedrandom.alea(`cnisim-replicate/${baseSeed}/${replicate}`);
  return Math.floor(rng() * 2 ** 31);
}
