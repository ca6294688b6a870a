import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError, type InputProblem } from '../error/input-error.ts';

/**
 * The largest scenario file read. The biggest shipped one is a few kB; past this size a file is a mistake (a
 * CSV or a log given by accident), and parsing it would take seconds and a lot of memory (docs/limits.md).
 */
export const MAX_SCENARIO_BYTES = 10 * 1024 * 1024;

function refuse(path: string, allowed: string, value = path): never {
  const problem: InputProblem = { code: 'file-unreadable', path: 'SCENARIO', value, allowed };
  throw new InputError([problem]);
}

/**
 * Reads a scenario file as text, refusing what is not one: a missing file, a directory, a file over
 * MAX_SCENARIO_BYTES, and binary data (NUL bytes or invalid UTF-8). A UTF-8 byte-order mark is dropped.
 */
export function readScenarioText(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) refuse(path, 'a scenario file, not a directory');
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    refuse(path, `a readable scenario file (${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message})`);
  }
  if (size > MAX_SCENARIO_BYTES) {
    refuse(path, `a scenario file of at most ${MAX_SCENARIO_BYTES / 1024 / 1024} MB; this one is ${(size / 1024 / 1024).toFixed(1)} MB, too large to be a scenario (docs/limits.md)`);
  }
  let bytes: Buffer;
  try {
    bytes = readAtMost(path, MAX_SCENARIO_BYTES + 1);
  } catch (err) {
    refuse(path, `a readable scenario file (${(err as Error).message})`);
  }
  // A device or a pipe has no size to check first (/dev/zero never ends): it is read up to the limit.
  if (bytes.length > MAX_SCENARIO_BYTES) refuse(path, `a scenario file of at most ${MAX_SCENARIO_BYTES / 1024 / 1024} MB; this one goes on past that, too large to be a scenario (docs/limits.md)`);
  return decodeScenarioBytes(bytes, path);
}

/** The first `limit` bytes of a file, device or pipe (fewer if it ends sooner). */
export function readAtMost(path: string, limit: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(Math.min(1 << 20, limit - total));
      const n = buf.length === 0 ? 0 : readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Decodes file bytes as UTF-8 text, or refuses binary data with a message that says so. */
export function decodeScenarioBytes(bytes: Uint8Array, path: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) refuse(path, `a text file (YAML or JSON); this one holds binary data (a NUL byte at offset ${nul})`, `${path} (binary data)`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    refuse(path, 'a text file (YAML or JSON) in UTF-8; this one holds binary data or another encoding', `${path} (binary data)`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
