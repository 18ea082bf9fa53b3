/**
 * A scenario calibration from start to finish: load and check the scenario and the parameters, choose the window
 * and the target (the real record by default), run ABC-SMC on a pool of workers (or in this thread), write a
 * checkpoint after every generation, and resume from the checkpoints already there.
 */
import { cpus } from 'node:os';
import { parseMonth } from '../../engine/calendar.ts';
import { canonicalHash } from '../../scenario/index.ts';
import { abcSmc, ABC_DEFAULTS, type AbcHooks, type AbcOptions, type AbcProblem, type Population, type StopReason } from './abcSmc.ts';
import { checkSameModel, readCheckpoints, writeCheckpoint } from './checkpoint.ts';
import { inProcessEvaluator, particleWorkerEntry, poolEvaluator, type ClosableEvaluator } from './evaluators.ts';
import type { KernelKind } from './kernels.ts';
import { withinBounds, type ParameterSpec, type ScenarioParameter } from './parameters.ts';
import { ParticleSimulator, type CalibrationSetup } from './particleSimulator.ts';
import { formatPrior } from './priors.ts';
import { observedTarget, type Target } from './target.ts';
import { formatWindow, windowFor, type Window } from './window.ts';
import type { ResolvedScenario } from '../../scenario/index.ts';

/** What to calibrate and how. */
export interface CalibrateOptions {
  scenarioFile: string;
  /** `--set` overrides of the scenario (kept in the calibrated scenario). */
  sets?: string[];
  parameters: ParameterSpec[];
  /** Months compared (default: the scenario's start to the earlier of its end and 2021-08). */
  window?: Window;
  /** What runs are compared with (default: the real record over the window). Tests pass a synthetic target, whose window is used. */
  target?: Target;
  particles: number;
  generations: number;
  seed: number;
  /** Worker threads (1: this thread). The result does not depend on it. */
  workers: number;
  /** Runs per particle (default 2). */
  runsPerParticle?: number;
  quantile?: number;
  kernel?: KernelKind;
  /** Stop after a generation accepting less than this share of proposals (default 0.01). */
  minAcceptanceRate?: number;
  /** Where checkpoints are written and resumed from (none: no checkpoints). */
  checkpointDir?: string;
  onRound?: AbcHooks['onRound'];
  /** After each finished generation (also for those read from checkpoints, with `resumed` true). */
  onGeneration?: (population: Population, info: { resumed: boolean; nextTolerance: number | undefined }) => void;
}

/** A finished calibration. */
export interface CalibrationResult {
  resolved: ResolvedScenario;
  parameters: ScenarioParameter[];
  window: Window;
  populations: Population[];
  stopped: StopReason;
  /** Generations read from checkpoints rather than computed now. */
  resumedGenerations: number;
  /** The settings that identify the calibration (what the checkpoints' fingerprint hashes). */
  settings: Record<string, unknown>;
  fingerprint: string;
  /** Where the particles were simulated (`this thread`, `2 worker threads (particleWorker.mjs, 34 tasks)`); not in any output file. */
  evaluatedIn: string;
}

/** Default runs per particle. */
export const DEFAULT_RUNS_PER_PARTICLE = 2;
/** Default minimum acceptance rate. */
export const DEFAULT_MIN_ACCEPTANCE_RATE = 0.01;

/**
 * Runs a calibration. Throws `ScenarioError`, `ParameterError`, `WindowError` or `CheckpointError` for bad input.
 * @example const r = await calibrateScenario({scenarioFile: 'scenarios/small.yaml', parameters, particles: 50, generations: 4, seed: 1, workers: 2})
 */
export async function calibrateScenario(options: CalibrateOptions): Promise<CalibrationResult> {
  const runsPerParticle = options.runsPerParticle ?? DEFAULT_RUNS_PER_PARTICLE;
  const probe = new ParticleSimulator({ scenarioFile: options.scenarioFile, sets: options.sets ?? [], parameters: options.parameters, runsPerParticle, target: emptyTarget() });
  const resolved = probe.resolved;
  const data = resolved.data as { start: string; end: string };
  // A synthetic target brings its own window (its months may be later than the real record's).
  const window = options.target ? { from: options.target.window.from, to: options.target.window.to } : windowFor(options.window, parseMonth(data.start)!, parseMonth(data.end)!);
  const target = options.target ?? observedTarget(window, parseMonth(data.start)!, parseMonth(data.end)!);
  const setup: CalibrationSetup = { scenarioFile: options.scenarioFile, sets: options.sets ?? [], parameters: options.parameters, runsPerParticle, target };
  const simulator = new ParticleSimulator(setup);
  const parameters = simulator.parameters;

  const abcOptions: AbcOptions = {
    particles: options.particles,
    generations: options.generations,
    seed: options.seed,
    quantile: options.quantile ?? ABC_DEFAULTS.quantile,
    kernel: options.kernel ?? ABC_DEFAULTS.kernel,
    batchSize: options.particles,
    maxAttemptsPerParticle: ABC_DEFAULTS.maxAttemptsPerParticle,
    minAcceptanceRate: options.minAcceptanceRate ?? DEFAULT_MIN_ACCEPTANCE_RATE,
  };
  const settings: Record<string, unknown> = {
    method: 'ABC-SMC',
    scenarioHash: resolved.hash,
    parameters: parameters.map((p) => ({ path: p.path, prior: formatPrior(p.prior), bounds: p.bounds })),
    window: formatWindow(window),
    targetHash: canonicalHash({ months: target.months, shares: Array.from(target.shares), hashrateEhs: Array.from(target.hashrateEhs) }),
    runsPerParticle,
    ...abcOptions,
    generations: undefined, // a resumed run may ask for more generations
  };
  const fingerprint = canonicalHash(settings);
  const resume = options.checkpointDir ? readCheckpoints(options.checkpointDir, fingerprint) : [];
  if (options.checkpointDir) checkSameModel(options.checkpointDir, resume, options.seed, (theta, seed) => simulator.evaluate(theta, seed).distance);
  resume.forEach((p, g) => options.onGeneration?.(p, { resumed: true, nextTolerance: g + 1 < resume.length ? resume[g + 1].tolerance : undefined }));

  const problem: AbcProblem = { names: parameters.map((p) => p.path), priors: parameters.map((p) => p.prior), support: (theta) => withinBounds(parameters, theta) };
  const workers = Math.max(1, Math.min(options.workers, cpus().length * 4));
  const evaluator: ClosableEvaluator = workers > 1 ? poolEvaluator(setup, workers, particleWorkerEntry()) : inProcessEvaluator(simulator);
  try {
    const result = await abcSmc(
      problem,
      evaluator,
      abcOptions,
      {
        onRound: options.onRound,
        onGeneration: (population, { next }) => {
          if (options.checkpointDir) writeCheckpoint(options.checkpointDir, fingerprint, settings, population);
          options.onGeneration?.(population, { resumed: false, nextTolerance: next });
        },
      },
      resume,
    );
    return { resolved, parameters, window, populations: result.populations, stopped: result.stopped, resumedGenerations: Math.min(resume.length, result.populations.length), settings, fingerprint, evaluatedIn: evaluator.where() };
  } finally {
    await evaluator.close();
  }
}

function emptyTarget(): Target {
  return { window: { mode: 'replay', scenarioStart: 0, scenarioEnd: 0, from: 0, to: 0, origin: 0, scored: [] }, months: [], shares: new Float64Array(0), hashrateEhs: new Float64Array(0) };
}
