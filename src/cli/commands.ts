/**
 * The commands of `hashsim`, one line each: the command and the description `hashsim --help` lists, and the
 * module that implements it, imported only when that command runs. So `hashsim --help` loads yargs and this list,
 * and `hashsim run` loads what run needs and nothing of sweep, report, charts or Parquet (main.ts). A test
 * (test/cli/commands.test.ts) checks that each line's command and description are those of its module.
 */
import type { CommandModule } from 'yargs';

/** A command listed by name and description; its module (a yargs `CommandModule`) is loaded on demand. */
export interface LazyCommand {
  /** The yargs command, exactly as in its module (`'run <scenario>'`). */
  command: string;
  /** What `hashsim --help` says about it, exactly as in its module. */
  describe: string;
  /** Imports the command's module (a dynamic import: the bundle makes it a chunk of its own). */
  load: () => Promise<CommandModule<any, any>>;
}

// To add a command: one line here, `load` returning the CommandModule its file exports.
export const COMMANDS: readonly LazyCommand[] = [
  { command: 'run <scenario>', describe: 'Simulate a scenario and write its outputs (countries.csv, regions.csv, network.csv, flows.csv, events.jsonl, manifest.json)', load: async () => (await import('./run.ts')).runCommand },
  { command: 'validate <scenario...>', describe: 'Check scenario files and print every problem (file:line:column path: expected ..., found ...)', load: async () => (await import('./validate.ts')).validateCommand },
  { command: 'explain <scenario>', describe: 'Print the resolved scenario with the origin of every value', load: async () => (await import('./explain.ts')).explainCommand },
  { command: 'report <dir>', describe: 'Build the charts (SVG, PNG, Vega-Lite spec) and report.html of a results folder', load: async () => (await import('./report.ts')).reportCommand },
  { command: 'compare <a> <b>', describe: 'Compare two results folders (runs or ensembles), A minus B: CSV, charts and report.html', load: async () => (await import('./compare.ts')).compareCommand },
  { command: 'backtest <scenario>', describe: "Score a scenario's ensemble and three baselines (persistence, trend, random walk) against the observed record (to 2021-08); writes backtest.csv, metrics.csv, backtest.md", load: async () => (await import('./backtest.ts')).backtestCommand },
  { command: 'ensemble <scenario>', describe: 'Run a scenario many times with seeds derived from --seed, on worker threads; write per-run Parquet files and summaries (mean, percentiles)', load: async () => (await import('./ensemble.ts')).ensembleCommand },
  { command: 'calibrate <scenario>', describe: 'Fit behaviour parameters to the observed record (to 2021-08) by ABC-SMC; write the posterior, its summary, diagnostics and a calibrated scenario', load: async () => (await import('./calibrate.ts')).calibrateCommand },
  { command: 'sweep <scenario>', describe: 'Run a scenario over a grid or Latin hypercube of parameter values (points.csv, per-point summaries); resumable, shardable', load: async () => (await import('./sweep.ts')).sweepCommand },
  { command: 'merge <dirs...>', describe: "Merge the shards of an ensemble or sweep (a job folder, or its shard-i-of-N folders) into one machine's summaries", load: async () => (await import('./merge.ts')).mergeCommand },
];

/** The name of a command (`'run'` for `'run <scenario>'`). */
export function commandName(c: Pick<LazyCommand, 'command'>): string {
  return c.command.split(' ')[0];
}

/**
 * The commands to give yargs for these arguments: the one named by the first argument that is not an option,
 * loaded from its module (its options, checks and handler), and every other one as a stand-in with its name and
 * description only (enough for `--help` and for yargs to know the command exists).
 * @example await commandsFor(['--help']) // stand-ins only, nothing loaded
 */
export async function commandsFor(args: readonly string[], commands: readonly LazyCommand[] = COMMANDS): Promise<CommandModule<any, any>[]> {
  const first = args.find((a) => !a.startsWith('-'));
  return Promise.all(
    commands.map(async (c) =>
      commandName(c) === first ? c.load() : { command: c.command, describe: c.describe, builder: {}, handler: () => {} },
    ),
  );
}
