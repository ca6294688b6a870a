import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { InputError } from '../error/input-error.ts';
import { parseCaseKey } from './csv-layout.ts';

const CHUNK_BYTES = 1 << 20;
const LF = 0x0a;

/**
 * Where a case's rows sit in a sweep CSV: the rows of one case are written in one piece, so they are one
 * contiguous run of lines. Only offsets are kept, never the rows, so memory stays flat however big the file.
 */
export interface CaseBlock {
  readonly source: number;
  readonly caseIndex: number;
  readonly caseCount: number;
  readonly offset: number;
  length: number;
}

export interface ScannedFile {
  /** The first line, without its line feed ('' for an empty file). */
  readonly header: string;
  /** Blocks in file order. */
  readonly blocks: CaseBlock[];
  /** Bytes up to the end of the last complete line; more bytes mean a record cut short by a hard kill. */
  readonly completeBytes: number;
  readonly totalBytes: number;
}

/**
 * Calls `onLine` for every complete line (one ending in a line feed) after the header. Reads in 1 MiB chunks.
 */
function forEachLine(path: string, onLine: (line: string, offset: number, bytes: number, lineNo: number) => void): { header: string; completeBytes: number; totalBytes: number } {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(CHUNK_BYTES);
    let carry = Buffer.alloc(0);
    let carryOffset = 0;
    let position = 0;
    let header: string | undefined;
    let lineNo = 0;
    let completeBytes = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK_BYTES, position);
      if (n === 0) break;
      position += n;
      const data = carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      let start = 0;
      for (let i = data.indexOf(LF, start); i !== -1; i = data.indexOf(LF, start)) {
        const line = data.toString('utf8', start, i);
        lineNo++;
        if (header === undefined) header = line;
        else onLine(line, carryOffset + start, i + 1 - start, lineNo);
        start = i + 1;
        completeBytes = carryOffset + start;
      }
      carry = Buffer.from(data.subarray(start));
      carryOffset += start;
    }
    return { header: header ?? '', completeBytes, totalBytes: position };
  } finally {
    closeSync(fd);
  }
}

/**
 * Indexes a sweep CSV by case. `onRow` (optional) sees every row line, e.g. to check it belongs to this sweep.
 * Throws InputError when a line is not a sweep row.
 */
export function scanSweepFile(path: string, source = 0, onRow?: (line: string, caseIndex: number) => void): ScannedFile {
  const blocks: CaseBlock[] = [];
  let last: CaseBlock | undefined;
  const { header, completeBytes, totalBytes } = forEachLine(path, (line, offset, bytes, lineNo) => {
    const key = parseCaseKey(line);
    if (key === undefined) {
      throw new InputError([{ code: 'not-sweep-row', path: `${path}:${lineNo}`, value: JSON.stringify(line.slice(0, 40)), allowed: 'a sweep CSV row starting with case,case_count' }]);
    }
    onRow?.(line, key.caseIndex);
    if (last !== undefined && last.caseIndex === key.caseIndex && last.offset + last.length === offset) {
      last.length += bytes;
    } else {
      last = { source, caseIndex: key.caseIndex, caseCount: key.caseCount, offset, length: bytes };
      blocks.push(last);
    }
  });
  return { header, blocks, completeBytes, totalBytes };
}

/** Blocks sorted by case (stable); throws via `onDuplicate` naming the first case seen twice. */
export function canonicalOrder(blocks: readonly CaseBlock[], onDuplicate: (a: CaseBlock, b: CaseBlock) => never): CaseBlock[] {
  const sorted = [...blocks].sort((a, b) => a.caseIndex - b.caseIndex);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as CaseBlock;
    const b = sorted[i] as CaseBlock;
    if (a.caseIndex === b.caseIndex) onDuplicate(a, b);
  }
  return sorted;
}

/** True when the blocks of one file are already in canonical order. */
export function isCanonical(blocks: readonly CaseBlock[]): boolean {
  for (let i = 1; i < blocks.length; i++) if ((blocks[i - 1] as CaseBlock).caseIndex >= (blocks[i] as CaseBlock).caseIndex) return false;
  return true;
}

/**
 * Writes `headerText` then each block, copied from its source file, to `outPath` through a temporary file that
 * replaces it only once complete and synced: an interruption here leaves the previous file intact.
 */
export function writeBlocks(outPath: string, headerText: string, sources: readonly string[], blocks: readonly CaseBlock[]): void {
  const tmp = `${outPath}.tmp-${process.pid}`;
  try {
    copyBlocks(tmp, headerText, sources, blocks);
    renameSync(tmp, outPath);
  } catch (err) {
    rmSync(tmp, { force: true }); // a failed write leaves no temporary file behind
    throw err;
  }
}

function copyBlocks(tmp: string, headerText: string, sources: readonly string[], blocks: readonly CaseBlock[]): void {
  const out = openSync(tmp, 'w');
  const fds: number[] = [];
  try {
    for (const s of sources) fds.push(openSync(s, 'r'));
    writeSync(out, headerText);
    let buf = Buffer.alloc(64 * 1024);
    for (const b of blocks) {
      if (b.length > buf.length) buf = Buffer.alloc(b.length);
      const fd = fds[b.source] as number;
      const n = readSync(fd, buf, 0, b.length, b.offset);
      writeSync(out, buf, 0, n);
    }
    fsyncSync(out);
  } finally {
    closeSync(out);
    for (const fd of fds) closeSync(fd);
  }
}
