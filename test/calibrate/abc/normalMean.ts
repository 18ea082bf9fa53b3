/**
 * A model with a closed-form posterior, for testing ABC: the mean theta of n normal observations with known sd,
 * under a normal prior. The simulator draws the sample mean (a sufficient statistic) from N(theta, sd^2 / n) with
 * the candidate's own seed; the distance is |simulated mean - observed mean|.
 */
import { namedStream, normalDraw } from '../../../src/engine/streams.ts';
import type { Candidate, Evaluation, Evaluator } from '../../../src/calibrate/abc/abcSmc.ts';

export const PRIOR_MEAN = 0;
export const PRIOR_SD = 1;
export const NOISE_SD = 1;
export const OBSERVATIONS = 10;
export const OBSERVED_MEAN = 0.8;

/** Exact posterior of theta: normal with this mean and sd. */
export function exactPosterior(): { mean: number; sd: number } {
  const precision = 1 / PRIOR_SD ** 2 + OBSERVATIONS / NOISE_SD ** 2;
  const mean = (PRIOR_MEAN / PRIOR_SD ** 2 + (OBSERVATIONS * OBSERVED_MEAN) / NOISE_SD ** 2) / precision;
  return { mean, sd: Math.sqrt(1 / precision) };
}

/** Distance of one candidate. */
export function normalMeanDistance(c: Candidate): number {
  const simulated = c.theta[0] + (NOISE_SD / Math.sqrt(OBSERVATIONS)) * normalDraw(namedStream(c.seed, 'simulate'));
  return Math.abs(simulated - OBSERVED_MEAN);
}

/**
 * An evaluator that pretends to have `workers` workers: the batch is split round-robin between them and every
 * candidate finishes after a delay drawn from `jitterSeed`, so completion order differs from batch order.
 */
export function jitteryEvaluator(workers: number, jitterSeed: number, log?: number[]): Evaluator {
  const jitter = namedStream(jitterSeed, 'jitter');
  return {
    async evaluate(batch) {
      const out = new Array<Evaluation>(batch.length);
      const lanes = Array.from({ length: workers }, (_, w) => batch.map((c, k) => ({ c, k })).filter((_, k) => k % workers === w));
      await Promise.all(
        lanes.map(async (lane) => {
          for (const { c, k } of lane) {
            if (jitter.next() < 0.05) await new Promise((r) => setImmediate(r));
            out[k] = { distance: normalMeanDistance(c) };
            log?.push(c.particle);
          }
        }),
      );
      return out;
    },
  };
}
