import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_INTERNAL, exitCodeForError, reportInternalError } from '../../src/cli/exit.ts';
import { ANY_STACK_LINE } from '../robustness/in-process.ts';

/** A stream that keeps what is written to it. */
function sink(): { stream: Writable; text: () => string } {
  const parts: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      parts.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => parts.join('') };
}

/** A bug as cnisim would meet one: an error from deep inside, with a stack. */
function bug(): Error {
  return new TypeError('Cannot read properties of undefined (reading "maxPods")\n    at deep (src/model/x.ts:1:1)');
}

describe('an internal error', () => {
  const saved = process.env['CNISIM_DEBUG'];
  afterEach(() => {
    if (saved === undefined) delete process.env['CNISIM_DEBUG'];
    else process.env['CNISIM_DEBUG'] = saved;
  });

  it('prints one line that says it is a bug and where to report it, and exits 1', () => {
    delete process.env['CNISIM_DEBUG'];
    const out = sink();
    expect(reportInternalError(bug(), out.stream)).toBe(EXIT_INTERNAL);
    expect(EXIT_INTERNAL).toBe(1);
    const text = out.text();
    expect(text.split('\n')).toEqual([expect.stringMatching(/^internal error \(a bug in cnisim, not in your input\): Cannot read properties of undefined \(reading "maxPods"\); please report it to .*README\.md.*--debug or CNISIM_DEBUG=1/), '']);
    expect(text).not.toMatch(ANY_STACK_LINE);
  });

  it('prints the stack trace with CNISIM_DEBUG=1', () => {
    process.env['CNISIM_DEBUG'] = '1';
    const out = sink();
    const err = bug();
    reportInternalError(err, out.stream);
    expect(out.text()).toContain(err.stack ?? 'no stack');
    expect(out.text()).toMatch(ANY_STACK_LINE);
  });

  it('is told apart from bad input, which exits 2', async () => {
    const { InputError } = await import('../../src/error/input-error.ts');
    const write = process.stderr.write.bind(process.stderr);
    const lines: string[] = [];
    process.stderr.write = ((s: string) => lines.push(s) > 0) as typeof process.stderr.write;
    try {
      expect(exitCodeForError(new InputError([{ code: 'x', path: 'a.b', value: '3', allowed: '≤ 2' }]))).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(lines).toEqual(['error: a.b: 3 is not allowed; expected ≤ 2\n']);
  });
});
