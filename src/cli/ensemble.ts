/**
 * `hashsim ensemble <scenario> --runs N [--workers auto|K] [--seed S] [--out DIR] [--set path=value ...] [--quiet]
 * [--shard i/N | --shards N]` (one shard into OUT/shard-i-of-N/, see ensembleShard.ts):
 * runs N seeded runs of a scenario on worker threads, streams their rows to Parquet files and writes the
 * summaries (src/ensemble/runEnsemble.ts). Exit codes: 0 every run succeeded; 1 some runs failed (the summaries
 * cover the others; the failed runs are named on stderr and listed in failed_runs.csv), or an internal error;
 * 2 bad input (an option, the scenario, the output folder), before any run.
 */
import type { CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { join } from 'node:path';
import { checkFlag, checkFolder, checkSets, OptionError, parseSeed, quoteTyped, single, typedValues } from './optionChecks.ts';
import { loadOrExit, orExit, setOption } from './scenarioArgs.ts';
import { runsProgress } from './ensembleProgress.ts';

interface EnsembleArgs {
  scenario: string;
  runs: string;
  workers?: string;
  seed?: string;
  out?: string;
  set?: string[];
  quiet?: boolean;
  shard?: string;
  shards?: string;
}

/** Most runs of one ensemble. */
export const MAX_ENSEMBLE_RUNS = 10_000_000;
/** Most worker threads. */
export const MAX_WORKERS = 256;

/** `--runs`: an integer from 1 to MAX_ENSEMBLE_RUNS, as typed. */
function parseRuns(typed: string | null): number {
  const value = typed !== null && /^\d{1,8}$/.test(typed) ? Number(typed) : NaN;
  if (!(value >= 1 && value <= MAX_ENSEMBLE_RUNS)) throw new OptionError(`--runs: expected an integer from 1 to ${MAX_ENSEMBLE_RUNS}, found ${quoteTyped(typed)}`);
  return value;
}

/** `--workers`: `auto` or an integer from 1 to MAX_WORKERS, as typed. */
function parseWorkers(typed: string | null): 'auto' | number {
  if (typed === 'auto') return 'auto';
  const value = typed !== null && /^\d{1,3}$/.test(typed) ? Number(typed) : NaN;
  if (!(value >= 1 && value <= MAX_WORKERS)) throw new OptionError(`--workers: expected auto or an integer from 1 to ${MAX_WORKERS}, found ${quoteTyped(typed)}`);
  return value;
}

export const ensembleCommand: CommandModule<object, EnsembleArgs> = {
  command: 'ensemble <scenario>',
  describe: 'Run a scenario many times with seeds derived from --seed, on worker threads; write per-run Parquet files and summaries (mean, percentiles)',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('runs', { type: 'string', demandOption: true, describe: 'number of runs (an integer from 1 to 10,000,000)' })
      .option('workers', { type: 'string', default: 'auto', describe: 'worker threads: auto (one per core) or a number' })
      .option('seed', { type: 'string', describe: "master seed (an integer from 0 to 2^53 - 1); default: the scenario's seed" })
      .option('out', { type: 'string', describe: 'output folder; default results/<scenario name>-ensemble/' })
      .option('set', setOption)
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
      .option('shard', { type: 'string', describe: 'run only shard i of N (from 0), e.g. 0/3, into OUT/shard-i-of-N/; default from SLURM_ARRAY_TASK_ID/COUNT' })
      .option('shards', { type: 'string', describe: 'number of shards, with JOB_COMPLETION_INDEX (Kubernetes Indexed Job)' })
      .check(() => {
        const typed = hideBin(process.argv);
        parseRuns(single(typed, 'runs', 'number of runs') ?? null);
        const workers = single(typed, 'workers', 'number of workers');
        if (workers !== undefined) parseWorkers(workers);
        const seed = single(typed, 'seed', 'seed');
        if (seed !== undefined) parseSeed(seed);
        if (typedValues(typed, 'out', true).length > 0) checkFolder(typed, 'out');
        checkFlag(typed, 'quiet');
        checkSets(typed);
        return true;
      }) as never,
  handler: async (argv) => {
    const { prepareRuns } = await import('../run/index.ts');
    const { ensembleJob } = await import('../ensemble/job.ts');
    const { ensembleSpecs } = await import('../ensemble/runSpec.ts');
    const { resolveWorkers } = await import('../ensemble/executeRuns.ts');
    const { runEnsemble, EnsembleFolderError } = await import('../ensemble/runEnsemble.ts');

    const resolved = loadOrExit(argv.scenario, argv.set ?? []);
    orExit(() => prepareRuns(resolved)); // every problem of the scenario found before any run (exit 2)
    const runs = parseRuns(argv.runs);
    const masterSeed = argv.seed === undefined ? resolved.defaultSeed : parseSeed(argv.seed);
    const workers = resolveWorkers(parseWorkers(argv.workers ?? 'auto'), runs);
    const outDir = argv.out ?? join('results', `${resolved.name}-ensemble`);
    const job = ensembleJob(resolved, masterSeed);
    const specs = ensembleSpecs(masterSeed, resolved.hash, runs);
    const { runEnsembleShard } = await import('./ensembleShard.ts'); // --shard, Slurm arrays, Kubernetes Indexed Jobs
    if (await runEnsembleShard({ resolved, runs, masterSeed, workers, outDir, quiet: argv.quiet ?? false, shard: argv.shard, shards: argv.shards })) return;

    const started = performance.now();
    const progress = runsProgress(resolved.name, runs, !argv.quiet);
    let outcome;
    try {
      outcome = await runEnsemble(job, specs, { workers, outDir, onProgress: progress.onProgress, failReplicates: testFailReplicates() });
    } catch (e) {
      progress.done();
      if (e instanceof EnsembleFolderError) {
        process.stderr.write(`hashsim: ${e.message}\n`);
        process.exit(2);
      }
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'ENOSPC' || code === 'ENOTDIR' || code === 'EROFS' || code === 'EEXIST') {
        process.stderr.write(`hashsim: cannot write the ensemble to ${outDir}: ${(e as Error).message}\n`);
        process.exit(2);
      }
      throw e;
    }
    progress.done();
    const seconds = (performance.now() - started) / 1000;
    // Fan charts (src/report/charts/) and report.html, from the summaries just written.
    const { writeCharts } = await import('../report/charts/writeCharts.ts');
    await writeCharts(outDir);
    const failed = outcome.summary.failed;
    if (!argv.quiet) {
      const usage = process.resourceUsage(); // this process: the main thread and the workers
      const peakMiB = usage.maxRSS / 1024;
      const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
      const skipped = outcome.skipped > 0 ? `, ${outcome.skipped} found done and skipped` : '';
      process.stderr.write(
        `${resolved.name}: ${outcome.executed} runs in ${seconds.toFixed(1)} s with ${workers} worker${workers === 1 ? '' : 's'}` +
          ` (${(outcome.executed / Math.max(seconds, 1e-3)).toFixed(1)} runs/s; runs ${outcome.seconds.runs.toFixed(1)} s, summaries ${outcome.seconds.summaries.toFixed(1)} s)` +
          `${skipped}; CPU ${cpuSeconds.toFixed(1)} s; peak memory ${peakMiB.toFixed(0)} MiB\n`,
      );
      process.stdout.write(`${resolved.name}, master seed ${masterSeed}: ${outcome.summary.runs - failed.length} of ${runs} runs summarised\n`);
      process.stdout.write(`wrote ${outcome.written.length} files and runs/ to ${outDir}/\n`);
    }
    if (failed.length > 0) {
      const shown = failed.slice(0, 10).map((f) => `  ${f.runId} (seed ${f.seed}): ${f.error}\n`).join('');
      const more = failed.length > 10 ? `  (and ${failed.length - 10} more)\n` : '';
      process.stderr.write(`hashsim: ${failed.length} of ${runs} runs failed (listed in ${join(outDir, 'failed_runs.csv')}):\n${shown}${more}`);
      process.exit(1);
    }
  },
};

/**
 * Test-only: `HASHSIM_TEST_FAIL_REPLICATES=3,7` makes the runs of those replicates throw, so the tests can check
 * how failures are reported. Never set it otherwise.
 */
function testFailReplicates(): number[] | undefined {
  const text = process.env.HASHSIM_TEST_FAIL_REPLICATES;
  if (!text) return undefined;
  return text.split(',').map(Number).filter(Number.isInteger);
}
