import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError, type InputProblem } from '../error/input-error.ts';
import { mergeSweepFiles } from '../sweep/merge.ts';
import { EXIT_DOES_NOT_FIT, EXIT_OK, runCommand } from './exit.ts';
import { checkOutputPaths } from './output-path.ts';

/** Missing cases listed in a message before it says "and N more". */
const LIST_LIMIT = 20;

/** Each input must be an existing file: said with exit 2 before anything is read or written. */
function checkInputs(files: readonly string[]): void {
  const problems: InputProblem[] = [];
  for (const f of files) {
    try {
      if (statSync(f).isDirectory()) problems.push({ code: 'file-unreadable', path: 'FILES', value: f, allowed: 'a sweep CSV; this is a directory' });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problems.push({ code: 'file-unreadable', path: 'FILES', value: f, allowed: `a readable sweep CSV (${code === 'ENOENT' ? 'no such file' : (code ?? (err as Error).message)})` });
    }
  }
  if (problems.length > 0) throw new InputError(problems);
}

function merge(files: readonly string[], flags: { out: string }): number {
  checkInputs(files);
  checkOutputPaths([{ flag: '--out', path: flags.out }]);
  const result = mergeSweepFiles(files, flags.out);
  if (result.kind === 'merged') {
    process.stderr.write(`wrote ${flags.out}: ${result.cases} cases from ${files.length} file(s)\n`);
    return EXIT_OK;
  }
  if (result.missing.length > 0) {
    const shown = result.missing.slice(0, LIST_LIMIT).join(', ');
    const more = result.missing.length > LIST_LIMIT ? ` and ${result.missing.length - LIST_LIMIT} more` : '';
    const shards = result.missingShards.length > 0 ? `; these are all the cases of shard(s) ${result.missingShards.join(', ')}` : '';
    process.stderr.write(`error: ${result.missing.length} of ${result.caseCount} cases missing: ${shown}${more}${shards}\n`);
  }
  for (const d of result.duplicates.slice(0, LIST_LIMIT)) process.stderr.write(`error: duplicated ${d}\n`);
  process.stderr.write(`nothing written to ${flags.out}\n`);
  return EXIT_DOES_NOT_FIT;
}

/** `cnisim merge A.csv B.csv ... --out ALL.csv`: joins sweep shards into the unsharded file. */
export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('Merge sweep CSVs (e.g. the shards of a Kubernetes Indexed Job) into canonical order, checking no case is missing or duplicated')
    .argument('<files...>', 'sweep CSVs written by cnisim sweep')
    .requiredOption('--out <file>', 'merged CSV; byte-identical to an unsharded run')
    .action((files: string[], flags: { out: string }) => runCommand(() => merge(files, flags)));
}
