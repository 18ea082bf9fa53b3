/**
 * Ensembles: many seeded runs of a scenario on worker threads, their rows on disk as Parquet, and summaries.
 *
 * The runner's API (for ensembles, sweeps, shards, merge and resume alike):
 * - `RunSpec` {runId `p0000-r000012`, point, overrides, replicate, seed}: one run. `ensembleSpecs(masterSeed,
 *   scenarioHash, runs)` lists a plain ensemble; `runSpec({...})` makes any run (sweeps: `planRuns`, sweepRuns.ts).
 *   A run's seed is `runSeed({masterSeed, scenarioHash, point: overrides joined by '\n', replicate})` (runSeeds.ts).
 * - `executeRuns(job, specs, {workers, outDir, onProgress})`: runs exactly `specs` (pass only the runs to do) on a
 *   piscina pool (`workers: 0` in the calling thread) and writes them as batch folders `outDir/runs/<first>_<last>/`
 *   (runs.parquet, countries.parquet, regions.parquet, network.parquet), each renamed into place when complete.
 *   Failed runs are recorded, never thrown. Batches are cut from the list alone: bytes do not depend on workers.
 * - `summarise(dirs, outDir, {byPoint})`: summary_countries.csv, summary_regions.csv, summary_network.csv,
 *   runs.csv, failed_runs.csv from the batch folders found under `dirs` (one folder, shards, a resumed job: same
 *   bytes); `summaryFiles` gives the texts without writing. Out of core: memory does not grow with the runs.
 * - `listBatches`, `readRunIndex`, `tableMonths`, `readRows` (batchReader.ts): reading the batch folders back.
 * - `runEnsemble(job, specs, {workers, outDir})`: a whole ensemble into its folder, resuming what is on disk, then
 *   the summaries and manifest.json (manifest.ts), written last.
 * Sweeps, shards, merge and resume of jobs are in sweep*.ts, shard.ts, job*.ts, merge.ts, resume.ts.
 */
export { runSeed, MAX_RUN_SEED, type RunKey } from './runSeeds.ts';
export { runId, runSpec, pointText, ensembleSpecs, compareRuns, type RunSpec } from './runSpec.ts';
export { ensembleJob, type EnsembleJob } from './job.ts';
export { TABLES, RUN_COLUMNS, tableDef, tableFile, RUNS_FILE, type TableDef, type TableName, type ValueColumn } from './tables.ts';
export { runRows, type TableRows } from './runRows.ts';
export { writeBatch, MONTHS_KEY, type RunOutcome } from './batchWriter.ts';
export { listBatches, readRunIndex, tableMonths, readRows, type RunRecord, type TableMonths } from './batchReader.ts';
export { executeRuns, resolveWorkers, batchesOf, DEFAULT_RUNS_PER_BATCH, type ExecuteOptions, type ExecuteResult, type Progress, type RunFailure } from './executeRuns.ts';
export { summarise, summaryFiles, describe, PERCENTILES, SUMMARY_FILES, type SummariseOptions, type SummaryResult } from './summarise.ts';
export { ensembleManifest, SEED_RULE, type ManifestInput } from './manifest.ts';
export { runEnsemble, EnsembleFolderError, type EnsembleOptions, type EnsembleOutcome } from './runEnsemble.ts';
