/**
 * Progress feedback for long runs: a cli-progress bar on stderr, shown only when stderr is a terminal
 * (so pipes, CI logs and output files stay clean) and not asked to be quiet.
 */
import cliProgress from 'cli-progress';

/** Returns a per-month callback for `simulate`, and a function that closes the bar. */
export function monthProgress(label: string, enabled: boolean): { onMonth?: (step: number, months: number) => void; done: () => void } {
  if (!enabled || !process.stderr.isTTY) return { done: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {value}/{total} months`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onMonth: (step, months) => {
      if (!started) {
        bar.start(months, 0);
        started = true;
      }
      bar.update(step + 1);
    },
    done: () => {
      if (started) bar.stop();
    },
  };
}
