/**
 * `npm run bench [-- --filter NAME]... [--quick] [--out FILE]`: runs the tinybench suites in bench/*.bench.ts,
 * prints a table of medians with their interquartile spread, and writes bench/results/latest.csv (one row per
 * measurement, with the CPU model, core count and Node version on every row).
 *
 * --filter NAME  run only suites whose name or file name contains NAME (repeatable, or comma-separated)
 * --quick        a short smoke run (tests use it; its figures are not meant to be read)
 * --out FILE     where to write the CSV (default bench/results/latest.csv)
 * A suite that throws is reported and the command exits 1 after the others have run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSuite, machineInfo, measurementsCsv, measurementsTable, selected, suiteFiles } from './bench-runner.ts';
import type { Measurement } from './suite.ts';

const benchDir = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      filter: { type: 'string', multiple: true },
      quick: { type: 'boolean', default: false },
      out: { type: 'string', default: join(benchDir, 'results', 'latest.csv') },
    },
    strict: true,
  });
  const filters = (values.filter ?? []).flatMap((f) => f.split(',')).filter((f) => f !== '');
  const quick = values.quick === true;
  const out = resolve(values.out ?? join(benchDir, 'results', 'latest.csv'));
  const machine = machineInfo();
  process.stdout.write(`cnisim bench${quick ? ' (quick)' : ''} on ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.nodeVersion}\n`);

  const rows: Measurement[] = [];
  const failed: string[] = [];
  let ran = 0;
  for (const file of suiteFiles(benchDir)) {
    const suite = await loadSuite(file);
    if (!selected(filters, suite.name, file)) continue;
    ran++;
    process.stdout.write(`running ${suite.name} …\n`);
    try {
      const got = await suite.run({ quick });
      if (got.length === 0) throw new Error('the suite produced no measurements');
      rows.push(...got);
    } catch (err) {
      failed.push(suite.name);
      process.stderr.write(`suite ${suite.name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  if (ran === 0) {
    process.stderr.write(`no suite matches ${filters.join(', ')}\n`);
    return 2;
  }
  process.stdout.write(`\n${measurementsTable(rows)}\n`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, measurementsCsv(rows, machine));
  process.stdout.write(`\nwrote ${rows.length} measurements to ${out}\n`);
  if (failed.length > 0) {
    process.stderr.write(`failed suites: ${failed.join(', ')}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
