/**
 * `hashsim sweep <scenario> --param PATH=VALUES ... [--runs N] [--design factorial|lhs --points P] [--seed S]
 * [--out DIR] [--workers auto|K] [--shard i/N | --shards N] [--event-dates shift|fixed] [--metric-month M]`:
 * parses the parameters, designs the points, checks every point against the scenario, then runs (or resumes)
 * the sweep or one shard of it and prints where the results are. The work is in src/ensemble/.
 */
import type { CommandModule } from 'yargs';
import { join } from 'node:path';
import { resolveWorkers } from '../ensemble/executeRuns.ts';
import { runJob } from '../ensemble/jobRun.ts';
import { resolveShard, shardText } from '../ensemble/shard.ts';
import { sweepJob } from '../ensemble/sweepJob.ts';
import { jobProgress } from './jobProgress.ts';
import { exitOnJobError, parseCount, parseWorkers } from './jobArgs.ts';
import { loadOrExit, setOption } from './scenarioArgs.ts';

interface SweepArgs {
  scenario: string;
  param?: string[];
  runs: string;
  design: string;
  points?: string;
  seed?: string;
  out?: string;
  set?: string[];
  workers: string;
  shard?: string;
  shards?: string;
  'event-dates': string;
  'metric-month'?: string;
  quiet?: boolean;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <scenario>',
  describe: 'Run a scenario over a grid or Latin hypercube of parameter values (points.csv, per-point summaries); resumable, shardable',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('param', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe: 'PATH=VALUES (repeatable): a list a,b,c; a range 0.02..0.08:7; months 2021-04..2021-12; dates 2021-04-20..2021-12-20[:7d]',
      })
      .option('runs', { type: 'string', default: '10', describe: 'runs per point' })
      .option('design', { type: 'string', default: 'factorial', choices: ['factorial', 'lhs'], describe: 'every combination, or a Latin hypercube of --points points' })
      .option('points', { type: 'string', describe: 'points of a Latin hypercube (--design lhs)' })
      .option('seed', { type: 'string', describe: "master seed (an integer >= 0); default: the scenario's seed" })
      .option('out', { type: 'string', describe: 'output folder; default results/<scenario name>-sweep/' })
      .option('set', setOption)
      .option('workers', { type: 'string', default: 'auto', describe: 'worker threads: auto (one per core) or a number' })
      .option('shard', { type: 'string', describe: 'run only shard i of N (i from 0), e.g. 0/3; default from SLURM_ARRAY_TASK_ID/COUNT' })
      .option('shards', { type: 'string', describe: 'number of shards, with JOB_COMPLETION_INDEX (Kubernetes Indexed Job)' })
      .option('event-dates', { type: 'string', default: 'shift', choices: ['shift', 'fixed'], describe: "a swept event date moves the event's other dates with it (shift) or alone (fixed)" })
      .option('metric-month', { type: 'string', describe: "month of points.csv's China share (YYYY-MM); default the scenario's last month" })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' }) as never,
  handler: async (argv) => {
    await exitOnJobError(async () => {
      const resolved = loadOrExit(argv.scenario, argv.set ?? []);
      const masterSeed = argv.seed === undefined ? resolved.defaultSeed : parseCount(argv.seed, '--seed', 0);
      const job = sweepJob(resolved, {
        params: (argv.param ?? []).map(String),
        design: argv.design === 'lhs' ? 'lhs' : 'factorial',
        points: argv.points === undefined ? undefined : parseCount(argv.points, '--points', 1),
        runsPerPoint: parseCount(argv.runs, '--runs', 1),
        masterSeed,
        eventDates: argv['event-dates'] === 'fixed' ? 'fixed' : 'shift',
        metricMonth: argv['metric-month'],
      });
      const shard = resolveShard({ shard: argv.shard, shards: argv.shards === undefined ? undefined : parseCount(argv.shards, '--shards', 1), env: process.env });
      const total = job.points.length * job.runsPerPoint;
      const outDir = argv.out ?? join('results', `${resolved.name}-sweep`);
      const progress = jobProgress(`${resolved.name} sweep`, !argv.quiet);
      const result = await runJob(job, {
        outDir,
        shard,
        workers: resolveWorkers(parseWorkers(argv.workers), Math.max(1, total)),
        onProgress: progress.update,
        onPlan: (plan) => {
          if (argv.quiet) return;
          const part = shard.count === 1 ? '' : `, shard ${shardText(shard)} (${plan.shardRuns} runs)`;
          process.stderr.write(`${resolved.name}: ${job.points.length} points x ${job.runsPerPoint} runs = ${total} runs${part}; ${plan.done} already done, ${plan.toRun} to run\n`);
        },
      });
      progress.done();
      if (result.summaries) {
        // Each metric against each swept parameter (src/report/charts/), and report.html.
        const { writeCharts } = await import('../report/charts/writeCharts.ts');
        await writeCharts(result.folder);
      }
      if (!argv.quiet) {
        if (result.summaries) process.stdout.write(`wrote points.csv, summaries and points/ to ${result.folder}/\n`);
        else process.stdout.write(`wrote shard ${shardText(shard)} to ${result.folder}/; once every shard is done: hashsim merge ${outDir}\n`);
      }
      if (result.failures.length > 0) {
        const list = result.failures.slice(0, 20).map((f) => `  ${f.runId} (seed ${f.seed}): ${f.error}`);
        process.stderr.write(`hashsim sweep: ${result.failures.length} run${result.failures.length === 1 ? '' : 's'} failed:\n${list.join('\n')}\n`);
        process.exit(1);
      }
    });
  },
};
