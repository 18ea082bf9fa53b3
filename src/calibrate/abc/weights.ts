/**
 * Importance weights of ABC-SMC (Beaumont et al. 2009; Toni et al. 2009): a particle accepted in generation t > 0
 * weighs prior(theta) / sum_j W_j K(theta | theta_j), the prior over the density it was proposed from (the previous
 * generation's weights W_j and the perturbation kernel K). Generation 0 is drawn from the prior: equal weights.
 * Computed in log space and normalised to sum to 1.
 */
import { logKernelDensity, type Kernel } from './kernels.ts';
import { priorDensity, type Prior } from './priors.ts';

/**
 * log of the joint prior density of `theta` (independent priors, one per parameter): -Infinity outside the support.
 * @example logPriorDensity([{dist: 'uniform', min: 0, max: 2}], [1]) // log(0.5)
 */
export function logPriorDensity(priors: readonly Prior[], theta: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < priors.length; k++) s += Math.log(priorDensity(priors[k], theta[k]));
  return s;
}

/**
 * Normalised importance weights of `particles` proposed from the previous population (`previous`, weights
 * `previousWeights`, summing to anything positive) through `kernel`. Sums to 1.
 * @example importanceWeights(priors, [[1], [1]], [[0], [2]], [1, 1], kernel) // [0.5, 0.5]
 */
export function importanceWeights(
  priors: readonly Prior[],
  particles: readonly (readonly number[])[],
  previous: readonly (readonly number[])[],
  previousWeights: readonly number[],
  kernel: Kernel,
): number[] {
  let prevTotal = 0;
  for (const w of previousWeights) prevTotal += w;
  const logPrev = previousWeights.map((w) => Math.log(w / prevTotal));
  const logW = particles.map((theta) => {
    const terms = previous.map((p, j) => logPrev[j] + logKernelDensity(kernel, theta, p));
    return logPriorDensity(priors, theta) - logSumExp(terms);
  });
  return normaliseLogWeights(logW);
}

/**
 * exp(logW) / sum exp(logW), computed without overflow (the largest term is subtracted first).
 * @example normaliseLogWeights([0, 0]) // [0.5, 0.5]
 */
export function normaliseLogWeights(logW: readonly number[]): number[] {
  let max = -Infinity;
  for (const v of logW) if (v > max) max = v;
  const w = logW.map((v) => Math.exp(v - max));
  let total = 0;
  for (const v of w) total += v;
  return w.map((v) => v / total);
}

/**
 * log(sum exp(terms)), stable for large magnitudes; -Infinity for no terms or all -Infinity.
 * @example logSumExp([Math.log(1), Math.log(3)]) // Math.log(4)
 */
export function logSumExp(terms: readonly number[]): number {
  let max = -Infinity;
  for (const v of terms) if (v > max) max = v;
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (const v of terms) s += Math.exp(v - max);
  return max + Math.log(s);
}
