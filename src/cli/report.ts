/**
 * `hashsim report <dir>`: (re)builds the charts of a results folder (charts/<name>.svg, .png, .vl.json) and its
 * report.html, from whatever files the folder holds (run, ensemble, sweep, backtest, calibrate or compare).
 */
import type { CommandModule } from 'yargs';

interface ReportArgs {
  dir: string;
  quiet?: boolean;
  imagesOnly?: boolean;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <dir>',
  describe: 'Build the charts (SVG, PNG, Vega-Lite spec) and report.html of a results folder',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'results folder (e.g. results/china-2021)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
      // What `run` starts in the background: draw the SVG and PNG of the specs already in <dir>/charts/.
      .option('images-only', { type: 'boolean', default: false, hidden: true }) as never,
  handler: async (argv) => {
    const { writeCharts, drawFolderImages, ResultsError } = await import('../report/charts/index.ts');
    if (argv.imagesOnly) {
      await drawFolderImages(argv.dir);
      return;
    }
    const { FolderWriteError } = await import('../report/atomicFolder.ts');
    try {
      const written = await writeCharts(argv.dir);
      if (!argv.quiet) process.stdout.write(`wrote ${written.length} files to ${argv.dir}/ (open ${argv.dir}/report.html)\n`);
    } catch (e) {
      if (e instanceof ResultsError) {
        process.stderr.write(`hashsim: ${e.message}\n`);
        process.exit(2);
      }
      if (e instanceof FolderWriteError) {
        process.stderr.write(`hashsim: cannot write the charts to ${argv.dir}: ${e.message}\n`);
        process.exit(2);
      }
      throw e;
    }
  },
};
