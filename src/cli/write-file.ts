import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../error/input-error.ts';

/**
 * Writes a whole file so that a reader never sees it half-written: the bytes go to a temporary file next to
 * it, which is then renamed over the target (atomic on one file system). If either step fails, the temporary
 * file is removed and the failure is reported as an InputError naming the file.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    // Paths are checked before a command starts; what fails here is the disk (full, gone), not cnisim.
    throw new InputError([{ code: 'write-failed', path, value: `${(err as NodeJS.ErrnoException).code ?? 'error'}`, allowed: `a file cnisim can write (${(err as Error).message}); nothing was written to it` }]);
  }
}
