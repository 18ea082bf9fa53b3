/**
 * Progress of an ensemble on stderr: a cli-progress bar on a terminal (runs done, runs per second, time left,
 * failures), plain lines otherwise (every 10% of the runs or every 5 s, whichever comes first), nothing when
 * quiet.
 */
import cliProgress from 'cli-progress';
import type { Progress } from '../ensemble/executeRuns.ts';

/** The progress callback of an ensemble, and a function that closes the bar. */
export interface RunsProgress {
  onProgress?: (p: Progress) => void;
  done: () => void;
}

/**
 * Progress feedback for `total` runs labelled `label`.
 * @example const progress = runsProgress('china-2021', 10_000, true); ... progress.done()
 */
export function runsProgress(label: string, total: number, enabled: boolean, stream: NodeJS.WriteStream = process.stderr): RunsProgress {
  if (!enabled || total === 0) return { done: () => {} };
  const started = performance.now();
  const rate = (done: number) => done / Math.max(1e-3, (performance.now() - started) / 1000);
  const failedText = (failed: number) => (failed > 0 ? `, ${failed} failed` : '');
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: `${label} [{bar}] {value}/{total} runs | {rate} runs/s | {eta_formatted} left{failed}`, hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: '0.0', failed: '' });
    return {
      onProgress: (p) => bar.update(Math.min(p.done, total), { rate: rate(p.done).toFixed(1), failed: failedText(p.failed) }),
      done: () => bar.stop(),
    };
  }
  let lastTime = started;
  let lastTenth = 0;
  return {
    onProgress: (p) => {
      const now = performance.now();
      const tenth = Math.floor((10 * p.done) / total);
      if (p.done < total && tenth <= lastTenth && now - lastTime < 5000) return;
      lastTime = now;
      lastTenth = tenth;
      const r = rate(p.done);
      const left = r > 0 ? (total - p.done) / r : NaN;
      const leftText = Number.isFinite(left) && p.done < total ? `, about ${duration(left)} left` : '';
      stream.write(`${label}: ${p.done}/${total} runs (${Math.floor((100 * p.done) / total)}%), ${r.toFixed(1)} runs/s${leftText}${failedText(p.failed)}\n`);
    },
    done: () => {},
  };
}

/** Seconds as `42 s`, `3 min 05 s` or `1 h 02 min`. */
function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
