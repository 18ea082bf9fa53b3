/**
 * ABC-SMC (approximate Bayesian computation by sequential Monte Carlo; Toni et al. 2009, Beaumont et al. 2009)
 * with an adaptive tolerance schedule (Drovandi & Pettitt 2011): generation 0 samples the prior; generation t
 * proposes by resampling generation t-1 by weight and moving the pick with a normal kernel of twice its weighted
 * covariance, and accepts a proposal when its simulated distance to the observations is within a tolerance set to a
 * quantile of generation t-1's distances; accepted particles are weighted prior / proposal density.
 *
 * Deterministic for a seed whatever evaluates the candidates: particle slot i of generation t takes the first
 * accepted attempt in its own sequence of attempts (0, 1, 2, ...), and attempt a draws only from its own stream
 * (seed, t, i, a). Candidates are evaluated in rounds: each round gives every unfilled slot the same number of new
 * attempts (about one expected acceptance each at the acceptance rate seen so far, at most `batchSize`
 * candidates in all), evaluates them as one batch, and fills slots in index order. Batches are fixed by the state alone (never by the number of workers or the order of completion), so the
 * populations, and even the count of simulations run, are identical for 1 or 100 workers.
 */
import { effectiveSampleSize } from './ess.ts';
import { fitKernel, type Kernel, type KernelKind } from './kernels.ts';
import type { Prior } from './priors.ts';
import { candidateSeed, cumulative, propose, proposalStream, sampleFromPriors, type CandidateKey, type SupportTest } from './proposals.ts';
import { accepts, nextTolerance } from './tolerance.ts';
import { importanceWeights } from './weights.ts';

/** What is calibrated: parameter names, one prior per parameter (independent), and an optional support test. */
export interface AbcProblem {
  names: readonly string[];
  priors: readonly Prior[];
  /** Points where the model cannot run (a field's bounds): the prior is truncated to where this is true. */
  support?: SupportTest;
}

/** A candidate to simulate: its key, its parameter values and its simulation seed. */
export interface Candidate extends CandidateKey {
  theta: number[];
  /** Simulation seed (integer in [0, 2^48)); replicate r runs with `replicateSeed(seed, r)`. */
  seed: number;
}

/** A candidate's distance (Infinity or NaN when its simulation failed), with named details kept for accepted ones. */
export interface Evaluation {
  distance: number;
  /** Parts of the distance or other figures of the candidate (finite numbers), kept with an accepted particle. */
  detail?: Record<string, number>;
}

/** Simulates candidates and measures their distance to the observations. */
export interface Evaluator {
  /** Evaluations of `batch`, in the batch's order. */
  evaluate(batch: readonly Candidate[]): Promise<Evaluation[]>;
}

/** Settings of a calibration. */
export interface AbcOptions {
  /** Particles per generation (N >= 2). */
  particles: number;
  /** Generations including generation 0 (the prior sample), >= 1. */
  generations: number;
  /** Master seed (an integer >= 0). */
  seed: number;
  /** Quantile of the previous generation's distances taken as the next tolerance (0 < q < 1; default 0.5). */
  quantile?: number;
  /** Perturbation kernel (default `multivariate`). */
  kernel?: KernelKind;
  /** Candidates per round (default: the number of particles). Part of the result's identity, unlike workers. */
  batchSize?: number;
  /** Attempts per particle slot before a generation is given up (default 500). */
  maxAttemptsPerParticle?: number;
  /** Stop after a generation whose acceptance rate is below this (default 0: never). */
  minAcceptanceRate?: number;
}

/** One finished generation. */
export interface Population {
  generation: number;
  /** Tolerance the generation was accepted under (Infinity for generation 0). */
  tolerance: number;
  /** Accepted parameter values, one array per particle, in slot order. */
  particles: number[][];
  /** Normalised importance weights (sum 1). */
  weights: number[];
  /** Distance of each accepted particle. */
  distances: number[];
  /** Attempt number of each accepted particle (with the seed, generation and slot, it names the candidate). */
  acceptedAttempts: number[];
  /** Details of each accepted particle's evaluation ({} when the evaluator gave none). */
  details: Record<string, number>[];
  /** Proposals made up to each slot's accepted one (the denominator of the acceptance rate). */
  attempts: number;
  /** Candidates simulated, including attempts evaluated beyond a slot's accepted one in the same round. */
  simulations: number;
  /** Simulated candidates whose distance was not finite (a failed run). */
  failures: number;
  /** Attempts that found no proposal inside the prior's support (not simulated). */
  outsideSupport: number;
  /** particles / attempts. */
  acceptanceRate: number;
  /** Effective sample size of the weights. */
  ess: number;
}

/** Why a calibration ended. */
export type StopReason = 'generations' | 'acceptance' | 'budget' | 'tolerance';

/** The finished generations (the last is the posterior sample) and why the run ended. */
export interface AbcResult {
  populations: Population[];
  stopped: StopReason;
}

/** Progress within a generation, after each round. */
export interface RoundProgress {
  generation: number;
  tolerance: number;
  /** Slots filled so far. */
  accepted: number;
  particles: number;
  simulations: number;
}

/** Callbacks of a calibration. */
export interface AbcHooks {
  /** After every round of a generation. */
  onRound?: (progress: RoundProgress) => void;
  /** After every finished generation, before the next starts (write a checkpoint here; awaited). */
  onGeneration?: (population: Population, tolerance: { next: number | undefined }) => void | Promise<void>;
}

/** Defaults of the optional settings. */
export const ABC_DEFAULTS = { quantile: 0.5, kernel: 'multivariate' as KernelKind, maxAttemptsPerParticle: 500, minAcceptanceRate: 0 };

/**
 * Runs ABC-SMC until `generations` generations are finished (or an early stop), continuing after `resume` (the
 * finished generations of an interrupted run of the same problem and options) when given. The result is the same
 * whether the run was interrupted and resumed or not.
 * @example const { populations } = await abcSmc({names: ['mu'], priors: [{dist: 'normal', mean: 0, sd: 1}]}, evaluator, {particles: 500, generations: 6, seed: 1})
 */
export async function abcSmc(problem: AbcProblem, evaluator: Evaluator, options: AbcOptions, hooks: AbcHooks = {}, resume: readonly Population[] = []): Promise<AbcResult> {
  checkOptions(problem, options);
  const quantile = options.quantile ?? ABC_DEFAULTS.quantile;
  const populations = [...resume];
  let tolerance = Infinity;
  if (populations.length > 0) {
    const last = populations[populations.length - 1];
    tolerance = nextTolerance(last.distances, last.weights, quantile, last.tolerance);
    if (populations.length >= options.generations) return { populations, stopped: 'generations' };
    if (stopAfter(last, tolerance, options)) return { populations, stopped: stopAfter(last, tolerance, options)! };
  }
  while (populations.length < options.generations) {
    const previous = populations[populations.length - 1];
    const population = await runGeneration(problem, evaluator, options, populations.length, tolerance, previous, hooks);
    if (!population) return { populations, stopped: 'budget' };
    populations.push(population);
    const next = populations.length < options.generations ? nextTolerance(population.distances, population.weights, quantile, population.tolerance) : undefined;
    await hooks.onGeneration?.(population, { next });
    if (next === undefined) break;
    const stop = stopAfter(population, next, options);
    if (stop) return { populations, stopped: stop };
    tolerance = next;
  }
  return { populations, stopped: 'generations' };
}

function stopAfter(population: Population, next: number, options: AbcOptions): StopReason | undefined {
  if (population.acceptanceRate < (options.minAcceptanceRate ?? ABC_DEFAULTS.minAcceptanceRate)) return 'acceptance';
  if (!(next < population.tolerance) || next <= 0) return 'tolerance';
  return undefined;
}

function checkOptions(problem: AbcProblem, o: AbcOptions): void {
  const fail = (m: string) => {
    throw new RangeError(m);
  };
  if (problem.names.length === 0 || problem.names.length !== problem.priors.length) fail('abcSmc: one prior per parameter, at least one parameter');
  if (!(Number.isInteger(o.particles) && o.particles >= 2)) fail(`abcSmc: particles must be an integer >= 2, found ${o.particles}`);
  if (!(Number.isInteger(o.generations) && o.generations >= 1)) fail(`abcSmc: generations must be an integer >= 1, found ${o.generations}`);
  if (!(Number.isInteger(o.seed) && o.seed >= 0)) fail(`abcSmc: seed must be an integer >= 0, found ${o.seed}`);
  const q = o.quantile ?? ABC_DEFAULTS.quantile;
  if (!(q > 0 && q < 1)) fail(`abcSmc: quantile must be between 0 and 1 (exclusive), found ${q}`);
  if (o.batchSize !== undefined && !(Number.isInteger(o.batchSize) && o.batchSize >= 1)) fail(`abcSmc: batchSize must be an integer >= 1, found ${o.batchSize}`);
  const m = o.maxAttemptsPerParticle ?? ABC_DEFAULTS.maxAttemptsPerParticle;
  if (!(Number.isInteger(m) && m >= 1)) fail(`abcSmc: maxAttemptsPerParticle must be an integer >= 1, found ${m}`);
}

/**
 * New attempts per open slot in the next round: enough for about one acceptance per slot at the acceptance rate
 * seen so far in this generation (filled slots / candidates simulated), and no more than `batchSize` candidates in
 * all; at least 1. The first round of a generation gives every slot ceil(batchSize / slots) attempts.
 * @example attemptsPerSlot(100, 10, 45, 450) // 10 (one in ten accepted so far)
 */
export function attemptsPerSlot(batchSize: number, open: number, accepted: number, simulated: number): number {
  const byBatch = Math.max(1, Math.ceil(batchSize / open));
  if (simulated === 0) return byBatch;
  const rate = Math.max(accepted, 1) / simulated;
  return Math.max(1, Math.min(byBatch, Math.ceil(1 / rate)));
}

async function runGeneration(
  problem: AbcProblem,
  evaluator: Evaluator,
  options: AbcOptions,
  generation: number,
  tolerance: number,
  previous: Population | undefined,
  hooks: AbcHooks,
): Promise<Population | undefined> {
  const n = options.particles;
  const batchSize = options.batchSize ?? n;
  const maxAttempts = options.maxAttemptsPerParticle ?? ABC_DEFAULTS.maxAttemptsPerParticle;
  const kernel: Kernel | undefined = previous ? fitKernel(previous.particles, previous.weights, options.kernel ?? ABC_DEFAULTS.kernel) : undefined;
  const cumulativeWeights = previous ? cumulative(previous.weights) : undefined;

  const particles: (number[] | undefined)[] = new Array(n).fill(undefined);
  const distances = new Array<number>(n).fill(NaN);
  const acceptedAttempt = new Array<number>(n).fill(-1);
  const details: Record<string, number>[] = new Array(n).fill(undefined);
  const nextAttempt = new Array<number>(n).fill(0);
  let simulations = 0;
  let failures = 0;
  let outsideSupport = 0;
  let accepted = 0;

  while (accepted < n) {
    const open = [];
    for (let i = 0; i < n; i++) if (!particles[i]) open.push(i);
    const perSlot = attemptsPerSlot(batchSize, open.length, accepted, simulations);
    const batch: Candidate[] = [];
    for (const i of open) {
      const last = Math.min(nextAttempt[i] + perSlot, maxAttempts);
      for (let a = nextAttempt[i]; a < last; a++) {
        const key = { generation, particle: i, attempt: a };
        const rng = proposalStream(options.seed, key);
        const theta = previous
          ? propose(problem.priors, previous.particles, cumulativeWeights!, kernel!, rng, problem.support)
          : sampleFromPriors(problem.priors, rng, problem.support);
        if (theta === undefined) outsideSupport++;
        else batch.push({ ...key, theta, seed: candidateSeed(options.seed, key) });
      }
      nextAttempt[i] = last;
    }
    const results = batch.length > 0 ? await evaluator.evaluate(batch) : [];
    if (results.length !== batch.length) throw new Error(`evaluator returned ${results.length} distances for ${batch.length} candidates`);
    simulations += batch.length;
    for (let k = 0; k < batch.length; k++) {
      const c = batch[k];
      const d = results[k].distance;
      if (!Number.isFinite(d)) failures++;
      // Candidates of one slot come in attempt order: the first accepted one fills it.
      if (particles[c.particle] === undefined && accepts(d, tolerance)) {
        particles[c.particle] = c.theta;
        distances[c.particle] = d;
        acceptedAttempt[c.particle] = c.attempt;
        details[c.particle] = results[k].detail ?? {};
        accepted++;
      }
    }
    hooks.onRound?.({ generation, tolerance, accepted, particles: n, simulations });
    if (accepted < n && open.some((i) => particles[i] === undefined && nextAttempt[i] >= maxAttempts)) return undefined;
  }

  const done = particles as number[][];
  const weights = previous ? importanceWeights(problem.priors, done, previous.particles, previous.weights, kernel!) : done.map(() => 1 / n);
  const attempts = acceptedAttempt.reduce((s, a) => s + a + 1, 0);
  return {
    generation,
    tolerance,
    particles: done,
    weights,
    distances,
    acceptedAttempts: acceptedAttempt,
    details,
    attempts,
    simulations,
    failures,
    outsideSupport,
    acceptanceRate: n / attempts,
    ess: effectiveSampleSize(weights),
  };
}
