import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { detectKind } from './kinds.ts';
import { MAX_IMPORT_FILE_BYTES } from './import-files.ts';

/**
 * Whether `plan` and `run` should import the file rather than load it as a scenario: a JSON file whose content
 * is one of the import kinds. YAML files and unreadable ones are left to the scenario loader and its messages.
 */
export function isImportFile(path: string): boolean {
  const ext = extname(path).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return false;
  try {
    if (statSync(path).size > MAX_IMPORT_FILE_BYTES) return false;
    return detectKind(JSON.parse(readFileSync(path, 'utf8')) as unknown) !== undefined;
  } catch {
    return false;
  }
}
