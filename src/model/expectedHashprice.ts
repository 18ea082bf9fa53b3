/**
 * The hashprice agents expect when they decide, USD per TH/s per month.
 *
 * Under the difficulty lag, this month's hashprice is fixed by last month's hashrate (4320 blocks' reward over
 * H(t-1)), whatever this month's hashrate. If agents switched on that alone, a fleet near breakeven would all
 * switch off one month and all on the next. They expect instead the hashprice at which the difficulty settles:
 * the fixed point `hp = rewardUsd / H(hp)`, where H(hp) is the hashrate of the machines able to run whose
 * breakeven cost (power + opex) is at most hp. It is found on a histogram of breakevens, log-spaced from
 * 0.01 to 1,000 USD per TH/s per month (1.2% per bin), in one pass over the agents.
 */

export const BREAKEVEN_BINS = 1000;
const LOG_MIN = Math.log(0.01);
const LOG_MAX = Math.log(1000);
const BINS_PER_LOG = BREAKEVEN_BINS / (LOG_MAX - LOG_MIN);

/** Bin of a breakeven cost (clamped to the histogram's range). Example: 0.01 is bin 0. */
export function breakevenBin(costUsdPerThMonth: number): number {
  if (!(costUsdPerThMonth > 0.01)) return 0;
  const k = Math.floor((Math.log(costUsdPerThMonth) - LOG_MIN) * BINS_PER_LOG);
  return k >= BREAKEVEN_BINS ? BREAKEVEN_BINS - 1 : k;
}

/** Upper edge of bin `k`, USD per TH/s per month. */
function binTop(k: number): number {
  return Math.exp(LOG_MIN + (k + 1) / BINS_PER_LOG);
}

/**
 * Solves hp = rewardUsd / H(hp) on a histogram `thsByBin` (TH/s of able machines per breakeven bin).
 * `rewardUsdPerMonth` is 4320 * (subsidy + fees) * BTC price. Returns `fallback` when no machine can run, and 0
 * when there is no reward.
 * Example: one machine class of 100 TH/s with breakeven 1 and a reward of 500 USD gives 5 (all run).
 */
export function settledHashprice(thsByBin: Float64Array, rewardUsdPerMonth: number, fallback: number): number {
  if (!(rewardUsdPerMonth > 0)) return 0; // nothing to earn: no machine runs
  let cumulativeThs = 0;
  for (let k = 0; k < thsByBin.length; k++) {
    cumulativeThs += thsByBin[k];
    if (cumulativeThs <= 0) continue;
    const top = binTop(k);
    // Machines up to this bin running together earn rewardUsd / cumulativeThs each; if that is within
    // this bin, or below it (adding the bin's machines pushes the hashprice under their own cost), stop here.
    if (rewardUsdPerMonth / cumulativeThs <= top) {
      const bottom = k === 0 ? 0 : binTop(k - 1);
      return Math.max(bottom, rewardUsdPerMonth / cumulativeThs);
    }
  }
  return cumulativeThs > 0 ? rewardUsdPerMonth / cumulativeThs : fallback;
}
