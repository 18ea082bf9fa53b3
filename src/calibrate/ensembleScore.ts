/**
 * Scores an ensemble forecast (the model's runs, the random walk's paths, or a single point forecast) against
 * observations: for each series, the bands (median, 5/25/75/95th percentiles) per month, the point errors of
 * the median (MAE, bias, RMSE, optionally MAPE), the coverage of the 50% and 90% bands, and the mean CRPS.
 * One layout everywhere: members are panels of `months` rows by `K` series, one after the other
 * (`(member * months + t) * K + k`); observations are one such panel.
 */
import { coverage, crpsEnsembleSorted, meanAbsoluteError, meanAbsolutePercentageError, meanError, quantileSorted, rootMeanSquareError } from './metrics.ts';

/** Bands of an ensemble, one value per month and series (`t * K + k`). */
export interface EnsembleBands {
  median: Float64Array;
  p5: Float64Array;
  p25: Float64Array;
  p75: Float64Array;
  p95: Float64Array;
}

/** Metrics of one series (units: the series' unit, MAPE in %, coverage a fraction 0..1). */
export interface SeriesScore {
  /** Mean absolute error of the median. */
  mae: number;
  /** Mean of median - observed. */
  bias: number;
  /** Root mean square error of the median. */
  rmse: number;
  /** Mean absolute percentage error of the median, % (only when asked for and no observation is 0). */
  mape?: number;
  /** Mean over months of the ensemble CRPS (for one member: its absolute error). */
  crps: number;
  /** Share of observations inside [p25, p75]. */
  coverage50: number;
  /** Share of observations inside [p5, p95]. */
  coverage90: number;
}

/** The score of an ensemble: bands and per-series metrics. */
export interface EnsembleScore {
  members: number;
  bands: EnsembleBands;
  series: SeriesScore[];
}

/**
 * Scores `memberCount` members against `observed` (`months` x `K`). `percentErrors` adds MAPE for series with
 * no zero observation. Allocates only its outputs and two scratch arrays.
 * @example scoreEnsemble(Float64Array.from([1, 3]), 2, Float64Array.from([2]), 1, 1).series[0].crps // 0.5
 */
export function scoreEnsemble(members: Float64Array, memberCount: number, observed: Float64Array, months: number, K: number, options: { percentErrors?: boolean } = {}): EnsembleScore {
  if (memberCount < 1 || members.length !== memberCount * months * K || observed.length !== months * K || months < 1) {
    throw new RangeError(`scoreEnsemble: ${members.length} member values for ${memberCount} members of ${months} x ${K}, ${observed.length} observations`);
  }
  const size = months * K;
  const bands: EnsembleBands = { median: new Float64Array(size), p5: new Float64Array(size), p25: new Float64Array(size), p75: new Float64Array(size), p95: new Float64Array(size) };
  const crpsSum = new Float64Array(K);
  const sorted = new Float64Array(memberCount);
  for (let i = 0; i < size; i++) {
    for (let m = 0; m < memberCount; m++) sorted[m] = members[m * size + i];
    sorted.sort();
    bands.median[i] = quantileSorted(sorted, 0.5);
    bands.p5[i] = quantileSorted(sorted, 0.05);
    bands.p25[i] = quantileSorted(sorted, 0.25);
    bands.p75[i] = quantileSorted(sorted, 0.75);
    bands.p95[i] = quantileSorted(sorted, 0.95);
    crpsSum[i % K] += crpsEnsembleSorted(sorted, observed[i]);
  }
  const column = (a: Float64Array, k: number) => {
    const out = new Float64Array(months);
    for (let t = 0; t < months; t++) out[t] = a[t * K + k];
    return out;
  };
  const series: SeriesScore[] = [];
  for (let k = 0; k < K; k++) {
    const obs = column(observed, k);
    const med = column(bands.median, k);
    const score: SeriesScore = {
      mae: meanAbsoluteError(med, obs),
      bias: meanError(med, obs),
      rmse: rootMeanSquareError(med, obs),
      crps: crpsSum[k] / months,
      coverage50: coverage(column(bands.p25, k), column(bands.p75, k), obs),
      coverage90: coverage(column(bands.p5, k), column(bands.p95, k), obs),
    };
    if (options.percentErrors && obs.every((v) => v !== 0)) score.mape = meanAbsolutePercentageError(med, obs);
    series.push(score);
  }
  return { members: memberCount, bands, series };
}
