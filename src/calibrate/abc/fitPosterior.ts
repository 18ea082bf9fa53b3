/**
 * A posterior marginal written as one of the scenario language's distributions, for `--keep-uncertainty`: an
 * ensemble of the calibrated scenario then draws each parameter per run from it (stream `draw:<path>`). The family
 * follows the prior's:
 * - lognormal prior: lognormal with the weighted median, and sigma = weighted sd of log(value);
 * - normal prior: normal with the weighted mean and sd (draws outside the field's bounds are clamped by the
 *   scenario compiler);
 * - uniform or triangular prior (bounded): triangular on the weighted 0.5% and 99.5% percentiles, with the mode
 *   that gives the weighted mean (3 mean - min - max, kept within them).
 * Each marginal is fitted alone: correlations between parameters in the posterior are not carried over.
 */
import type { Distribution } from '../../scenario/distributions.ts';
import type { Prior } from './priors.ts';
import { weightedMean, weightedQuantile, weightedSd } from './weightedStats.ts';

/**
 * The fitted distribution of one parameter's weighted posterior sample, rounded with `round`.
 * @example fitMarginal({dist: 'uniform', min: 0, max: 1}, [0.1, 0.2, 0.3], [1, 1, 1]) // {dist: 'triangular', min: 0.1, mode: 0.2, max: 0.3}
 */
export function fitMarginal(prior: Prior, values: readonly number[], weights: readonly number[], round: (x: number) => number = (x) => x): Distribution {
  switch (prior.dist) {
    case 'lognormal': {
      const logs = values.map((v) => Math.log(v));
      return { dist: 'lognormal', median: round(weightedQuantile(values, weights, 0.5)), sigma: round(weightedSd(logs, weights)) };
    }
    case 'normal':
      return { dist: 'normal', mean: round(weightedMean(values, weights)), sd: round(weightedSd(values, weights)) };
    case 'uniform':
    case 'triangular': {
      const min = round(weightedQuantile(values, weights, 0.005));
      const max = round(weightedQuantile(values, weights, 0.995));
      const mode = round(Math.min(max, Math.max(min, 3 * weightedMean(values, weights) - min - max)));
      return { dist: 'triangular', min, mode, max };
    }
  }
}
