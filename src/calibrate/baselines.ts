/**
 * Naive forecasts the model must beat, each made at an origin month from observations up to it:
 * - persistence: the values at the origin carried forward;
 * - linear trend: a least-squares line per series through the fit months, extrapolated;
 * - random walk: Monte Carlo paths from the origin with steps as volatile as the fit months' changes.
 * Series are panels: `n` months (rows) of `K` values (columns), row-major (`row * K + k`). Forecasts have
 * `steps` rows: row h - 1 is the forecast for origin + h. The random walk returns `paths` such panels one
 * after the other (`(path * steps + h - 1) * K + k`), an ensemble scored like the model's.
 */
import { normalDraw, type RandomStream } from '../engine/streams.ts';

/**
 * Persistence: the origin's values for each of the `steps` months ahead.
 * @example persistenceForecast([60, 40], 2) // [60, 40, 60, 40]
 */
export function persistenceForecast(originValues: ArrayLike<number>, steps: number): Float64Array {
  const K = originValues.length;
  const out = new Float64Array(steps * K);
  for (let h = 0; h < steps; h++) for (let k = 0; k < K; k++) out[h * K + k] = originValues[k];
  return out;
}

/** Bounds a forecast is clamped to (shares: 0..100; hashrate: >= 0). */
export interface ForecastBounds {
  min?: number;
  max?: number;
}

const clamp = (v: number, b: ForecastBounds) => Math.min(b.max ?? Infinity, Math.max(b.min ?? -Infinity, v));

/**
 * Linear trend: for each series k, the least-squares line through the points (x_i, fit[i * K + k]) where x_i is
 * the month offset of fit row i from the origin (0 for the origin, -1 the month before; offsets may have gaps),
 * evaluated at x = 1..steps and clamped to `bounds`. With a single fit month it is persistence.
 * @example linearTrendForecast(Float64Array.from([1, 2, 3]), [-2, -1, 0], 1, 2) // [4, 5]
 */
export function linearTrendForecast(fit: ArrayLike<number>, offsets: readonly number[], K: number, steps: number, bounds: ForecastBounds = {}): Float64Array {
  const n = offsets.length;
  if (n === 0 || fit.length !== n * K) throw new RangeError(`linearTrendForecast: ${fit.length} values for ${n} months of ${K} series`);
  const out = new Float64Array(steps * K);
  const xMean = offsets.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  for (const x of offsets) sxx += (x - xMean) * (x - xMean);
  for (let k = 0; k < K; k++) {
    let yMean = 0;
    for (let i = 0; i < n; i++) yMean += fit[i * K + k];
    yMean /= n;
    let sxy = 0;
    for (let i = 0; i < n; i++) sxy += (offsets[i] - xMean) * (fit[i * K + k] - yMean);
    const slope = sxx > 0 ? sxy / sxx : 0;
    for (let h = 1; h <= steps; h++) out[(h - 1) * K + k] = clamp(yMean + slope * (h - xMean), bounds);
  }
  return out;
}

/** How a random walk moves. */
export interface RandomWalkOptions {
  /**
   * `shares`: additive steps in the series' unit, clamped at 0 and rescaled so each month sums to the origin's
   * total (a walk of shares stays a set of shares); `log`: steps in log space (positive series like hashrate).
   */
  kind: 'shares' | 'log';
}

/**
 * Step sizes of a random walk: for each series, the root mean square of its month-to-month changes over the
 * fit months (only between consecutive months; in log space for `log`). Zero drift.
 * @example randomWalkStepSd(Float64Array.from([10, 12, 9]), [-2, -1, 0], 1, 'shares') // [sqrt((4 + 9) / 2)]
 */
export function randomWalkStepSd(fit: ArrayLike<number>, offsets: readonly number[], K: number, kind: RandomWalkOptions['kind']): Float64Array {
  const sd = new Float64Array(K);
  const f = kind === 'log' ? (v: number) => Math.log(v) : (v: number) => v;
  for (let k = 0; k < K; k++) {
    let sum = 0;
    let count = 0;
    for (let i = 1; i < offsets.length; i++) {
      if (offsets[i] - offsets[i - 1] !== 1) continue;
      const d = f(fit[i * K + k]) - f(fit[(i - 1) * K + k]);
      if (!Number.isFinite(d)) continue;
      sum += d * d;
      count++;
    }
    sd[k] = count > 0 ? Math.sqrt(sum / count) : 0;
  }
  return sd;
}

/**
 * Random walk: `paths` Monte Carlo paths of `steps` months from `originValues`, each series stepping by
 * stepSd[k] x a standard normal drawn from `stream` (pass a named stream, e.g. `namedStream(seed,
 * 'baseline:random-walk:shares')`, so the baseline is reproducible and draws from nothing else).
 * @example randomWalkForecast([60, 40], Float64Array.from([1, 1]), 3, 100, namedStream(1, 'baseline:random-walk:shares'), { kind: 'shares' })
 */
export function randomWalkForecast(originValues: ArrayLike<number>, stepSd: ArrayLike<number>, steps: number, paths: number, stream: RandomStream, options: RandomWalkOptions): Float64Array {
  const K = originValues.length;
  const out = new Float64Array(paths * steps * K);
  const state = new Float64Array(K);
  let originTotal = 0;
  for (let k = 0; k < K; k++) originTotal += originValues[k];
  for (let p = 0; p < paths; p++) {
    for (let k = 0; k < K; k++) state[k] = options.kind === 'log' ? Math.log(originValues[k]) : originValues[k];
    for (let h = 0; h < steps; h++) {
      for (let k = 0; k < K; k++) state[k] += stepSd[k] * normalDraw(stream);
      const base = (p * steps + h) * K;
      if (options.kind === 'log') {
        for (let k = 0; k < K; k++) out[base + k] = Math.exp(state[k]);
        continue;
      }
      let total = 0;
      for (let k = 0; k < K; k++) {
        state[k] = Math.max(0, state[k]);
        total += state[k];
      }
      for (let k = 0; k < K; k++) {
        if (total > 0) state[k] *= originTotal / total;
        out[base + k] = state[k];
      }
    }
  }
  return out;
}
