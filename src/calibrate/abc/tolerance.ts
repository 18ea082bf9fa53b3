/**
 * The adaptive tolerance schedule (Drovandi & Pettitt 2011; Beaumont et al. 2009 with a quantile rule): the
 * tolerance of generation t is the `quantile` (e.g. the median) of the distances of generation t-1's particles,
 * weighted by their importance weights. Generation 0 samples the prior and accepts every finite distance.
 */
import { weightedQuantile } from './weightedStats.ts';

/**
 * Tolerance of the next generation from the previous generation's accepted `distances` and `weights`: their
 * weighted `quantile`, never above the previous tolerance (distances are all within it anyway).
 * @example nextTolerance([1, 2, 3, 4], [1, 1, 1, 1], 0.5, Infinity) // 2
 */
export function nextTolerance(distances: readonly number[], weights: readonly number[], quantile: number, previous: number): number {
  const q = weightedQuantile(distances, weights, quantile);
  return Math.min(q, previous);
}

/**
 * True when a candidate at `distance` is accepted under `tolerance`: finite and at most the tolerance (a failed
 * simulation has distance Infinity or NaN and is never accepted, even by generation 0's infinite tolerance).
 * @example accepts(1, 1) // true
 * @example accepts(Infinity, Infinity) // false
 */
export function accepts(distance: number, tolerance: number): boolean {
  return Number.isFinite(distance) && distance <= tolerance;
}
