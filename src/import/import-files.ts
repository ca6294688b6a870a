import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../error/input-error.ts';
import { buildScenario, type ImportFlags } from './build-scenario.ts';
import type { ScenarioDraft } from './draft.ts';
import { emptyFacts, type ImportFacts } from './facts.ts';
import { JsonNode } from './json-node.ts';
import { detectKind, IMPORT_KINDS, type ImportKind } from './kinds.ts';
import { readCluster, readPools } from './read-aks.ts';
import { readNncs, readNodes } from './read-kubectl.ts';
import { readSubnets, readVnets } from './read-network.ts';
import { readTerraform } from './read-terraform.ts';
import { draftToYaml } from './write-yaml.ts';

/** Largest file read: bounds memory before parsing (a 5,000-node `kubectl get nodes -o json` is about 50 MB). */
export const MAX_IMPORT_FILE_BYTES = 256 * 1024 * 1024;

export interface ImportedFile {
  readonly file: string;
  readonly kind: ImportKind;
  readonly data: unknown;
}

function kindList(): string {
  return Object.values(IMPORT_KINDS).join('; ');
}

/** Reads and parses one file and tells its kind from its content. */
export function readImportFile(file: string): ImportedFile {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_IMPORT_FILE_BYTES) {
      throw new InputError([{ code: 'file-too-large', path: file, value: `${size} bytes`, allowed: `at most ${MAX_IMPORT_FILE_BYTES} bytes` }]);
    }
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new InputError([{ code: 'file-unreadable', path: file, value: 'the file', allowed: `a readable JSON file (${reason})` }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError([{ code: 'json-syntax', path: file, value: 'the file', allowed: `JSON, as printed by -o json (${(err as Error).message}); accepted kinds: ${kindList()}` }]);
  }
  const kind = detectKind(data);
  if (kind === undefined) {
    throw new InputError([{ code: 'unknown-kind', path: file, value: 'a JSON document of no known kind', allowed: `one of: ${kindList()}` }]);
  }
  return { file, kind, data };
}

/** Adds what one file says to the facts. */
export function readFacts(f: ImportedFile, into: ImportFacts): void {
  const root = new JsonNode(f.data, f.file);
  switch (f.kind) {
    case 'aks-cluster':
      into.clusters.push(readCluster(root));
      break;
    case 'aks-nodepools':
      into.pools.push(...readPools(root));
      break;
    case 'subnets':
      into.subnets.push(...readSubnets(root));
      break;
    case 'vnets':
      into.vnets.push(...readVnets(root));
      break;
    case 'terraform':
      readTerraform(root, into);
      break;
    case 'k8s-nodes':
      into.nodes.push(...readNodes(root));
      break;
    case 'k8s-nnc':
      into.nncs.push(...readNncs(root));
      break;
  }
}

export interface ImportResult {
  readonly files: readonly ImportedFile[];
  readonly draft: ScenarioDraft;
  readonly yaml: string;
}

/** `cnisim import`: the files, read in the order given, into a scenario with its provenance. */
export function importFiles(paths: readonly string[], flags: ImportFlags = {}): ImportResult {
  const files = paths.map(readImportFile);
  const facts = emptyFacts();
  for (const f of files) readFacts(f, facts);
  const draft = buildScenario(facts, paths, flags);
  return { files, draft, yaml: draftToYaml(draft, files) };
}
