/**
 * The ensemble runner: executes an explicit list of runs on a pool of worker threads (piscina) and streams
 * their rows to disk as batch folders (batchWriter.ts) as batches finish. Whatever the number of workers or the
 * order of completion, the runs, their seeds and their rows are the same; the batches are cut from the list
 * alone, so even the Parquet bytes do not depend on the number of workers.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { workerEntry } from '../build/paths.ts';
import { writeBatch } from './batchWriter.ts';
import type { EnsembleJob } from './job.ts';
import { compareRuns, type RunSpec } from './runSpec.ts';
import { runBatch, type BatchResult, type BatchTask } from './worker.ts';

/** Progress of an execution, reported as runs finish. */
export interface Progress {
  /** Runs finished (successful or failed). */
  done: number;
  /** Runs failed so far. */
  failed: number;
  /** Runs to execute. */
  total: number;
}

/** A run that threw: its identity and its error in one line. */
export interface RunFailure {
  runId: string;
  seed: number;
  point: number;
  replicate: number;
  error: string;
}

/** Options of `executeRuns`. */
export interface ExecuteOptions {
  /** Worker threads (>= 1); 0 runs everything in the calling thread (no pool: for debugging and tiny jobs). */
  workers: number;
  /** The ensemble folder: batch folders are written into `<outDir>/runs/`. */
  outDir: string;
  /** Most runs per batch folder (default 100): a kill loses at most this many runs per worker. */
  runsPerBatch?: number;
  /** Called (at most every `progressIntervalMs`, and once at the end) with the progress. */
  onProgress?: (p: Progress) => void;
  /** Interval of progress reports, ms (default 200). */
  progressIntervalMs?: number;
  /** Test-only: replicates whose run throws on purpose, to test failure handling. Never set it otherwise. */
  failReplicates?: readonly number[];
  /** Test-only: replicates whose run stops its worker thread, to test crash handling. Never set it otherwise. */
  crashReplicates?: readonly number[];
}

/** What `executeRuns` did. */
export interface ExecuteResult {
  /** Runs executed (successful or failed). */
  runs: number;
  /** Failed runs, in run order. */
  failures: RunFailure[];
  /** Batch folders written, in the order of the run list. */
  batches: string[];
}

/** Default most runs per batch. */
export const DEFAULT_RUNS_PER_BATCH = 100;

/**
 * The number of worker threads for `--workers auto|K`: auto is the machine's available parallelism. Never more
 * than the runs.
 * @example resolveWorkers('auto', 10_000) // 2 on a 2-core machine
 */
export function resolveWorkers(workers: 'auto' | number, runs: number): number {
  const wanted = workers === 'auto' ? availableParallelism() : workers;
  return Math.max(1, Math.min(wanted, runs));
}

/**
 * Cuts a run list into batches of consecutive runs: about 16 batches for small lists (so 2 to 8 workers share
 * them evenly), at most `runsPerBatch` runs each. Depends on the list alone, never on the number of workers.
 * @example batchesOf(specs, 100).length // 100 for 10,000 runs
 */
export function batchesOf(specs: readonly RunSpec[], runsPerBatch = DEFAULT_RUNS_PER_BATCH): RunSpec[][] {
  const size = Math.max(1, Math.min(runsPerBatch, Math.ceil(specs.length / 16)));
  const batches: RunSpec[][] = [];
  for (let i = 0; i < specs.length; i += size) batches.push(specs.slice(i, i + size));
  return batches;
}

/**
 * Executes `specs` (any list of runs of `job`: a whole ensemble, a sweep, a shard, the runs left to resume) and
 * writes one batch folder per batch into `<outDir>/runs/`; `summarise([outDir], ...)` then reads them. A run
 * that throws is recorded with its error (in the batch's `runs.parquet` and in the result) and the others go
 * on; a worker that dies (out of memory, a crash) has its batch run again one run at a time, and a run that
 * kills its worker alone is recorded as failed. Rejects only when the outputs cannot be written.
 * Runs already on disk are not looked for: pass only the runs to execute.
 * @example
 * const specs = ensembleSpecs(job.masterSeed, job.scenarioHash, 1000);
 * const { failures } = await executeRuns(job, specs, { workers: 2, outDir: 'out/.partial' });
 * await summarise(['out/.partial'], 'out/.partial');
 */
export async function executeRuns(job: EnsembleJob, specs: readonly RunSpec[], options: ExecuteOptions): Promise<ExecuteResult> {
  const runsDir = join(options.outDir, 'runs');
  const total = specs.length;
  const progress = new Int32Array(new SharedArrayBuffer(8));
  const task = (batch: RunSpec[]): BatchTask => ({
    job: { scenarioFile: job.scenarioFile, sets: job.sets },
    specs: batch,
    runsDir,
    progress,
    failReplicates: options.failReplicates,
    crashReplicates: options.crashReplicates,
  });

  let last = -1;
  // (A batch whose worker died is run again, so its runs may be counted twice: the counts are capped at the total.)
  const report = () => {
    const done = Math.min(total, Atomics.load(progress, 0));
    if (done === last) return;
    last = done;
    options.onProgress?.({ done, failed: Math.min(done, Atomics.load(progress, 1)), total });
  };
  const timer = options.onProgress ? setInterval(report, options.progressIntervalMs ?? 200) : undefined;

  const results: BatchResult[][] = [];
  try {
    const batches = batchesOf(specs, options.runsPerBatch);
    if (batches.length === 0) {
      // nothing to run: no pool to start
    } else if (options.workers <= 0) {
      for (const batch of batches) {
        results.push([runBatch(task(batch))]);
        report();
      }
    } else {
      const script = workerEntry();
      const pool = new Piscina({
        filename: script.file,
        execArgv: script.execArgv,
        minThreads: Math.min(options.workers, batches.length),
        maxThreads: Math.min(options.workers, batches.length),
        idleTimeout: 60_000,
        recordTiming: false,
      });
      try {
        const run = (batch: RunSpec[]) => pool.run(task(batch)) as Promise<BatchResult>;
        results.push(...(await Promise.all(batches.map((batch) => runOrIsolate(batch, run, runsDir, progress)))));
      } finally {
        await pool.destroy();
      }
    }
  } finally {
    if (timer) clearInterval(timer);
  }
  report();
  const flat = results.flat();
  const failures = flat.flatMap((r) => r.failures).sort(compareRuns);
  return { runs: flat.reduce((n, r) => n + r.runs, 0), failures, batches: flat.map((r) => r.dir) };
}

/**
 * Runs a batch on the pool; if its worker dies, runs it again one run at a time, and records a run whose worker
 * dies alone as failed (written as a batch of its own, from this thread).
 */
async function runOrIsolate(batch: RunSpec[], run: (b: RunSpec[]) => Promise<BatchResult>, runsDir: string, progress: Int32Array): Promise<BatchResult[]> {
  try {
    return [await run(batch)];
  } catch (e) {
    if (batch.length > 1) return (await Promise.all(batch.map((spec) => runOrIsolate([spec], run, runsDir, progress)))).flat();
    const spec = batch[0];
    const error = `the worker stopped: ${e instanceof Error ? e.message : String(e)}`.replace(/\s*\n\s*/g, ' ');
    const dir = writeBatch(runsDir, [{ spec, error }]);
    Atomics.add(progress, 0, 1);
    Atomics.add(progress, 1, 1);
    return [{ dir, runs: 1, failures: [{ runId: spec.runId, seed: spec.seed, point: spec.point, replicate: spec.replicate, error }] }];
  }
}
