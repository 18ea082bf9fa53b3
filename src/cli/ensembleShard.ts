/**
 * `hashsim ensemble --shard i/N` (or a Slurm array task, or a Kubernetes Indexed Job pod): runs one shard of the
 * ensemble into `OUT/shard-<i>-of-<N>/` (job.json and the shard's per-run files; no summaries), resumably, through
 * src/ensemble/jobRun.ts. `hashsim merge OUT` then writes the summaries of the whole ensemble.
 */
import type { ResolvedScenario } from '../scenario/index.ts';
import { runJob } from '../ensemble/jobRun.ts';
import { resolveShard, shardText } from '../ensemble/shard.ts';
import { ensembleJobManifest } from '../ensemble/sweepJob.ts';
import { exitOnJobError, parseCount } from './jobArgs.ts';
import { jobProgress } from './jobProgress.ts';

/** What the ensemble command passes. */
export interface EnsembleShardInputs {
  resolved: ResolvedScenario;
  runs: number;
  masterSeed: number;
  workers: number;
  outDir: string;
  quiet: boolean;
  /** `--shard` and `--shards` as typed. */
  shard?: string;
  shards?: string;
}

/**
 * Runs the shard asked for (by `--shard`, `--shards` with JOB_COMPLETION_INDEX, or a Slurm array) and returns
 * true; returns false when the whole ensemble is asked for (the command then runs it itself). Bad shard input:
 * message on stderr, exit 2; failed runs: named on stderr, exit 1.
 * @example if (await runEnsembleShard({resolved, runs, masterSeed, workers, outDir, quiet, shard: argv.shard, shards: argv.shards})) return;
 */
export async function runEnsembleShard(inputs: EnsembleShardInputs): Promise<boolean> {
  let handled = false;
  await exitOnJobError(async () => {
    const shard = resolveShard({ shard: inputs.shard, shards: inputs.shards === undefined ? undefined : parseCount(inputs.shards, '--shards', 1), env: process.env });
    if (shard.count === 1) return;
    handled = true;
    const { resolved } = inputs;
    const progress = jobProgress(`${resolved.name} shard ${shardText(shard)}`, !inputs.quiet);
    const result = await runJob(ensembleJobManifest(resolved, inputs.runs, inputs.masterSeed), {
      outDir: inputs.outDir,
      shard,
      workers: inputs.workers,
      onProgress: progress.update,
      onPlan: (plan) => {
        if (!inputs.quiet) process.stderr.write(`${resolved.name}: shard ${shardText(shard)} of ${inputs.runs} runs: ${plan.shardRuns} runs, ${plan.done} already done, ${plan.toRun} to run\n`);
      },
    });
    progress.done();
    if (!inputs.quiet) process.stdout.write(`wrote shard ${shardText(shard)} to ${result.folder}/; once every shard is done: hashsim merge ${inputs.outDir}\n`);
    if (result.failures.length > 0) {
      const list = result.failures.slice(0, 10).map((f) => `  ${f.runId} (seed ${f.seed}): ${f.error}`);
      process.stderr.write(`hashsim: ${result.failures.length} run${result.failures.length === 1 ? '' : 's'} of shard ${shardText(shard)} failed:\n${list.join('\n')}\n`);
      process.exit(1);
    }
  });
  return handled;
}
