/**
 * Error metrics of a forecast against observations: point errors (MAE, bias, RMSE, MAPE), the coverage of a
 * band, and the continuous ranked probability score (CRPS) of an ensemble. Pure functions on plain or typed
 * arrays, without allocation except where noted, so that calibration can call them thousands of times.
 *
 * Units: every metric is in the unit of its inputs (percentage points for shares in %, EH/s for hashrate),
 * except MAPE (percent) and coverage (a fraction 0..1). Inputs must be finite and of equal, non-zero length;
 * anything else throws a `RangeError` (a caller's bug, never a user's input).
 */

function checkPairs(simulated: ArrayLike<number>, observed: ArrayLike<number>, what: string): void {
  if (simulated.length !== observed.length) throw new RangeError(`${what}: ${simulated.length} simulated values against ${observed.length} observations`);
  if (observed.length === 0) throw new RangeError(`${what}: no values`);
}

/**
 * Mean absolute error: mean over i of |simulated_i - observed_i|, in the inputs' unit.
 * @example meanAbsoluteError([1, 2, 4], [2, 2, 2]) // (1 + 0 + 2) / 3 = 1
 */
export function meanAbsoluteError(simulated: ArrayLike<number>, observed: ArrayLike<number>): number {
  checkPairs(simulated, observed, 'meanAbsoluteError');
  let sum = 0;
  for (let i = 0; i < observed.length; i++) sum += Math.abs(simulated[i] - observed[i]);
  return sum / observed.length;
}

/**
 * Bias (mean error): mean over i of simulated_i - observed_i, in the inputs' unit; positive when the forecast
 * is too high on average.
 * @example meanError([1, 2, 4], [2, 2, 2]) // (-1 + 0 + 2) / 3 = 1/3
 */
export function meanError(simulated: ArrayLike<number>, observed: ArrayLike<number>): number {
  checkPairs(simulated, observed, 'meanError');
  let sum = 0;
  for (let i = 0; i < observed.length; i++) sum += simulated[i] - observed[i];
  return sum / observed.length;
}

/**
 * Root mean square error: sqrt(mean over i of (simulated_i - observed_i)^2), in the inputs' unit.
 * @example rootMeanSquareError([1, 2, 4], [2, 2, 2]) // sqrt((1 + 0 + 4) / 3)
 */
export function rootMeanSquareError(simulated: ArrayLike<number>, observed: ArrayLike<number>): number {
  checkPairs(simulated, observed, 'rootMeanSquareError');
  let sum = 0;
  for (let i = 0; i < observed.length; i++) {
    const d = simulated[i] - observed[i];
    sum += d * d;
  }
  return Math.sqrt(sum / observed.length);
}

/**
 * Mean absolute percentage error, in percent: 100 x mean over i of |simulated_i - observed_i| / |observed_i|.
 * Throws a `RangeError` when an observation is 0 (the error is undefined there).
 * @example meanAbsolutePercentageError([110, 90], [100, 100]) // 10
 */
export function meanAbsolutePercentageError(simulated: ArrayLike<number>, observed: ArrayLike<number>): number {
  checkPairs(simulated, observed, 'meanAbsolutePercentageError');
  let sum = 0;
  for (let i = 0; i < observed.length; i++) {
    if (observed[i] === 0) throw new RangeError(`meanAbsolutePercentageError: observation ${i} is 0`);
    sum += Math.abs(simulated[i] - observed[i]) / Math.abs(observed[i]);
  }
  return (100 * sum) / observed.length;
}

/**
 * Coverage of a band: the fraction (0..1) of observations with lower_i <= observed_i <= upper_i (bounds
 * included). For the ensemble's 90% band pass its 5th and 95th percentiles; a calibrated ensemble covers
 * about 0.9 of the observations.
 * @example coverage([0, 0, 0, 0], [1, 1, 1, 1], [0.5, 1, 2, -1]) // 0.5
 */
export function coverage(lower: ArrayLike<number>, upper: ArrayLike<number>, observed: ArrayLike<number>): number {
  checkPairs(lower, observed, 'coverage');
  checkPairs(upper, observed, 'coverage');
  let inside = 0;
  for (let i = 0; i < observed.length; i++) if (lower[i] <= observed[i] && observed[i] <= upper[i]) inside++;
  return inside / observed.length;
}

/**
 * Quantile `p` (0..1) of values sorted ascending, by linear interpolation between order statistics (R's type
 * 7, as d3-array's `quantileSorted` and numpy's default): h = (n - 1) p, x[floor h] + (h - floor h) (x[ceil h] - x[floor h]).
 * @example quantileSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileSorted: no values');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p must be in [0, 1], found ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * CRPS of an ensemble of members x_1..x_m (sorted ascending) for one observation y, exact for the ensemble's
 * empirical distribution: mean_i |x_i - y| - 1/2 mean_{i,j} |x_i - x_j| (the mean over all m^2 ordered pairs,
 * i = j included). The pair term is computed from the sorted members in O(m): sum_{i,j} |x_i - x_j| =
 * 2 sum_k (2k - m + 1) x_(k) with k from 0. In the unit of the inputs; for one member it is |x - y| (a point
 * forecast's CRPS is its absolute error).
 * @example crpsEnsembleSorted([0, 1], 0) // (0 + 1)/2 - 1/2 * (0 + 1 + 1 + 0)/4 = 0.25
 */
export function crpsEnsembleSorted(sortedMembers: ArrayLike<number>, observed: number): number {
  const m = sortedMembers.length;
  if (m === 0) throw new RangeError('crpsEnsemble: no members');
  let absToObs = 0;
  let pairs = 0;
  for (let k = 0; k < m; k++) {
    const x = sortedMembers[k];
    absToObs += Math.abs(x - observed);
    pairs += (2 * k - m + 1) * x;
  }
  return absToObs / m - pairs / (m * m);
}

/**
 * CRPS of an ensemble (members in any order) for one observation: `crpsEnsembleSorted` on a sorted copy.
 * @example crpsEnsemble([1, 0], 0) // 0.25
 */
export function crpsEnsemble(members: ArrayLike<number>, observed: number): number {
  return crpsEnsembleSorted(Float64Array.from(members).sort(), observed);
}

/**
 * The ratio of the model's error to a baseline's (model / baseline): below 1 the model is better. The skill
 * score is 1 - ratio. Undefined (returns undefined) when the baseline's error is 0.
 * @example errorRatio(1, 4) // 0.25: the model's error is a quarter of the baseline's (skill 0.75)
 */
export function errorRatio(modelError: number, baselineError: number): number | undefined {
  return baselineError > 0 ? modelError / baselineError : undefined;
}
