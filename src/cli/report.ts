import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../error/input-error.ts';
import { buildReport } from '../output/report/build-report.ts';
import { EXIT_OK, runCommand } from './exit.ts';
import { checkOutputPaths } from './output-path.ts';
import { writeFileAtomic } from './write-file.ts';

interface ReportFlags {
  out: string;
  svg?: string;
}

async function report(csv: string, flags: ReportFlags): Promise<number> {
  let text: string;
  try {
    text = readFileSync(csv, 'utf8');
  } catch (err) {
    throw new InputError([{ code: 'file-unreadable', path: 'CSV', value: csv, allowed: `a readable sweep CSV (${(err as Error).message})` }]);
  }
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
