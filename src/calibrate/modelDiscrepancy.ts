/**
 * Model discrepancy: the part of the record the model gets wrong even with its best parameters, as an error term
 * of what a forecast says the record will show (Kennedy and O'Hagan 2001, "Bayesian calibration of computer
 * models"). Without it, an ensemble's bands carry only seeds, parameter uncertainty and the record's measurement
 * error (observationNoise.ts), and are too narrow for a model whose errors persist for months.
 *
 * The form follows the measurement error, with months correlated:
 * - map shares: each country's share p (0..1) is multiplied by a lognormal error of relative size
 *   sqrt((1 - p) / (n p)) (as if the model's shares rested on `n` = `discrepancySampleSize` units), whose
 *   standard normal draws follow an AR(1) over months with correlation `discrepancyShareCorrelation`; then the
 *   shares are renormalised to 100.
 * - network hashrate: multiplied by a lognormal error of relative size `discrepancyHashrate`, AR(1) over months
 *   with correlation `discrepancyHashrateCorrelation`.
 * Both are stationary (the first month's draw has the same spread as the others), start at the run's first
 * month, and come from named streams of the run's seed, so the error of a month does not depend on the window
 * scored.
 *
 * `estimateDiscrepancy` measures the sizes and correlations from a backtest's residuals (the ensemble median
 * against the record, over the window, in the map view): `calibrate` does it for the calibrated scenario, over
 * the calibration window, and writes them into it.
 */
import { namedStream, normalDraw } from '../engine/streams.ts';
import { applyShareErrors, meanOneLognormal } from './observationNoise.ts';

/** Largest month-to-month correlation estimated (1 would make the error constant and its estimate unstable). */
export const MAX_DISCREPANCY_CORRELATION = 0.95;

/** The discrepancy's parameters (0 sizes: none). */
export interface DiscrepancyParams {
  /** Units the model's map shares effectively rest on (0: no share discrepancy). */
  discrepancySampleSize: number;
  /** Month-to-month correlation (0..1) of the share discrepancy's draws. */
  discrepancyShareCorrelation: number;
  /** Relative size of the network hashrate discrepancy (0: none). */
  discrepancyHashrate: number;
  /** Month-to-month correlation (0..1) of the hashrate discrepancy's draws. */
  discrepancyHashrateCorrelation: number;
}

/** No discrepancy. */
export const NO_DISCREPANCY: Readonly<DiscrepancyParams> = Object.freeze({
  discrepancySampleSize: 0,
  discrepancyShareCorrelation: 0,
  discrepancyHashrate: 0,
  discrepancyHashrateCorrelation: 0,
});

/**
 * Standard normal draws following a stationary AR(1) with correlation `rho`: `series` of them for each of
 * `months` months (index `month * series + i`), from `stream`.
 */
function ar1Draws(months: number, series: number, rho: number, stream: ReturnType<typeof namedStream>): Float64Array {
  const out = new Float64Array(months * series);
  const innovation = Math.sqrt(1 - rho * rho);
  for (let s = 0; s < months; s++) {
    for (let i = 0; i < series; i++) {
      const z = normalDraw(stream);
      out[s * series + i] = s === 0 ? z : rho * out[(s - 1) * series + i] + innovation * z;
    }
  }
  return out;
}

/**
 * Adds the share discrepancy to `sharesPercent` (`months` x `K`, each month summing to 100 or all 0), in place,
 * with draws from stream `observation:share-discrepancy` of `seed`. Nothing happens when `sampleSize` is 0.
 * @example addShareDiscrepancy(shares, run.months, 8, 150, 0.8, run.seed)
 */
export function addShareDiscrepancy(sharesPercent: Float64Array, months: number, K: number, sampleSize: number, correlation: number, seed: number): void {
  if (!(sampleSize > 0)) return;
  applyShareErrors(sharesPercent, months, K, sampleSize, ar1Draws(months, K, correlation, namedStream(seed, 'observation:share-discrepancy')));
}

/**
 * The multiplicative hashrate discrepancy of a run of `months` months (one factor per month, in order), relative
 * size `relativeSd`, correlation `correlation`, from stream `observation:hashrate-discrepancy` of `seed`; all 1
 * when the size is 0.
 * @example hashrateDiscrepancyFactors(40, 0.06, 0.7, 7)[0] // about 1 +- 0.06
 */
export function hashrateDiscrepancyFactors(months: number, relativeSd: number, correlation: number, seed: number): Float64Array {
  const out = new Float64Array(months).fill(1);
  if (!(relativeSd > 0)) return out;
  const z = ar1Draws(months, 1, correlation, namedStream(seed, 'observation:hashrate-discrepancy'));
  for (let s = 0; s < months; s++) out[s] = meanOneLognormal(z[s], relativeSd);
  return out;
}

/** What the discrepancy is estimated from: a window's ensemble medians and observations. */
export interface DiscrepancyResiduals {
  /** Ensemble median map shares, % (`months` x `K`). */
  medianSharesPercent: Float64Array;
  /** Observed map shares, % (`months` x `K`). */
  observedSharesPercent: Float64Array;
  /** Ensemble median network hashrate and the observed one (EH/s), one per month. */
  medianHashrateEhs: Float64Array;
  observedHashrateEhs: Float64Array;
  /** The window's months (MonthIndex, ascending; correlations pair only months one apart). */
  monthIndices: readonly number[];
  K: number;
  /** The measurement error already in the members (the scenario's `mapSampleSize`, `hashrateNoise`). */
  mapSampleSize: number;
  hashrateNoise: number;
}

/** Lag-1 correlation of `x` (a `months` x `series` panel), pooled over series, clamped to 0..MAX. */
function lagOneCorrelation(x: Float64Array, valid: Uint8Array, monthIndices: readonly number[], series: number): number {
  let num = 0;
  let den = 0;
  for (let s = 0; s < monthIndices.length; s++) {
    const follows = s > 0 && monthIndices[s] - monthIndices[s - 1] === 1;
    for (let i = 0; i < series; i++) {
      const j = s * series + i;
      if (!valid[j]) continue;
      den += x[j] * x[j];
      if (follows && valid[j - series]) num += x[j] * x[j - series];
    }
  }
  return den > 0 ? Math.min(MAX_DISCREPANCY_CORRELATION, Math.max(0, num / den)) : 0;
}

/**
 * The discrepancy that explains the residuals of a window beyond the measurement error: for shares, the
 * standardised log residual u = ln(observed / median) / sqrt((1 - p) / p) (p the median share, 0..1) has mean
 * square 1 / mapSampleSize + 1 / n, which gives n; for the hashrate, r = ln(observed / median) has mean square
 * hashrateNoise^2 + sd^2, which gives sd. Correlations are the pooled lag-1 correlations of u and r. A size whose
 * residuals are no larger than the measurement error is 0.
 * @example estimateDiscrepancy(residuals).discrepancySampleSize // e.g. 150
 */
export function estimateDiscrepancy(r: DiscrepancyResiduals): DiscrepancyParams {
  const { K } = r;
  const months = r.monthIndices.length;
  const u = new Float64Array(months * K);
  const uValid = new Uint8Array(months * K);
  let sumU2 = 0;
  let nU = 0;
  for (let i = 0; i < months * K; i++) {
    const med = r.medianSharesPercent[i];
    const obs = r.observedSharesPercent[i];
    if (!(med > 0 && med < 100 && obs > 0)) continue;
    const p = med / 100;
    u[i] = Math.log(obs / med) / Math.sqrt((1 - p) / p);
    uValid[i] = 1;
    sumU2 += u[i] * u[i];
    nU++;
  }
  const excessShare = nU > 0 ? sumU2 / nU - (r.mapSampleSize > 0 ? 1 / r.mapSampleSize : 0) : 0;
  const h = new Float64Array(months);
  const hValid = new Uint8Array(months);
  let sumH2 = 0;
  let nH = 0;
  for (let s = 0; s < months; s++) {
    const med = r.medianHashrateEhs[s];
    const obs = r.observedHashrateEhs[s];
    if (!(med > 0 && obs > 0)) continue;
    h[s] = Math.log(obs / med);
    hValid[s] = 1;
    sumH2 += h[s] * h[s];
    nH++;
  }
  const excessHashrate = nH > 0 ? sumH2 / nH - r.hashrateNoise * r.hashrateNoise : 0;
  return {
    discrepancySampleSize: excessShare > 0 ? 1 / excessShare : 0,
    discrepancyShareCorrelation: excessShare > 0 ? lagOneCorrelation(u, uValid, r.monthIndices, K) : 0,
    discrepancyHashrate: excessHashrate > 0 ? Math.sqrt(excessHashrate) : 0,
    discrepancyHashrateCorrelation: excessHashrate > 0 ? lagOneCorrelation(h, hValid, r.monthIndices, 1) : 0,
  };
}
