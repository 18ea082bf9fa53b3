/**
 * `hashsim compare <A> <B> [--out DIR]`: what a counterfactual changed, A minus B, month by month and per country
 * (hashrate, share, energy, CO2, with bands when the sides are ensembles), cumulative totals and the flows that
 * differ; CSV files, charts and report.html in one folder.
 */
import type { CommandModule } from 'yargs';
import { basename, join, resolve } from 'node:path';

interface CompareArgs {
  a: string;
  b: string;
  out?: string;
  quiet?: boolean;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <a> <b>',
  describe: 'Compare two results folders (runs or ensembles), A minus B: CSV, charts and report.html',
  builder: (y) =>
    y
      .positional('a', { type: 'string', demandOption: true, describe: 'results folder A (e.g. results/china-2021)' })
      .positional('b', { type: 'string', demandOption: true, describe: 'results folder B (e.g. results/no-ban)' })
      .option('out', { type: 'string', describe: 'output folder; default results/compare-<A>-vs-<B>/' })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' }) as never,
  handler: async (argv) => {
    const { writeComparison } = await import('../report/compare/compareResults.ts');
    const { ResultsError } = await import('../report/charts/resultsError.ts');
    const { FolderWriteError } = await import('../report/atomicFolder.ts');
    const name = (dir: string) => basename(resolve(dir));
    const outDir = argv.out ?? join('results', `compare-${name(argv.a)}-vs-${name(argv.b)}`);
    try {
      const written = await writeComparison(argv.a, argv.b, outDir);
      if (!argv.quiet) process.stdout.write(`wrote ${written.length} files to ${outDir}/ (open ${join(outDir, 'report.html')})\n`);
    } catch (e) {
      if (e instanceof ResultsError) {
        process.stderr.write(`hashsim: ${e.message}\n`);
        process.exit(2);
      }
      if (e instanceof FolderWriteError) {
        process.stderr.write(`hashsim: cannot write the comparison to ${outDir}: ${e.message}\n`);
        process.exit(2);
      }
      throw e;
    }
  },
};
