/**
 * Running a job (an ensemble or a sweep) or one shard of it, resumably:
 * 1. the folder: `--out DIR` for the whole job, `DIR/shard-<i>-of-<N>/` for a shard;
 * 2. `job.json` is written there first (or, on a rerun, checked to be the same job: jobManifest.ts);
 * 3. the shard's runs (run k of the job's list if k mod N = i) that are not already `ok` on disk are executed
 *    by the ensemble runner (`executeRuns`), batch by batch, each batch renamed into place when complete;
 * 4. for the whole job, the summaries are written from the files on disk (jobSummaries.ts); a shard writes
 *    none (`hashsim merge DIR` does, once every shard is done).
 * Killing the process at any moment leaves finished batches (results) and hidden temporary folders (never
 * read); running the same command again executes only what is missing, and gives the same summaries.
 */
import { join } from 'node:path';
import { executeRuns, type Progress, type RunFailure } from './executeRuns.ts';
import type { EnsembleJob } from './job.ts';
import { ensureJob, jobRuns, type JobManifest } from './jobManifest.ts';
import { writeJobSummaries, type JobSummaryOptions, type JobSummaryResult } from './jobSummaries.ts';
import { doneRuns, remainingRuns } from './resume.ts';
import { shardOf, type Shard } from './shard.ts';

/** Options of `runJob`. */
export interface RunJobOptions extends JobSummaryOptions {
  /** The job's output folder (`--out`). */
  outDir: string;
  /** The shard to run (`WHOLE_JOB` for all of it). */
  shard: Shard;
  /** Worker threads (0: in this thread). */
  workers: number;
  /** Progress of the runs being executed (not counting those skipped). */
  onProgress?: (p: Progress) => void;
  /** Called once the runs to execute are known, before any runs. */
  onPlan?: (plan: { folder: string; shardRuns: number; done: number; toRun: number }) => void;
  /** Test-only: replicates whose run throws on purpose. */
  failReplicates?: readonly number[];
}

/** What `runJob` did. */
export interface RunJobResult {
  /** The folder written (the job's, or the shard's). */
  folder: string;
  /** Runs of this shard (of the whole job for the whole job). */
  shardRuns: number;
  /** Runs found already done and skipped. */
  skipped: number;
  /** Runs executed now. */
  executed: number;
  /** Runs that failed now. */
  failures: RunFailure[];
  /** The summaries (whole job only). */
  summaries?: JobSummaryResult;
}

/**
 * The folder of a shard of a job whose output folder is `outDir`.
 * @example shardFolder('results/x', {index: 1, count: 3, source: '--shard'}) // 'results/x/shard-1-of-3'
 */
export function shardFolder(outDir: string, shard: Shard): string {
  return shard.count === 1 ? outDir : join(outDir, `shard-${shard.index}-of-${shard.count}`);
}

/**
 * Runs `job` (its `shard` field is replaced by `options.shard`) into its folder, skipping runs already done.
 * Throws `JobMismatchError` when the folder holds another job.
 * @example await runJob(manifest, { outDir: 'results/sweep', shard: WHOLE_JOB, workers: 2 })
 */
export async function runJob(job: JobManifest, options: RunJobOptions): Promise<RunJobResult> {
  const { shard } = options;
  const manifest: JobManifest = { ...job, shard: { index: shard.index, count: shard.count } };
  const folder = shardFolder(options.outDir, shard);
  ensureJob(folder, manifest);
  const mine = shardOf(jobRuns(manifest), shard);
  const done = await doneRuns(folder);
  const todo = remainingRuns(mine, done);
  options.onPlan?.({ folder, shardRuns: mine.length, done: mine.length - todo.length, toRun: todo.length });
  const runner: EnsembleJob = {
    scenario: manifest.scenario,
    scenarioFile: manifest.scenarioFile,
    sets: manifest.sets,
    scenarioHash: manifest.scenarioHash,
    masterSeed: manifest.masterSeed,
  };
  const result = todo.length > 0
    ? await executeRuns(runner, todo, { workers: options.workers, outDir: folder, onProgress: options.onProgress, failReplicates: options.failReplicates })
    : { runs: 0, failures: [] as RunFailure[] };
  const summaries = shard.count === 1 ? await writeJobSummaries(manifest, [folder], folder, options) : undefined;
  return { folder, shardRuns: mine.length, skipped: mine.length - todo.length, executed: result.runs, failures: result.failures, summaries };
}
