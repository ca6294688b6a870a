import { InputError } from '../error/input-error.ts';

/** `--shard I/N`: the I-th of N slices (0-based, as Kubernetes' JOB_COMPLETION_INDEX). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export const WHOLE: Shard = { index: 0, count: 1 };

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m === null ? NaN : Number(m[1]);
  const count = m === null ? NaN : Number(m[2]);
  if (!(count >= 1 && index >= 0 && index < count)) {
    throw new InputError([{ code: 'bad-shard', path: '--shard', value: JSON.stringify(text), allowed: 'I/N with 0 ≤ I < N, e.g. 0/4 (I is 0-based, like JOB_COMPLETION_INDEX)' }]);
  }
  return { index, count };
}

/**
 * Case `i` belongs to shard `i mod N`. Interleaving (rather than contiguous slices) spreads the expensive end
 * of a grid (the largest clusters) over every shard, so shards finish at about the same time.
 */
export function inShard(caseIndex: number, shard: Shard): boolean {
  return caseIndex % shard.count === shard.index;
}
