/**
 * The posterior of each parameter in a few numbers: the weighted mean, sd, median and 90% interval (5th and 95th
 * weighted percentiles) of the last generation, beside the prior's median and 90% interval.
 */
import type { Population } from './abcSmc.ts';
import type { ScenarioParameter } from './parameters.ts';
import { priorQuantile, type Prior } from './priors.ts';
import { weightedMean, weightedQuantile, weightedSd } from './weightedStats.ts';

/** One parameter's prior and posterior summary. */
export interface ParameterSummary {
  path: string;
  prior: Prior;
  priorP05: number;
  priorMedian: number;
  priorP95: number;
  mean: number;
  sd: number;
  p05: number;
  median: number;
  p95: number;
}

/**
 * Summaries of every parameter from a population (usually the last).
 * @example summarisePosterior(params, populations.at(-1)!)[0].median // 0.081
 */
export function summarisePosterior(params: readonly ScenarioParameter[], population: Population): ParameterSummary[] {
  return params.map((p, k) => {
    const values = population.particles.map((t) => t[k]);
    const w = population.weights;
    return {
      path: p.path,
      prior: p.prior,
      priorP05: priorQuantile(p.prior, 0.05),
      priorMedian: priorQuantile(p.prior, 0.5),
      priorP95: priorQuantile(p.prior, 0.95),
      mean: weightedMean(values, w),
      sd: weightedSd(values, w),
      p05: weightedQuantile(values, w, 0.05),
      median: weightedQuantile(values, w, 0.5),
      p95: weightedQuantile(values, w, 0.95),
    };
  });
}

/**
 * Decimals that show a parameter to about six significant digits of its prior's 90% range, for fixed-decimal
 * columns (0 to 12).
 * @example decimalsFor({dist: 'uniform', min: 0, max: 0.2}) // 6
 */
export function decimalsFor(prior: Prior): number {
  const range = priorQuantile(prior, 0.95) - priorQuantile(prior, 0.05);
  const magnitude = Math.floor(Math.log10(Math.abs(range) || 1));
  return Math.max(0, Math.min(12, 5 - magnitude));
}
