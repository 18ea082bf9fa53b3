/**
 * The distance of a particle to the observations, in "target units": the largest of the mean absolute errors of
 * the map shares of CN, US, KZ and RU (percentage points, the observation model's map view) divided by its target of
 * 2.5 pp (issue 10 asks each country to be within it, so a particle cannot buy one country's error with another's),
 * and the network hashrate's mean absolute percentage error divided by its target of 6%, averaged:
 * d = (max MAE / 2.5 + MAPE / 6) / 2. A particle at both targets is at distance 1.
 * Both errors are the backtest's own (`scoreRuns`): those of the median of the particle's runs, month by month,
 * so the distance measures its parameters more than one seed's luck, and equals what `hashsim backtest` reports
 * for the same runs.
 */
import { scoreRuns, type ObservationFor } from '../backtest.ts';
import { SCORED_COUNTRIES } from '../observations.ts';
import type { RunSeries } from '../runSeries.ts';
import type { Target } from './target.ts';

/** The countries whose map shares the distance scores. */
export const DISTANCE_COUNTRIES = ['CN', 'US', 'KZ', 'RU'] as const;
/** Mean absolute error of a country's map share at which the share term is 1, pp. */
export const TARGET_SHARE_MAE_PP = 2.5;
/** Network hashrate MAPE at which the network term is 1, percent. */
export const TARGET_NETWORK_MAPE_PCT = 6;

/** A particle's distance and its parts. */
export interface DistanceParts {
  /** Per country of `DISTANCE_COUNTRIES`: the MAE of its map share's median, pp. */
  shareMaePp: Record<(typeof DISTANCE_COUNTRIES)[number], number>;
  /** The largest of `shareMaePp`, pp. */
  worstShareMaePp: number;
  /** MAPE of the network hashrate's median, %. */
  networkMapePct: number;
  /** (worstShareMaePp / 2.5 + networkMapePct / 6) / 2. */
  distance: number;
}

/**
 * Distance of a particle's runs to `target`, with each run's observation-model parameters from `observation`.
 * Every scored month must be simulated by every run (else a `RangeError`).
 * @example particleDistance(runs, target, (run) => observationParams(data, run.seed)).distance // 1.3
 */
export function particleDistance(runs: readonly RunSeries[], target: Target, observation: ObservationFor): DistanceParts {
  const scores = scoreRuns(runs, target, 'map', observation);
  const shareMaePp = { CN: NaN, US: NaN, KZ: NaN, RU: NaN };
  let worstShareMaePp = Number.NEGATIVE_INFINITY;
  for (const c of DISTANCE_COUNTRIES) {
    shareMaePp[c] = scores.shares.series[SCORED_COUNTRIES.indexOf(c)].mae;
    worstShareMaePp = Math.max(worstShareMaePp, shareMaePp[c]); // NaN if any is NaN
  }
  const networkMapePct = scores.hashrate.series[0].mape ?? NaN;
  return { shareMaePp, worstShareMaePp, networkMapePct, distance: (worstShareMaePp / TARGET_SHARE_MAE_PP + networkMapePct / TARGET_NETWORK_MAPE_PCT) / 2 };
}
