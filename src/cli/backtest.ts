/**
 * `hashsim backtest <scenario> [--runs N] [--seed S] [--from YYYY-MM] [--to YYYY-MM] [--origin YYYY-MM]
 * [--view raw|map|both] [--workers K|auto] [--out DIR] [--set path=value ...] [--quiet]`: runs the scenario's ensemble, scores it
 * and three baselines against the observed record (src/calibrate/backtest.ts), writes backtest.csv,
 * metrics.csv and backtest.md, and prints the tables.
 */
import type { CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { backtest } from '../calibrate/backtest.ts';
import { ensembleRunSource } from '../calibrate/ensembleRunSource.ts';
import { resolveWorkers } from '../ensemble/executeRuns.ts';
import { backtestMarkdown, renderBacktest } from '../calibrate/backtestReport.ts';
import { BacktestInputError } from '../calibrate/window.ts';
import { parseMonth } from '../engine/calendar.ts';
import { writeOutputs } from '../report/index.ts';
import type { FileContent } from '../report/atomicFolder.ts';
import { ScenarioError } from '../scenario/index.ts';
import { checkFlag, checkFolder, checkSets, OptionError, parseSeed, quoteTyped, single, typedValues } from './optionChecks.ts';
import { loadOrExit, printScenarioError, setOption } from './scenarioArgs.ts';

interface BacktestArgs {
  scenario: string;
  runs?: string;
  seed?: string;
  from?: string;
  to?: string;
  origin?: string;
  view?: string;
  workers?: string;
  out?: string;
  set?: string[];
  quiet?: boolean;
}

/** Largest --runs. */
export const MAX_RUNS = 100_000;

function parseRuns(typed: string | null): number {
  const v = typed !== null && /^\d{1,6}$/.test(typed) ? Number(typed) : NaN;
  if (!(v >= 1 && v <= MAX_RUNS)) throw new OptionError(`--runs: expected an integer from 1 to ${MAX_RUNS}, found ${quoteTyped(typed)}`);
  return v;
}

function parseMonthOption(name: string, typed: string | null): number {
  const m = typed !== null && /^\d{4}-\d{2}$/.test(typed) ? parseMonth(typed) : undefined;
  if (m === undefined) throw new OptionError(`--${name}: expected a month YYYY-MM, found ${quoteTyped(typed)}`);
  return m;
}

const VIEWS = ['raw', 'map', 'both'];

/** `--workers`: `auto` (the machine's cores) or an integer >= 0 (0: in this thread). */
function parseWorkers(typed: string | null): 'auto' | number {
  if (typed === 'auto') return 'auto';
  const v = typed !== null && /^\d{1,4}$/.test(typed) ? Number(typed) : NaN;
  if (!(v >= 0 && v <= 1024)) throw new OptionError(`--workers: expected auto or an integer from 0 to 1024, found ${quoteTyped(typed)}`);
  return v;
}

/** A progress bar over runs on stderr (terminals only). */
function runProgress(label: string, enabled: boolean) {
  if (!enabled || !process.stderr.isTTY) return { onRun: undefined, done: () => {} };
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: `${label} [{bar}] {value}/{total} runs`, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    onRun: (done: number, total: number) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    done: () => {
      if (started) bar.stop();
    },
  };
}

/** Keeps only the tables of one view in the printed report. */
function onlyView(markdown: string, view: string): string {
  if (view === 'both') return markdown;
  const drop = view === 'raw' ? '## Country shares, map view' : '## Country shares, raw view';
  return markdown.replace(new RegExp(`${drop}[\\s\\S]*?\\n(?=## )`), '');
}

export const backtestCommand: CommandModule<object, BacktestArgs> = {
  command: 'backtest <scenario>',
  describe: 'Score a scenario\'s ensemble and three baselines (persistence, trend, random walk) against the observed record (to 2021-08); writes backtest.csv, metrics.csv, backtest.md',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('runs', { type: 'string', describe: 'runs in the ensemble (default 100)' })
      .option('seed', { type: 'string', describe: "master seed of the ensemble and of the random walk (default: the scenario's seed)" })
      .option('from', { type: 'string', describe: "first month of the window, YYYY-MM (default: the scenario's start, or the origin)" })
      .option('to', { type: 'string', describe: "last scored month, YYYY-MM (default: the scenario's end or 2021-08, whichever is earlier)" })
      .option('origin', { type: 'string', describe: 'forecast origin, YYYY-MM: score the months after it (default: a replay of the whole window)' })
      .option('view', { type: 'string', describe: 'share tables to print: raw (simulated), map (through the observation model) or both (default); the files always hold both' })
      .option('workers', { type: 'string', describe: 'run the ensemble on K worker threads (auto: one per core) through the ensemble runner; default: in this process, one run after another (same results)' })
      .option('out', { type: 'string', describe: 'output folder; default results/<scenario name>-backtest/' })
      .option('set', setOption)
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
      .check(() => {
        const typed = hideBin(process.argv);
        const runs = single(typed, 'runs', 'number of runs');
        if (runs !== undefined) parseRuns(runs);
        const seed = single(typed, 'seed', 'seed');
        if (seed !== undefined) parseSeed(seed);
        for (const name of ['from', 'to', 'origin']) {
          const v = single(typed, name, 'month');
          if (v !== undefined) parseMonthOption(name, v);
        }
        const view = single(typed, 'view', 'view');
        if (view !== undefined && (view === null || !VIEWS.includes(view))) throw new OptionError(`--view: expected raw, map or both, found ${quoteTyped(view)}`);
        const workers = single(typed, 'workers', 'number of workers');
        if (workers !== undefined) parseWorkers(workers);
        if (typedValues(typed, 'out', true).length > 0) checkFolder(typed, 'out');
        checkFlag(typed, 'quiet');
        checkSets(typed);
        return true;
      }) as never,
  handler: async (argv) => {
    const resolved = loadOrExit(argv.scenario, argv.set ?? []);
    const month = (name: 'from' | 'to' | 'origin') => (argv[name] === undefined ? undefined : parseMonthOption(name, String(argv[name])));
    const masterSeed = argv.seed === undefined ? resolved.defaultSeed : parseSeed(String(argv.seed));
    const runs = argv.runs === undefined ? 100 : parseRuns(String(argv.runs));
    const workers = argv.workers === undefined ? undefined : parseWorkers(String(argv.workers));
    const runSource = workers === undefined ? undefined : ensembleRunSource(resolved, masterSeed, resolveWorkers(workers, runs));
    const progress = runProgress(`${resolved.name} backtest`, !argv.quiet);
    let result;
    try {
      result = await backtest(resolved, { runs, masterSeed, from: month('from'), to: month('to'), origin: month('origin'), onRun: progress.onRun, runSource });
    } catch (e) {
      progress.done();
      if (e instanceof BacktestInputError) {
        process.stderr.write(`hashsim: ${e.message}\n`);
        process.exit(2);
      }
      if (e instanceof ScenarioError) {
        printScenarioError(e);
        process.exit(2);
      }
      throw e;
    }
    progress.done();
    const command = `hashsim backtest ${hideBin(process.argv).slice(1).join(' ')}`;
    const outDir = argv.out ?? join('results', `${resolved.name}-backtest`);
    const outputs = renderBacktest(result, command);
    // Its charts (src/report/charts/) and report.html, written in the same set.
    const files = new Map<string, FileContent>(outputs);
    const { chartSet } = await import('../report/charts/writeCharts.ts');
    for (const [name, content] of await chartSet(outDir, outputs)) files.set(name, content);
    try {
      writeOutputs(outDir, files);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      process.stderr.write(`hashsim: cannot write the outputs to ${outDir}: ${reason}\n`);
      process.exit(2);
    }
    if (!argv.quiet) {
      process.stdout.write(onlyView(backtestMarkdown(result, command), argv.view ?? 'both'));
      process.stdout.write(`\nwrote ${outputs.size} files to ${outDir}/, with charts/ and report.html\n`);
    }
  },
};
