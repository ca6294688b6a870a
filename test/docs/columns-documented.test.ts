import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summaryColumns, timeseriesColumns } from '../../src/scenario/run.ts';
import { EVENT_COLUMNS } from '../../src/scenario/run-replicates.ts';

/** README.md and every docs/*.md, where the user reads what each column means. */
function userDocs(): string {
  const docs = existsSync('docs') ? readdirSync('docs').filter((f) => f.endsWith('.md')).sort() : [];
  return [readFileSync('README.md', 'utf8'), ...docs.map((f) => readFileSync(`docs/${f}`, 'utf8'))].join('\n');
}

describe('the documentation keeps up with the code', () => {
  const text = userDocs();

  it.each([...summaryColumns(undefined, true), ...timeseriesColumns(undefined, true)].map((c) => [c.name, c.unit]))(
    'documents the column `%s` (%s)',
    (name) => {
      expect(text).toContain(`\`${name}\``);
    },
  );

  it('documents the events CSV columns', () => {
    expect(text).toContain(EVENT_COLUMNS.join(', '));
  });

  it('keeps the quick start true: npm start runs the default scenario, npm test type-checks and tests', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
    expect(pkg.scripts.start).toContain('run scenarios/overlay-vs-flat.yaml');
    expect(existsSync('scenarios/overlay-vs-flat.yaml')).toBe(true);
    expect(pkg.scripts.test).toMatch(/^tsc -p \. && vitest run/);
    expect(pkg.bin.cnisim).toBe('bin/cnisim.js');
  });
});
