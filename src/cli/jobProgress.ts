/**
 * Progress of the runs of an ensemble or sweep on stderr: a cli-progress bar (runs done, runs per second, time
 * left) when stderr is a terminal, otherwise a plain line every 10 seconds and at the end; nothing when quiet.
 */
import cliProgress from 'cli-progress';
import type { Progress } from '../ensemble/executeRuns.ts';

/** A progress reporter: `update` with each report, `done` at the end. */
export interface JobProgress {
  update: (p: Progress) => void;
  done: () => void;
}

/**
 * The progress reporter of a job labelled `label`.
 * @example const progress = jobProgress('china-2021 sweep', !quiet); runJob(job, {onProgress: progress.update}); progress.done()
 */
export function jobProgress(label: string, enabled: boolean): JobProgress {
  if (!enabled) return { update: () => {}, done: () => {} };
  const started = Date.now();
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: `${label} [{bar}] {value}/{total} runs, {rate} runs/s, {eta_formatted} left, {failed} failed`, hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    let on = false;
    return {
      update: (p) => {
        const rate = (p.done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1);
        if (!on) {
          bar.start(p.total, p.done, { rate, failed: p.failed });
          on = true;
        } else bar.update(p.done, { rate, failed: p.failed });
      },
      done: () => {
        if (on) bar.stop();
      },
    };
  }
  let lastLine = 0;
  let last: Progress | undefined;
  const line = (p: Progress) => {
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(`${label}: ${p.done}/${p.total} runs, ${p.failed} failed, ${(p.done / Math.max(0.001, seconds)).toFixed(1)} runs/s\n`);
    lastLine = Date.now();
  };
  return {
    update: (p) => {
      last = p;
      if (Date.now() - lastLine >= 10_000) line(p);
    },
    done: () => {
      if (last && last.done !== last.total) return;
      if (last) line(last);
    },
  };
}
