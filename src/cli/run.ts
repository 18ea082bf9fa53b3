/**
 * `hashsim run <scenario> [--seed N] [--out DIR] [--set path=value ...]`: compiles the scenario, simulates
 * it, writes the output files (through temporary names) and prints the summary table.
 */
import type { CommandModule } from 'yargs';
import { join } from 'node:path';
import { FolderWriteError, renderOutputs, summaryTable, writeOutputs } from '../report/index.ts';
import type { FileContent } from '../report/atomicFolder.ts';
import { runScenario } from '../run/index.ts';
import { hideBin } from 'yargs/helpers';
import { checkFlag, checkFolder, checkSets, parseSeed, single, typedValues } from './optionChecks.ts';
import { loadOrExit, orExit, setOption } from './scenarioArgs.ts';
import { monthProgress } from './progress.ts';

interface RunArgs {
  scenario: string;
  seed?: string;
  out?: string;
  set?: string[];
  quiet?: boolean;
  charts?: 'background' | 'wait' | 'none';
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <scenario>',
  describe: 'Simulate a scenario and write its outputs (countries.csv, regions.csv, network.csv, flows.csv, events.jsonl, manifest.json)',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('seed', { type: 'string', describe: "run seed (an integer from 0 to 2^53 - 1); default: the scenario's seed" })
      .option('out', { type: 'string', describe: 'output folder; default results/<scenario name>/' })
      .option('set', setOption)
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
      .option('charts', {
        choices: ['background', 'wait', 'none'] as const,
        default: 'background' as const,
        describe: 'charts/ and report.html: SVG and PNG drawn in the background after the run (default), before it ends (wait), or no charts (none)',
      })
      .check(() => {
        // Every option as typed, before any work (yargs would read `--seed abc` as NaN, `--quiet=maybe` as false).
        const typed = hideBin(process.argv);
        const seed = single(typed, 'seed', 'seed');
        if (seed !== undefined) parseSeed(seed);
        if (typedValues(typed, 'out', true).length > 0) checkFolder(typed, 'out');
        checkFlag(typed, 'quiet');
        checkSets(typed);
        return true;
      }) as never,
  handler: async (argv) => {
    const resolved = loadOrExit(argv.scenario, argv.set ?? []);
    const seed = argv.seed === undefined ? resolved.defaultSeed : parseSeed(argv.seed);
    const progress = monthProgress(resolved.name, !argv.quiet);
    const { trajectory } = orExit(() => runScenario(resolved, seed, { onMonth: progress.onMonth }));
    progress.done();
    const outDir = argv.out ?? join('results', resolved.name);
    const outputs = renderOutputs(trajectory, resolved);
    const files = new Map<string, FileContent>(outputs);
    const charts = argv.charts ?? 'background';
    const chartsModule = charts === 'none' ? undefined : await import('../report/charts/writeCharts.ts');
    if (chartsModule) for (const [name, content] of await chartsModule.chartSet(outDir, outputs, { images: charts === 'wait' })) files.set(name, content);
    try {
      writeOutputs(outDir, files);
    } catch (e) {
      if (!(e instanceof FolderWriteError)) throw e; // a bug: main.ts reports it as an internal error (exit 1)
      process.stderr.write(`hashsim: cannot write the outputs to ${outDir}: ${e.message}\n`);
      process.exit(2);
    }
    if (charts === 'background') chartsModule?.drawImagesInBackground(outDir);
    if (!argv.quiet) {
      process.stdout.write(`${resolved.name}, seed ${seed}: country shares of hashing hashrate\n\n`);
      process.stdout.write(summaryTable(trajectory));
      process.stdout.write(`\nwrote ${outputs.size} files to ${outDir}/\n`);
      if (chartsModule) {
        const images = charts === 'wait' ? 'with' : 'SVG and PNG being drawn in the background into';
        process.stdout.write(`report: ${join(outDir, 'report.html')} (charts ${images} ${join(outDir, 'charts')}/)\n`);
      }
    }
  },
};
