import { closeSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError, type InputProblem } from '../error/input-error.ts';

/** An output a command will write, and the flag that named it (for the message). */
export interface OutputTarget {
  readonly flag: string;
  readonly path: string;
  /** A directory (`report --svg`), rather than a file. */
  readonly directory?: boolean;
}

function errnoReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOENT':
      return 'it cannot be created there';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return code ?? (err as Error).message;
  }
}

/** The nearest part of `path` that exists (the path itself, or one of its parents), with what it is. */
function nearestExisting(path: string): { path: string; isDirectory: boolean } {
  let p = resolve(path);
  for (;;) {
    try {
      return { path: p, isDirectory: statSync(p).isDirectory() };
    } catch {
      const up = dirname(p);
      if (up === p) return { path: p, isDirectory: true };
      p = up;
    }
  }
}

/**
 * Whether a file can be created in `dir`: by creating and removing an empty probe file, since permission bits
 * do not tell (root ignores them; a read-only mount or /sys refuses even root).
 */
function probeDirectory(dir: string): string | undefined {
  const probe = resolve(dir, `.cnisim-probe-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
    return undefined;
  } catch (err) {
    return errnoReason(err);
  }
}

function problemFor(t: OutputTarget): string | undefined {
  if (t.path.trim() === '') return 'a file name (got an empty one)';
  const existing = nearestExisting(t.path);
  const target = resolve(t.path);
  if (existing.path === target) {
    if (existing.isDirectory && t.directory !== true) return `a file name; ${t.path} is a directory (give a file inside it, e.g. ${t.path.replace(/\/$/, '')}/out.csv)`;
    if (!existing.isDirectory && t.directory === true) return `a directory; ${t.path} is a file`;
    if (!existing.isDirectory) {
      try {
        closeSync(openSync(target, 'r+'));
      } catch (err) {
        return `a writable file; ${t.path} cannot be written (${errnoReason(err)})`;
      }
    }
    const reason = probeDirectory(existing.isDirectory ? target : dirname(target));
    return reason === undefined ? undefined : `a path cnisim can write; ${existing.isDirectory ? t.path : dirname(t.path)} refuses new files (${reason})`;
  }
  if (!existing.isDirectory) return `a path whose parents are directories; ${existing.path} is a file, so nothing can be created under it`;
  const reason = probeDirectory(existing.path);
  return reason === undefined ? undefined : `a path cnisim can write; ${existing.path} refuses new files (${reason})`;
}

/**
 * Checks every output path before any work starts: not a directory (or, for a directory target, not a file),
 * not under a file, writable, and no path named twice. Creates nothing that remains. Throws one InputError.
 */
export function checkOutputPaths(targets: readonly OutputTarget[]): void {
  const problems: InputProblem[] = [];
  const seen = new Map<string, string>();
  for (const t of targets) {
    const key = resolve(t.path);
    const other = seen.get(key);
    if (other !== undefined) {
      problems.push({ code: 'output-path', path: t.flag, value: t.path, allowed: `a path different from ${other}'s (both would write ${t.path})` });
      continue;
    }
    seen.set(key, t.flag);
    const allowed = problemFor(t);
    if (allowed !== undefined) problems.push({ code: 'output-path', path: t.flag, value: t.path, allowed });
  }
  if (problems.length > 0) throw new InputError(problems);
}
