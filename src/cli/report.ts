import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../error/input-error.ts';
import { buildReport } from '../output/report/build-report.ts';
import { readAtMost } from '../scenario/read-text.ts';
import { EXIT_OK, runCommand } from './exit.ts';
import { checkOutputPaths } from './output-path.ts';
import { writeFileAtomic } from './write-file.ts';

interface ReportFlags {
  out: string;
  svg?: string;
}

/**
 * The largest sweep CSV charted. Measured: a 27 MB sweep CSV (200,000 rows of 60 columns) took 8.5 s and 544 MB
 * to chart (`/usr/bin/time cnisim report`), and both grow with the rows, so past this size the page would take
 * minutes and gigabytes to build and be too heavy to open (docs/limits.md).
 */
export const MAX_REPORT_CSV_BYTES = 32 * 1024 * 1024;

function tooLarge(csv: string, detail: string): InputError {
  return new InputError([
    {
      code: 'file-too-large',
      path: 'CSV',
      value: csv,
      allowed: `a sweep CSV of at most ${MAX_REPORT_CSV_BYTES / 1024 / 1024} MB; ${detail}: chart a smaller sweep (fewer grid values or replicates) or a shard of it (docs/limits.md)`,
    },
  ]);
}

/** The CSV's text, refusing a missing or unreadable file and one over MAX_REPORT_CSV_BYTES before reading it all. */
function readSweepCsv(csv: string): string {
  let bytes: Buffer;
  try {
    if (statSync(csv).size > MAX_REPORT_CSV_BYTES) throw tooLarge(csv, `this one is ${(statSync(csv).size / 1024 / 1024).toFixed(1)} MB`);
    bytes = readAtMost(csv, MAX_REPORT_CSV_BYTES + 1);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError([{ code: 'file-unreadable', path: 'CSV', value: csv, allowed: `a readable sweep CSV (${(err as Error).message})` }]);
  }
  // A device or a pipe has no size to check first: it is read up to the limit.
  if (bytes.length > MAX_REPORT_CSV_BYTES) throw tooLarge(csv, 'this one goes on past that');
  return bytes.toString('utf8');
}

async function report(csv: string, flags: ReportFlags): Promise<number> {
  const text = readSweepCsv(csv);
  checkOutputPaths([{ flag: '--out', path: flags.out }, ...(flags.svg === undefined ? [] : [{ flag: '--svg', path: flags.svg, directory: true }])]);
  const built = await buildReport(text, csv);
  writeFileAtomic(flags.out, built.html);
  if (flags.svg !== undefined) for (const s of built.svgs) writeFileAtomic(join(flags.svg, s.name), s.svg);
  process.stderr.write(`wrote ${flags.out} (${built.svgs.length} chart(s))${flags.svg === undefined ? '' : ` and ${built.svgs.length} SVG file(s) in ${flags.svg}`}\n`);
  return EXIT_OK;
}

/** `cnisim report FILE.csv --out report.html [--svg DIR]`: charts of a sweep, in one offline page. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Chart a sweep CSV in a self-contained HTML page that works offline (Vega-Lite rendered to SVG)')
    .argument('<csv>', 'sweep CSV from cnisim sweep or cnisim merge')
    .requiredOption('--out <file>', 'HTML page to write')
    .option('--svg <dir>', 'also write each chart as an SVG file in this directory')
    .action((csv: string, flags: ReportFlags) => runCommand(() => report(csv, flags)));
}
