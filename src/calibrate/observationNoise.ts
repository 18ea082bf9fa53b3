/**
 * Observation noise: the record is itself a measurement, so a forecast of what it would show must carry the
 * measurement's error (or its bands would be too narrow to cover the record, however good the model).
 * - The map's country shares are estimated from a sample of hashers in a few pools. Treated as a sample of
 *   `mapSampleSize` independent units, a share p (0..1) has a relative standard error sqrt((1 - p) / (n p)):
 *   small shares are noisier. Each month's map shares are multiplied by lognormal errors of that size (median 1,
 *   mean 1) and renormalised to 100.
 * - The network hashrate is estimated from block times and difficulty: each month's value is multiplied by a
 *   lognormal error of relative size `hashrateNoise`.
 * The draws come from named streams of the run's seed, one per month of the run (and per country) in order, so
 * a month's error does not depend on the window scored, and re-scoring the same runs gives the same errors.
 */
import { namedStream, normalDraw } from '../engine/streams.ts';

/** Largest relative error used for a share (a share near 0 would otherwise get an unbounded one). */
const MAX_RELATIVE_SD = 1;

/**
 * Relative standard error of a map share of `sharePercent` % estimated from `sampleSize` independent units.
 * @example mapShareRelativeSd(50, 2000) // sqrt(0.5 / 1000) = 0.0224
 */
export function mapShareRelativeSd(sharePercent: number, sampleSize: number): number {
  const p = sharePercent / 100;
  if (!(p > 0) || !(sampleSize > 0)) return 0;
  return Math.min(MAX_RELATIVE_SD, Math.sqrt((1 - p) / (sampleSize * p)));
}

/**
 * A lognormal factor with log-sd `sd` and mean 1, from the standard normal draw `z`.
 * @example meanOneLognormal(0, 0.1) // exp(-0.005) = 0.995
 */
export function meanOneLognormal(z: number, sd: number): number {
  return Math.exp(sd * z - (sd * sd) / 2);
}

/**
 * Multiplies each share of `sharesPercent` (`months` x `K`) by a mean-one lognormal error of the relative size a
 * sample of `sampleSize` units gives it (`mapShareRelativeSd`), from the standard normal draw `z[i]` of the same
 * cell, then renormalises each month to 100 (a month of zeros stays so). The map's sampling error and the model
 * discrepancy (modelDiscrepancy.ts) both take this form; they differ in how `z` is drawn.
 * @example applyShareErrors(shares, 12, 8, 2000, draws)
 */
export function applyShareErrors(sharesPercent: Float64Array, months: number, K: number, sampleSize: number, z: Float64Array): void {
  for (let s = 0; s < months; s++) {
    let total = 0;
    for (let k = 0; k < K; k++) {
      const i = s * K + k;
      sharesPercent[i] *= meanOneLognormal(z[i], mapShareRelativeSd(sharesPercent[i], sampleSize));
      total += sharesPercent[i];
    }
    if (total > 0) for (let k = 0; k < K; k++) sharesPercent[s * K + k] *= 100 / total;
  }
}

/**
 * Adds the map's sampling error to `sharesPercent` (`months` x `K`, each month summing to 100 or all 0), in place,
 * with draws from stream `observation:map-noise` of `seed`. Nothing happens when `sampleSize` is 0.
 * @example addMapNoise(shares, run.months, 8, 2000, run.seed)
 */
export function addMapNoise(sharesPercent: Float64Array, months: number, K: number, sampleSize: number, seed: number): void {
  if (!(sampleSize > 0)) return;
  const stream = namedStream(seed, 'observation:map-noise');
  // One draw for every cell, month by month, so a zero share does not shift the others' draws.
  const z = new Float64Array(months * K);
  for (let i = 0; i < z.length; i++) z[i] = normalDraw(stream);
  applyShareErrors(sharesPercent, months, K, sampleSize, z);
}

/**
 * The multiplicative errors of the network hashrate estimate for a run of `months` months (one per month, in
 * order), relative size `relativeSd`, from stream `observation:hashrate-noise` of `seed`; all 1 when it is 0.
 * @example hashrateNoiseFactors(20, 0.03, 7)[0] // about 1 +- 0.03
 */
export function hashrateNoiseFactors(months: number, relativeSd: number, seed: number): Float64Array {
  const out = new Float64Array(months).fill(1);
  if (!(relativeSd > 0)) return out;
  const stream = namedStream(seed, 'observation:hashrate-noise');
  for (let s = 0; s < months; s++) out[s] = meanOneLognormal(normalDraw(stream), relativeSd);
  return out;
}
