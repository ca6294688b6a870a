import { InputError } from '../error/input-error.ts';
import { canonicalOrder, scanSweepFile, writeBlocks, type CaseBlock } from './row-file.ts';

export type MergeResult =
  | { readonly kind: 'merged'; readonly cases: number; readonly rows: number }
  | {
      readonly kind: 'incomplete';
      readonly caseCount: number;
      /** Missing case indexes, ascending. */
      readonly missing: readonly number[];
      /** Cases found in two places: `case 17: a.csv and b.csv`. */
      readonly duplicates: readonly string[];
      /** Shards whose every case is missing (`2/3`), when the missing cases form whole shards. */
      readonly missingShards: readonly string[];
    };

/**
 * Merges sweep CSVs (shards, or any split of one sweep) into one file in canonical case order, after checking
 * they share a header and a case count, and that every case appears exactly once. The result is byte-identical
 * to the unsharded run. Nothing is written when a case is missing or duplicated.
 */
export function mergeSweepFiles(paths: readonly string[], outPath: string): MergeResult {
  let header: string | undefined;
  let caseCount: number | undefined;
  const blocks: CaseBlock[] = [];
  paths.forEach((path, source) => {
    const scanned = scanSweepFile(path, source);
    if (scanned.completeBytes < scanned.totalBytes) {
      throw new InputError([{ code: 'merge-cut-short', path, value: 'a last line without a line feed', allowed: 'a complete sweep CSV (rerun its shard with --resume to finish it)' }]);
    }
    if (header === undefined) header = scanned.header;
    else if (scanned.header !== header) {
      throw new InputError([{ code: 'merge-header', path, value: 'its header', allowed: `the header of ${paths[0] ?? ''} (files from the same sweep)` }]);
    }
    for (const b of scanned.blocks) {
      caseCount ??= b.caseCount;
      if (b.caseCount !== caseCount) {
        throw new InputError([{ code: 'merge-case-count', path: `${path} (case ${b.caseIndex})`, value: `case_count ${b.caseCount}`, allowed: `case_count ${caseCount} (files from the same sweep)` }]);
      }
      blocks.push(b);
    }
  });
  if (header === undefined || caseCount === undefined) {
    throw new InputError([{ code: 'merge-empty', path: paths.join(' '), value: 'no rows', allowed: 'sweep CSVs with at least one case' }]);
  }
  const duplicates: string[] = [];
  const sorted = [...blocks].sort((a, b) => a.caseIndex - b.caseIndex);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as CaseBlock;
    const b = sorted[i] as CaseBlock;
    if (a.caseIndex === b.caseIndex) duplicates.push(`case ${a.caseIndex}: ${paths[a.source] ?? ''} and ${paths[b.source] ?? ''}`);
  }
  const present = new Uint8Array(caseCount);
  for (const b of blocks) if (b.caseIndex < caseCount) present[b.caseIndex] = 1;
  const missing: number[] = [];
  for (let i = 0; i < caseCount; i++) if (present[i] === 0) missing.push(i);
  if (missing.length > 0 || duplicates.length > 0) {
    return { kind: 'incomplete', caseCount, missing, duplicates, missingShards: wholeShards(missing, present, paths.length) };
  }
  const ordered = canonicalOrder(sorted, () => {
    throw new Error('unreachable: duplicates were reported above');
  });
  writeBlocks(outPath, `${header}\n`, paths, ordered);
  return { kind: 'merged', cases: caseCount, rows: ordered.length };
}

/**
 * Names the shards missing whole, so the user knows which pods of the Job to rerun: with F files given and k
 * shards missing, the sweep had N = F + k shards, and the missing cases are exactly k residues mod N.
 */
function wholeShards(missing: readonly number[], present: Uint8Array, files: number): string[] {
  if (missing.length === 0) return [];
  for (let k = 1; k <= missing.length && files + k <= present.length; k++) {
    const n = files + k;
    const residues = new Set(missing.map((i) => i % n));
    if (residues.size !== k) continue;
    let whole = true;
    for (let i = 0; i < present.length && whole; i++) if (present[i] === 1 && residues.has(i % n)) whole = false;
    if (whole) return [...residues].sort((a, b) => a - b).map((r) => `${r}/${n}`);
  }
  return [];
}
