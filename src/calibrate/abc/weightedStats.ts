/**
 * Weighted summaries of a sample (values with importance weights): quantiles, mean, standard deviation.
 * Ties and order are resolved by index, so the result never depends on the order of a hash or a sort's whims.
 */

/**
 * The weighted `q`-quantile (0 <= q <= 1) of `values`: the smallest value whose cumulative normalised weight,
 * in ascending order of value (ties by index), reaches `q` (the inverse of the weighted empirical CDF).
 * @example weightedQuantile([3, 1, 2], [1, 1, 1], 0.5) // 2
 * @example weightedQuantile([1, 2], [1, 3], 0.3) // 2
 */
export function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  let total = 0;
  for (const w of weights) total += w;
  const target = q * total;
  let cumulative = 0;
  for (const i of order) {
    cumulative += weights[i];
    if (cumulative >= target && weights[i] > 0) return values[i];
  }
  return values[order[order.length - 1]];
}

/**
 * Weighted mean of `values`.
 * @example weightedMean([1, 3], [3, 1]) // 1.5
 */
export function weightedMean(values: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    sum += weights[i] * values[i];
    total += weights[i];
  }
  return sum / total;
}

/**
 * Weighted standard deviation of `values` (the population form: sum w (x - mean)^2 / sum w, no small-sample
 * correction, as the ABC literature uses for kernel widths).
 * @example weightedSd([0, 2], [1, 1]) // 1
 */
export function weightedSd(values: readonly number[], weights: readonly number[]): number {
  const mean = weightedMean(values, weights);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    sum += weights[i] * (values[i] - mean) ** 2;
    total += weights[i];
  }
  return Math.sqrt(sum / total);
}
