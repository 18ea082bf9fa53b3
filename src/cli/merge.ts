/**
 * `hashsim merge <dir...> [--out DIR] [--metric-month M]`: brings the shards of an ensemble or sweep together.
 * Checks that the folders hold one job and every run of it exactly once (else lists what is missing or doubled,
 * exit 2), then writes the summaries one machine would have written. The work is in src/ensemble/merge.ts.
 */
import type { CommandModule } from 'yargs';
import { mergeJob, mergeOutDir } from '../ensemble/merge.ts';
import { SweepArgError } from '../ensemble/sweepValues.ts';
import { exitOnJobError } from './jobArgs.ts';

interface MergeArgs {
  dirs: string[];
  out?: string;
  'metric-month'?: string;
  quiet?: boolean;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <dirs...>',
  describe: "Merge the shards of an ensemble or sweep (a job folder, or its shard-i-of-N folders) into one machine's summaries",
  builder: (y) =>
    y
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'the job folder (holding shard-*-of-*/), or shard folders' })
      .option('out', { type: 'string', describe: 'where the summaries go; default: the one folder given, or the shard folders\' parent' })
      .option('metric-month', { type: 'string', describe: "sweeps: month of points.csv's China share (YYYY-MM); default the sweep's own" })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' }) as never,
  handler: async (argv) => {
    await exitOnJobError(async () => {
      const dirs = argv.dirs.map(String);
      const outDir = argv.out ?? mergeOutDir(dirs);
      if (outDir === undefined) throw new SweepArgError('--out: the folders have different parents; say where the summaries go with --out DIR');
      const month = argv['metric-month'];
      if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new SweepArgError(`--metric-month: expected a month YYYY-MM, found ${JSON.stringify(month)}`);
      const result = await mergeJob(dirs, outDir, { metricMonth: month });
      // The merged folder's charts (fan charts, or the sweep's metrics) and report.html.
      const { writeCharts } = await import('../report/charts/writeCharts.ts');
      await writeCharts(outDir);
      if (!argv.quiet) {
        process.stdout.write(`merged ${result.folders.length} folder${result.folders.length === 1 ? '' : 's'}: ${result.runs} runs of ${result.job.scenario} (${result.job.command}); wrote ${result.written.length} files to ${outDir}/\n`);
      }
      if (result.failed.length > 0) {
        const list = result.failed.slice(0, 20).map((f) => `  ${f.runId}: ${f.error}`);
        process.stderr.write(`hashsim merge: ${result.failed.length} run${result.failed.length === 1 ? '' : 's'} failed (listed in failed_runs.csv):\n${list.join('\n')}\n`);
        process.exit(1);
      }
    });
  },
};
