import cliProgress from 'cli-progress';

/** Reports sweep progress; wall-clock time is read here only, never by a simulation. */
export interface ProgressReporter {
  update(done: number, total: number): void;
  stop(): void;
}

/** What is counted: `sweep … cases`; `barFormat` replaces the terminal bar's default format (cli-progress tokens). */
export interface ProgressLabel {
  readonly label: string;
  readonly unit: string;
  readonly barFormat?: string;
}

/** Plain lines at most this often when stderr is not a terminal (CI logs, Kubernetes pods). */
const PLAIN_INTERVAL_MS = 10_000;

/**
 * A progress bar (cases done and total, rate, time left) on a terminal; otherwise a plain line every 10 s and
 * one at the end; nothing when quiet.
 */
export function progressReporter(stream: NodeJS.WriteStream, quiet: boolean, what: ProgressLabel = { label: 'sweep', unit: 'cases' }): ProgressReporter {
  if (quiet) return { update: () => undefined, stop: () => undefined };
  // The wall clock only feeds the rate and time-left shown to the user on stderr; no CSV row ever sees it.
  const startMs = performance.now();
  let firstDone = -1;
  const rate = (done: number): number => {
    const seconds = (performance.now() - startMs) / 1000;
    return seconds > 0 && firstDone >= 0 ? (done - firstDone) / seconds : 0;
  };
  if (stream.isTTY === true) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: what.barFormat ?? `${what.label} [{bar}] {value}/{total} ${what.unit} | {rate} ${what.unit}/s | {eta_formatted} left`,
        etaBuffer: 50,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (firstDone < 0) firstDone = done;
        if (!started) {
          bar.start(total, done, { rate: '0.0' });
          started = true;
        } else {
          bar.update(done, { rate: rate(done).toFixed(1) });
        }
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastMs = -Infinity;
  let last = { done: 0, total: 0 };
  const line = (): void => {
    const r = rate(last.done);
    const left = r > 0 ? formatDuration((last.total - last.done) / r) : 'unknown';
    stream.write(`${what.label}: ${last.done}/${last.total} ${what.unit} (${last.total === 0 ? 100 : Math.floor((100 * last.done) / last.total)}%), ${r.toFixed(1)} ${what.unit}/s, ${left} left\n`);
  };
  return {
    update(done, total) {
      if (firstDone < 0) firstDone = done;
      last = { done, total };
      const now = performance.now();
      if (now - lastMs >= PLAIN_INTERVAL_MS) {
        lastMs = now;
        line();
      }
    },
    stop() {
      line();
    },
  };
}

function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
