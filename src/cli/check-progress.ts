import { progressReporter, type ProgressReporter } from '../sweep/progress.ts';

/** Grids with at least this many combinations show progress while they are checked. */
const CHECK_PROGRESS_MIN = 10_000;

/**
 * Progress of checking a sweep grid's combinations, on stderr: a grid of a million takes minutes, which should
 * not pass in silence. Small grids, and `--quiet`, show nothing.
 */
export function checkProgress(quiet: boolean): { onCheckProgress: (done: number, total: number) => void; stop: () => void } {
  let reporter: ProgressReporter | undefined;
  return {
    onCheckProgress(done, total) {
      if (quiet || total < CHECK_PROGRESS_MIN) return;
      reporter ??= progressReporter(process.stderr, false, { label: 'checking the grid', unit: 'combinations' });
      reporter.update(done, total);
    },
    stop() {
      reporter?.stop();
    },
  };
}
