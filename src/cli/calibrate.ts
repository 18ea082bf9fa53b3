/**
 * `hashsim calibrate <scenario> --param PATH=PRIOR ... [--window YYYY-MM..YYYY-MM] [--particles N]
 * [--generations G] [--seed S] [--workers auto|K] [--runs-per-particle R] [--out DIR] [--scenario-out FILE]
 * [--keep-uncertainty] [--discrepancy-runs N] [--set path=value ...] [--quiet]`: fits the parameters by ABC-SMC to
 * the observed record (src/calibrate/abc/), measures the calibrated scenario's model discrepancy with a backtest of
 * N runs over the window (calibratedDiscrepancy.ts; 0: none), writes the posterior, its summary, the diagnostics
 * and the calibrated scenario, and resumes from the last finished generation when run again into the same folder.
 */
import type { CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DISCREPANCY_RUNS, measureDiscrepancy } from '../calibrate/abc/calibratedDiscrepancy.ts';
import { calibrateScenario, DEFAULT_RUNS_PER_PARTICLE } from '../calibrate/abc/calibrateScenario.ts';
import { calibratedScenarioText, renderCalibrationFiles, stopReasonText } from '../calibrate/abc/calibrationFiles.ts';
import { CalibrationDateError, calibrationDate } from '../calibrate/abc/calibrationDate.ts';
import { CheckpointError } from '../calibrate/abc/checkpoint.ts';
import { ParameterError } from '../calibrate/abc/parameters.ts';
import { parseParamOption } from '../calibrate/abc/paramOption.ts';
import { PriorError } from '../calibrate/abc/parsePrior.ts';
import { CHECKPOINT_FOLDER, writeCalibration, writeFileAtomically } from '../calibrate/abc/writeCalibration.ts';
import type { FileContent } from '../report/atomicFolder.ts';
import { parseWindow, WindowError } from '../calibrate/abc/window.ts';
import { FolderWriteError } from '../report/atomicFolder.ts';
import { PROGRAM_VERSION } from '../report/version.ts';
import { ScenarioError } from '../scenario/index.ts';
import { calibrateProgress } from './calibrateProgress.ts';
import { checkFlag, checkFolder, checkSets, OptionError, parseSeed, quoteTyped, single, typedValues } from './optionChecks.ts';
import { loadOrExit, printScenarioError, setOption } from './scenarioArgs.ts';

interface CalibrateArgs {
  scenario: string;
  param?: string[];
  window?: string;
  particles?: string;
  generations?: string;
  seed?: string;
  workers?: string;
  'runs-per-particle'?: string;
  out?: string;
  'scenario-out'?: string;
  'keep-uncertainty'?: boolean;
  'discrepancy-runs'?: string;
  set?: string[];
  quiet?: boolean;
}

/** Defaults of the sizes. */
export const CALIBRATE_DEFAULTS = { particles: 200, generations: 6 };

function count(typed: string | null | undefined, name: string, min: number, max: number, fallback: number): number {
  if (typed === undefined) return fallback;
  const v = typed !== null && /^\d{1,9}$/.test(typed) ? Number(typed) : NaN;
  if (!(v >= min && v <= max)) throw new OptionError(`--${name}: expected an integer from ${min} to ${max}, found ${quoteTyped(typed)}`);
  return v;
}

function workersOf(typed: string | null | undefined): number {
  if (typed === undefined || typed === 'auto') return availableParallelism();
  return count(typed, 'workers', 1, 256, 1);
}

/** The command line as typed, quoted for a POSIX shell where needed (for the calibrated scenario's header). */
function commandLine(): string {
  const quote = (a: string) => (/^[A-Za-z0-9_./:=,+-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  return ['hashsim', ...hideBin(process.argv).map(quote)].join(' ');
}

export const calibrateCommand: CommandModule<object, CalibrateArgs> = {
  command: 'calibrate <scenario>',
  describe: 'Fit behaviour parameters to the observed record (to 2021-08) by ABC-SMC; write the posterior, its summary, diagnostics and a calibrated scenario',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('param', { type: 'string', array: true, requiresArg: true, describe: 'a parameter and its prior, PATH=PRIOR (repeatable), e.g. behaviour.hideProbability=uniform(0.02,0.3); priors: uniform(min,max), normal(mean,sd), lognormal(median,sigma), triangular(min,mode,max) or {dist: ..., ...}' })
      .option('window', { type: 'string', describe: "months compared, YYYY-MM..YYYY-MM, never past 2021-08 (default: the scenario's start to 2021-08)" })
      .option('particles', { type: 'string', describe: `particles per generation (default ${CALIBRATE_DEFAULTS.particles})` })
      .option('generations', { type: 'string', describe: `generations, the prior sample included (default ${CALIBRATE_DEFAULTS.generations})` })
      .option('seed', { type: 'string', describe: "master seed (default: the scenario's seed)" })
      .option('workers', { type: 'string', describe: 'worker threads: auto (one per core, the default) or a number; the result does not depend on it' })
      .option('runs-per-particle', { type: 'string', describe: `runs per particle, scored on their median (default ${DEFAULT_RUNS_PER_PARTICLE})` })
      .option('out', { type: 'string', describe: 'output folder, also holding the checkpoints a rerun resumes from; default results/<scenario name>-calibration/' })
      .option('scenario-out', { type: 'string', describe: 'also write the calibrated scenario to this file (its extends path relative to it)' })
      .option('keep-uncertainty', { type: 'boolean', default: false, describe: 'write the posterior as fitted distributions (drawn per run) instead of medians' })
      .option('discrepancy-runs', { type: 'string', describe: `runs of the backtest that measures the calibrated scenario's model discrepancy, written into it (0: none; default ${DEFAULT_DISCREPANCY_RUNS})` })
      .option('set', setOption)
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
      .check(() => {
        const typed = hideBin(process.argv);
        const params = typedValues(typed, 'param', true);
        if (params.length === 0) throw new OptionError('--param: expected at least one PATH=PRIOR, e.g. --param behaviour.hideProbability=uniform(0.02,0.3)');
        for (const p of params) {
          if (p === null) throw new OptionError('--param: expected PATH=PRIOR, found nothing');
          try {
            parseParamOption(p);
          } catch (e) {
            if (e instanceof PriorError) throw new OptionError(e.message);
            throw e;
          }
        }
        const window = single(typed, 'window', 'window');
        if (window !== undefined) {
          try {
            parseWindow(window ?? '');
          } catch (e) {
            if (e instanceof WindowError) throw new OptionError(e.message);
            throw e;
          }
        }
        count(single(typed, 'particles', 'number'), 'particles', 2, 1_000_000, 0);
        count(single(typed, 'generations', 'number'), 'generations', 1, 1000, 0);
        count(single(typed, 'runs-per-particle', 'number'), 'runs-per-particle', 1, 10_000, 0);
        count(single(typed, 'discrepancy-runs', 'number'), 'discrepancy-runs', 0, 1_000_000, 0);
        workersOf(single(typed, 'workers', 'number of workers'));
        const seed = single(typed, 'seed', 'seed');
        if (seed !== undefined) parseSeed(seed);
        if (typedValues(typed, 'out', true).length > 0) checkFolder(typed, 'out');
        const scenarioOut = single(typed, 'scenario-out', 'file');
        if (scenarioOut === null || scenarioOut === '') throw new OptionError(`--scenario-out: expected a file, found ${quoteTyped(scenarioOut ?? null)}`);
        checkFlag(typed, 'keep-uncertainty');
        checkFlag(typed, 'quiet');
        checkSets(typed);
        return true;
      }) as never,
  handler: async (argv) => {
    const sets = argv.set ?? [];
    const resolved = loadOrExit(argv.scenario, sets);
    const generations = count(argv.generations, 'generations', 1, 1000, CALIBRATE_DEFAULTS.generations);
    const outDir = argv.out ?? join('results', `${resolved.name}-calibration`);
    const progress = calibrateProgress(generations, !argv.quiet);
    const started = Date.now();
    try {
      const date = calibrationDate(process.env, new Date()); // before any work: a bad SOURCE_DATE_EPOCH is bad input
      const result = await calibrateScenario({
        scenarioFile: argv.scenario,
        sets,
        parameters: (argv.param ?? []).map(parseParamOption),
        window: argv.window === undefined ? undefined : parseWindow(argv.window),
        particles: count(argv.particles, 'particles', 2, 1_000_000, CALIBRATE_DEFAULTS.particles),
        generations,
        seed: argv.seed === undefined ? resolved.defaultSeed : parseSeed(argv.seed),
        workers: workersOf(argv.workers),
        runsPerParticle: count(argv['runs-per-particle'], 'runs-per-particle', 1, 10_000, DEFAULT_RUNS_PER_PARTICLE),
        checkpointDir: join(outDir, CHECKPOINT_FOLDER),
        onRound: progress.onRound,
        onGeneration: progress.onGeneration,
      });
      progress.done();
      const base = {
        result,
        sets,
        keepUncertainty: argv['keep-uncertainty'] === true,
        command: commandLine(),
        date,
        version: PROGRAM_VERSION,
        outDir,
      };
      const discrepancyRuns = count(argv['discrepancy-runs'], 'discrepancy-runs', 0, 1_000_000, DEFAULT_DISCREPANCY_RUNS);
      if (discrepancyRuns > 0 && !argv.quiet) process.stderr.write(`hashsim: measuring the calibrated scenario's model discrepancy (backtest of ${discrepancyRuns} runs over the window)\n`);
      const discrepancy = discrepancyRuns > 0 ? await measureDiscrepancy(result, (path) => calibratedScenarioText(base, path), discrepancyRuns, workersOf(argv.workers)) : undefined;
      const input = { ...base, discrepancy };
      const files = renderCalibrationFiles(input);
      // Its charts (posterior per parameter, pairs: src/report/charts/) and report.html, in the same set.
      const set = new Map<string, FileContent>(files);
      const { chartSet } = await import('../report/charts/writeCharts.ts');
      for (const [name, content] of await chartSet(outDir, files)) set.set(name, content);
      const written = writeCalibration(outDir, set);
      const scenarioOut = argv['scenario-out'];
      if (scenarioOut) {
        try {
          writeFileAtomically(scenarioOut, calibratedScenarioText(input, scenarioOut));
        } catch (e) {
          process.stderr.write(`hashsim: cannot write the calibrated scenario to ${scenarioOut}: ${e instanceof Error ? e.message : String(e)}\n`);
          process.exit(2);
        }
      }
      if (!argv.quiet) {
        process.stdout.write(files.get('summary.md')!);
        const seconds = (Date.now() - started) / 1000;
        process.stdout.write(`\n${stopReasonText(result)}; ${seconds.toFixed(1)} s; particles simulated in ${result.evaluatedIn}\nwrote ${written.length} files to ${outDir}/${scenarioOut ? ` and ${scenarioOut}` : ''}\n`);
      }
    } catch (e) {
      progress.done();
      if (e instanceof ScenarioError) {
        printScenarioError(e);
        process.exit(2);
      }
      if (e instanceof ParameterError) {
        process.stderr.write(`${e.message.split('\n').map((l) => `hashsim: ${l}`).join('\n')}\n`);
        process.exit(2);
      }
      if (e instanceof PriorError || e instanceof WindowError || e instanceof CheckpointError || e instanceof FolderWriteError || e instanceof CalibrationDateError) {
        process.stderr.write(`hashsim: ${e.message}\n`);
        process.exit(2);
      }
      throw e;
    }
  },
};
