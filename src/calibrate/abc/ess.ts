/**
 * Effective sample size of a weighted sample (Kish): (sum w)^2 / sum w^2. N equal weights give N; one weight
 * holding everything gives 1.
 */

/**
 * Effective sample size of `weights` (any scale; zeros allowed). 0 for an empty or all-zero sample.
 * @example effectiveSampleSize([1, 1, 1, 1]) // 4
 * @example effectiveSampleSize([1, 0, 0, 0]) // 1
 */
export function effectiveSampleSize(weights: readonly number[]): number {
  let sum = 0;
  let sumSquares = 0;
  for (const w of weights) {
    sum += w;
    sumSquares += w * w;
  }
  return sumSquares > 0 ? (sum * sum) / sumSquares : 0;
}
