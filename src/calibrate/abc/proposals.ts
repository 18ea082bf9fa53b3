/**
 * Where the randomness of ABC-SMC comes from: every proposal (a candidate for particle slot i of generation g,
 * attempt a) draws from its own named stream seeded by (seed, g, i, a), and its simulations are seeded by a hash of
 * the same key. Nothing is drawn from shared sequential state, so a candidate is the same whoever evaluates it, in
 * whatever order, with however many workers.
 */
import { createHash } from 'node:crypto';
import { namedStream, type RandomStream } from '../../engine/streams.ts';
import { perturb, type Kernel } from './kernels.ts';
import { logPriorDensity } from './weights.ts';
import { samplePrior, type Prior } from './priors.ts';

/** Identity of one candidate: the generation, the particle slot it may fill, and the attempt at that slot. */
export interface CandidateKey {
  generation: number;
  particle: number;
  attempt: number;
}

/** How many times a proposal is redrawn (from its own stream) when it falls outside the prior's support. */
export const MAX_SUPPORT_REDRAWS = 1000;

/**
 * The random stream of one proposal: alea seeded with `<seed>:abc:g<generation>:p<particle>:a<attempt>`.
 * @example proposalStream(1, {generation: 2, particle: 0, attempt: 3}).next() // the same number every time
 */
export function proposalStream(seed: number, key: CandidateKey): RandomStream {
  return namedStream(seed, `abc:g${key.generation}:p${key.particle}:a${key.attempt}`);
}

/**
 * The simulation seed of a candidate (an integer in [0, 2^48)): the first 48 bits of sha256 over
 * (seed, generation, particle, attempt). Its runs are seeded from it (`replicateSeed`).
 * @example candidateSeed(1, {generation: 0, particle: 0, attempt: 0}) // an integer in [0, 2^48)
 */
export function candidateSeed(seed: number, key: CandidateKey): number {
  const text = JSON.stringify(['hashsim-abc', seed, key.generation, key.particle, key.attempt]);
  return createHash('sha256').update(text).digest().readUIntBE(0, 6);
}

/**
 * Seed of replicate `r` (from 0) of a candidate whose seed is `seed`: the first 48 bits of sha256 over (seed, r).
 * @example replicateSeed(12345, 0) !== replicateSeed(12345, 1) // true
 */
export function replicateSeed(seed: number, replicate: number): number {
  const text = JSON.stringify(['hashsim-abc-run', seed, replicate]);
  return createHash('sha256').update(text).digest().readUIntBE(0, 6);
}

/** True when `theta` is a point of the (truncated) prior: positive prior density and inside `support`. */
export type SupportTest = (theta: readonly number[]) => boolean;

function inPrior(priors: readonly Prior[], theta: readonly number[], support: SupportTest | undefined): boolean {
  return logPriorDensity(priors, theta) > -Infinity && (support === undefined || support(theta));
}

/**
 * A draw from the priors (one per parameter, in order) restricted to `support`, redrawn from the same stream up to
 * `MAX_SUPPORT_REDRAWS` times; undefined if it never lands inside.
 * @example sampleFromPriors([{dist: 'uniform', min: 0, max: 1}], rng) // [0.42...]
 */
export function sampleFromPriors(priors: readonly Prior[], rng: RandomStream, support?: SupportTest): number[] | undefined {
  for (let tries = 0; tries < MAX_SUPPORT_REDRAWS; tries++) {
    const theta = priors.map((p) => samplePrior(p, rng));
    if (inPrior(priors, theta, support)) return theta;
  }
  return undefined;
}

/**
 * A proposal from the previous generation: a particle picked with probability equal to its weight (one uniform
 * draw against the cumulative weights), moved by the kernel; redrawn (pick and move) until it lies in the prior's
 * support, at most `MAX_SUPPORT_REDRAWS` times; undefined if it never does.
 * @example propose(priors, previous, weights, kernel, rng) // [0.13, 2.4]
 */
export function propose(
  priors: readonly Prior[],
  previous: readonly (readonly number[])[],
  cumulativeWeights: Float64Array,
  kernel: Kernel,
  rng: RandomStream,
  support?: SupportTest,
): number[] | undefined {
  for (let tries = 0; tries < MAX_SUPPORT_REDRAWS; tries++) {
    const j = pickIndex(cumulativeWeights, rng.next());
    const theta = perturb(kernel, previous[j], rng);
    if (inPrior(priors, theta, support)) return theta;
  }
  return undefined;
}

/**
 * Cumulative sums of `weights`, normalised so the last is exactly 1.
 * @example cumulative([1, 1, 2]) // Float64Array [0.25, 0.5, 1]
 */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) {
    s += weights[i];
    out[i] = s;
  }
  for (let i = 0; i < out.length; i++) out[i] /= s;
  out[out.length - 1] = 1;
  return out;
}

/**
 * The first index whose cumulative weight exceeds `u` (0 <= u < 1), by binary search; zero-weight entries are never picked.
 * @example pickIndex(new Float64Array([0.25, 0.5, 1]), 0.3) // 1
 */
export function pickIndex(cumulativeWeights: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulativeWeights.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulativeWeights[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
