/**
 * Priors of a calibration: the scenario language's four distributions (`normal`, `lognormal`, `uniform`,
 * `triangular`, see src/scenario/distributions.ts), with the densities, quantiles and support that ABC needs.
 * Sampling reuses the scenario's own `draw`, so a prior is drawn exactly as the same distribution in a scenario file.
 */
import { draw, type Distribution } from '../../scenario/distributions.ts';
import type { RandomStream } from '../../engine/streams.ts';

/** A prior: one of the scenario language's distributions. */
export type Prior = Distribution;

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * Probability density of `prior` at `x` (0 outside the support). Normal and lognormal need sd/sigma > 0,
 * uniform min < max, triangular min < max (checked by `checkPrior`).
 * @example priorDensity({dist: 'uniform', min: 0, max: 2}, 1) // 0.5
 */
export function priorDensity(prior: Prior, x: number): number {
  if (!Number.isFinite(x)) return 0;
  switch (prior.dist) {
    case 'normal': {
      const z = (x - prior.mean) / prior.sd;
      return Math.exp(-0.5 * z * z) / (prior.sd * SQRT_2PI);
    }
    case 'lognormal': {
      if (x <= 0) return 0;
      const z = (Math.log(x) - Math.log(prior.median)) / prior.sigma;
      return Math.exp(-0.5 * z * z) / (x * prior.sigma * SQRT_2PI);
    }
    case 'uniform':
      return x >= prior.min && x <= prior.max ? 1 / (prior.max - prior.min) : 0;
    case 'triangular': {
      const { min: a, mode: c, max: b } = prior;
      if (x < a || x > b) return 0;
      if (x < c) return (2 * (x - a)) / ((b - a) * (c - a));
      if (x > c) return (2 * (b - x)) / ((b - a) * (b - c));
      return 2 / (b - a);
    }
  }
}

/**
 * Quantile `p` (0 < p < 1) of `prior`: the value below which a share `p` of its mass lies.
 * @example priorQuantile({dist: 'normal', mean: 1, sd: 2}, 0.5) // 1
 */
export function priorQuantile(prior: Prior, p: number): number {
  switch (prior.dist) {
    case 'normal':
      return prior.mean + prior.sd * standardNormalQuantile(p);
    case 'lognormal':
      return prior.median * Math.exp(prior.sigma * standardNormalQuantile(p));
    case 'uniform':
      return prior.min + p * (prior.max - prior.min);
    case 'triangular': {
      const { min: a, mode: c, max: b } = prior;
      const f = (c - a) / (b - a);
      return p < f ? a + Math.sqrt(p * (b - a) * (c - a)) : b - Math.sqrt((1 - p) * (b - a) * (b - c));
    }
  }
}

/**
 * One draw of `prior` from `rng`, exactly as the scenario compiler draws the same distribution.
 * @example samplePrior({dist: 'uniform', min: 1, max: 3}, {next: () => 0.5}) // 2
 */
export function samplePrior(prior: Prior, rng: RandomStream): number {
  return draw(prior, rng);
}

/**
 * The problem with a prior's parameters, or undefined when it is usable: normal needs sd > 0, lognormal
 * median > 0 and sigma > 0, uniform min < max, triangular min <= mode <= max with min < max; all finite.
 * @example checkPrior({dist: 'uniform', min: 2, max: 1}) // 'uniform needs min < max, found min 2 and max 1'
 */
export function checkPrior(prior: Prior): string | undefined {
  const values = Object.entries(prior).filter(([k]) => k !== 'dist');
  const bad = values.find(([, v]) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad) return `${prior.dist} needs finite numbers, found ${bad[0]} ${JSON.stringify(bad[1])}`;
  switch (prior.dist) {
    case 'normal':
      return prior.sd > 0 ? undefined : `normal needs sd > 0, found sd ${prior.sd}`;
    case 'lognormal':
      if (!(prior.median > 0)) return `lognormal needs median > 0, found median ${prior.median}`;
      return prior.sigma > 0 ? undefined : `lognormal needs sigma > 0, found sigma ${prior.sigma}`;
    case 'uniform':
      return prior.min < prior.max ? undefined : `uniform needs min < max, found min ${prior.min} and max ${prior.max}`;
    case 'triangular':
      return prior.min < prior.max && prior.min <= prior.mode && prior.mode <= prior.max
        ? undefined
        : `triangular needs min <= mode <= max and min < max, found min ${prior.min}, mode ${prior.mode}, max ${prior.max}`;
  }
}

/**
 * A prior written back in the short form the command line takes.
 * @example formatPrior({dist: 'triangular', min: 0, mode: 1, max: 3}) // 'triangular(0,1,3)'
 */
export function formatPrior(prior: Prior): string {
  switch (prior.dist) {
    case 'normal':
      return `normal(${prior.mean},${prior.sd})`;
    case 'lognormal':
      return `lognormal(${prior.median},${prior.sigma})`;
    case 'uniform':
      return `uniform(${prior.min},${prior.max})`;
    case 'triangular':
      return `triangular(${prior.min},${prior.mode},${prior.max})`;
  }
}

/**
 * Quantile of the standard normal distribution (Acklam's rational approximation: relative error below 1.2e-9).
 * @example standardNormalQuantile(0.975) // 1.95996398...
 */
export function standardNormalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  const q = Math.sqrt(-2 * Math.log(1 - p));
  return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
}
