/**
 * Resume: which runs of a list are already done in an output folder. A run is done when a finished batch
 * folder (one renamed into place; batchWriter.ts) records it `ok`. Temporary folders of a killed process are
 * never read, and a failed run is not done: running the same command again runs it again (and the summaries
 * let the later success win).
 */
import { listBatches, readRunIndex } from './batchReader.ts';
import type { RunSpec } from './runSpec.ts';

/**
 * Run ids recorded `ok` in the finished batches of `dir` (none when it has no `runs/` folder).
 * @example await doneRuns('results/sweep') // Set {'p0000-r000000', ...}
 */
export async function doneRuns(dir: string): Promise<Set<string>> {
  const done = new Set<string>();
  for (const batch of listBatches([dir])) {
    for (const record of await readRunIndex(batch)) if (record.status === 'ok') done.add(record.runId);
  }
  return done;
}

/**
 * The runs of `specs` still to execute: those not in `done`, in list order.
 * @example remainingRuns(specs, new Set([specs[0].runId])).length === specs.length - 1
 */
export function remainingRuns<T extends Pick<RunSpec, 'runId'>>(specs: readonly T[], done: ReadonlySet<string>): T[] {
  return specs.filter((s) => !done.has(s.runId));
}
