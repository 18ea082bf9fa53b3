/**
 * The summary metrics of one run that a sweep's `points.csv` reports (medians and percentiles over a point's
 * runs), computed from the run's per-month rows:
 * - `share`: a country's share of hashing hashrate in a given month (fraction);
 * - `troughDepth`: 1 - (lowest network hashrate from the first ban's month on) / (highest before that month),
 *   a fraction (0.38 is a 38% drop; 0 when it never falls below that peak); undefined when the scenario has no
 *   ban or the ban is in its first month;
 * - `recoveryMonths`: months from the trough (the first month of that lowest hashrate) to the first later month
 *   whose network hashrate is back at or above the pre-ban peak; `Infinity` when it never is before the end
 *   (censored); undefined without a ban;
 * - `energyTwh`, `co2Mt`: network energy (TWh) and CO2 (Mt) summed over every month of the run.
 */
import { fsum } from 'd3-array';

/** The metrics of one run (see the module comment). */
export interface RunMetrics {
  share: number | undefined;
  troughDepth: number | undefined;
  recoveryMonths: number | undefined;
  energyTwh: number;
  co2Mt: number;
}

/** What one run's metrics are computed from: month labels and the network series, one value per month. */
export interface RunSeries {
  months: readonly string[];
  hashrateEhs: ArrayLike<number>;
  energyTwh: ArrayLike<number>;
  co2Mt: ArrayLike<number>;
  /** The country's share in the metric month, if the run has that month. */
  share: number | undefined;
}

/**
 * The metrics of one run, given the month (`YYYY-MM`) of the scenario's first ban (undefined: no ban).
 * @example runMetrics({months: ['2021-01', '2021-02', '2021-03'], hashrateEhs: [100, 60, 110], energyTwh: [1, 1, 1], co2Mt: [0.5, 0.5, 0.5], share: 0.4}, '2021-02')
 * // {share: 0.4, troughDepth: 0.4, recoveryMonths: 1, energyTwh: 3, co2Mt: 1.5} (trough 2021-02, back above 100 in 2021-03)
 */
export function runMetrics(series: RunSeries, banMonth: string | undefined): RunMetrics {
  const { months, hashrateEhs } = series;
  const energyTwh = fsum(Array.from(series.energyTwh));
  const co2Mt = fsum(Array.from(series.co2Mt));
  const ban = banMonth === undefined ? -1 : months.findIndex((m) => m >= banMonth);
  if (ban <= 0) return { share: series.share, troughDepth: undefined, recoveryMonths: undefined, energyTwh, co2Mt };
  let peak = -Infinity;
  for (let s = 0; s < ban; s++) peak = Math.max(peak, hashrateEhs[s]);
  let trough = ban;
  for (let s = ban + 1; s < months.length; s++) if (hashrateEhs[s] < hashrateEhs[trough]) trough = s;
  let recoveryMonths = Infinity;
  for (let s = trough + 1; s < months.length; s++) {
    if (hashrateEhs[s] >= peak) {
      recoveryMonths = s - trough;
      break;
    }
  }
  return { share: series.share, troughDepth: peak > 0 ? Math.max(0, 1 - hashrateEhs[trough] / peak) : undefined, recoveryMonths, energyTwh, co2Mt };
}

/**
 * The p-quantile (0 <= p <= 1) of values sorted ascending, by linear interpolation between order statistics
 * (R's type 7, as d3-array's `quantileSorted`), where `Infinity` (a censored value) is allowed: a quantile that
 * touches it is `Infinity`. Undefined for no values.
 * @example quantileCensored([1, 2, Infinity], 0.5) // 2
 */
export function quantileCensored(sorted: readonly number[], p: number): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const w = h - lo;
  if (w === 0 || lo + 1 >= n) return sorted[lo];
  const [a, b] = [sorted[lo], sorted[lo + 1]];
  if (a === Infinity || b === Infinity) return Infinity;
  return a + w * (b - a);
}
