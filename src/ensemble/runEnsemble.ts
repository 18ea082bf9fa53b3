/**
 * A whole ensemble into its output folder, in place and resumable: the runs already complete in the folder are
 * skipped, the others executed (executeRuns.ts, each batch renamed into place when complete), then the
 * summaries are computed from every run on disk and manifest.json is written last. The folder is complete when
 * it has a manifest: the manifest is removed before anything else changes and lists the sha256 of every
 * summary file. A killed ensemble keeps its finished batches; running the same command again finishes it and
 * gives the same bytes as an uninterrupted run.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listBatches, readRunIndex } from './batchReader.ts';
import { executeRuns, type Progress, type RunFailure } from './executeRuns.ts';
import type { EnsembleJob } from './job.ts';
import { ensembleManifest } from './manifest.ts';
import type { RunSpec } from './runSpec.ts';
import { summarise, SUMMARY_FILES, type SummaryResult } from './summarise.ts';

/** An output folder that cannot take this ensemble (bad input: exit 2). */
export class EnsembleFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnsembleFolderError';
  }
}

/** Options of `runEnsemble`. */
export interface EnsembleOptions {
  /** Worker threads (see `executeRuns`). */
  workers: number;
  /** The output folder. */
  outDir: string;
  onProgress?: (p: Progress) => void;
  /** Test-only (see `executeRuns`). */
  failReplicates?: readonly number[];
}

/** What `runEnsemble` did. */
export interface EnsembleOutcome {
  /** Runs found complete in the folder and skipped. */
  skipped: number;
  /** Runs executed now. */
  executed: number;
  /** Runs executed now that failed, in run order. */
  failures: RunFailure[];
  /** The summaries (over every run on disk; `summary.failed` lists every failed run). */
  summary: SummaryResult;
  /** Paths written: the summary files and the manifest. */
  written: string[];
  /** Wall time of the runs and of the summaries, seconds (for messages only: never written to a file). */
  seconds: { runs: number; summaries: number };
}

/** Top-level names an ensemble folder may hold. */
const OWNED = new Set(['runs', 'manifest.json', 'job.json', ...SUMMARY_FILES, 'charts', 'report.html']);

/**
 * Runs the ensemble `specs` of `job` into `options.outDir` (see the module comment). Throws
 * `EnsembleFolderError` when the folder holds anything else: files that are not an ensemble's, or runs of
 * another ensemble (another scenario, master seed or number of runs).
 * @example await runEnsemble(job, ensembleSpecs(1, job.scenarioHash, 100), { workers: 2, outDir: 'results/small-ensemble' })
 */
export async function runEnsemble(job: EnsembleJob, specs: readonly RunSpec[], options: EnsembleOptions): Promise<EnsembleOutcome> {
  const { outDir } = options;
  checkFolder(outDir);
  rmSync(join(outDir, 'manifest.json'), { force: true });
  const done = await completeRuns(outDir, specs);
  const remaining = specs.filter((s) => !done.has(s.runId));
  const t0 = performance.now();
  const result = await executeRuns(job, remaining, { workers: options.workers, outDir, onProgress: options.onProgress, failReplicates: options.failReplicates });
  const t1 = performance.now();
  const summary = await summarise([outDir], outDir, { workers: options.workers });
  const t2 = performance.now();
  const manifest = ensembleManifest({ job, command: 'ensemble', runs: specs.length, points: [{ point: 0, overrides: [] }], summary });
  const temp = join(outDir, `.manifest.json.${process.pid}.tmp`);
  writeFileSync(temp, manifest);
  renameSync(temp, join(outDir, 'manifest.json'));
  return {
    skipped: done.size,
    executed: result.runs,
    failures: result.failures,
    summary,
    written: [...SUMMARY_FILES, 'manifest.json'].map((name) => join(outDir, name)),
    seconds: { runs: (t1 - t0) / 1000, summaries: (t2 - t1) / 1000 },
  };
}

/** The folder is new, empty, or an ensemble's (only the names an ensemble writes, and hidden temporary ones). */
function checkFolder(outDir: string): void {
  if (!existsSync(outDir)) return;
  if (!lstatSync(outDir).isDirectory()) throw new EnsembleFolderError(`${outDir} exists and is not a folder`);
  const entries = readdirSync(outDir).sort();
  const foreign = entries.find((e) => !OWNED.has(e) && !/^\..+\.tmp$/.test(e));
  if (foreign !== undefined) {
    throw new EnsembleFolderError(`${outDir} holds ${JSON.stringify(foreign)}, which is not an output of an ensemble: choose a new or empty folder`);
  }
  if (entries.includes('manifest.json')) {
    let manifest: { program?: unknown; command?: unknown } | undefined;
    try {
      manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
    } catch {
      manifest = undefined;
    }
    if (manifest?.program !== 'hashsim' || manifest.command !== 'ensemble') {
      throw new EnsembleFolderError(`${outDir} holds a manifest.json that is not an ensemble's: choose a new or empty folder`);
    }
  }
}

/**
 * Run ids recorded `ok` in the folder's finished batches; throws `EnsembleFolderError` if a recorded run is
 * not one of `specs` (another job's, or beyond `--runs`), so that a summary never mixes two ensembles.
 */
async function completeRuns(outDir: string, specs: readonly RunSpec[]): Promise<Set<string>> {
  const byId = new Map(specs.map((s) => [s.runId, s]));
  const done = new Set<string>();
  for (const batch of listBatches([outDir])) {
    for (const record of await readRunIndex(batch)) {
      const spec = byId.get(record.runId);
      if (!spec || spec.seed !== record.seed) {
        const why = spec ? `run ${record.runId} has seed ${record.seed}, this ensemble's has ${spec.seed} (another scenario or --seed)` : `it holds run ${record.runId}, beyond this ensemble's ${specs.length} runs`;
        throw new EnsembleFolderError(`${outDir} holds the runs of another ensemble (${why}): choose another --out, or delete the folder to start again`);
      }
      if (record.status === 'ok') done.add(record.runId);
    }
  }
  return done;
}
