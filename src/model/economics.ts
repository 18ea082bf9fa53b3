/**
 * Bitcoin economics (MODEL.md section 4): block subsidy and halvings, blocks per month under the
 * difficulty lag, hashprice and the cost of running a TH/s for a month.
 */
import { dayNumber } from '../engine/calendar.ts';
import { WATTS_PER_MW } from './units.ts';

/** Blocks in a 30-day month at the target of one block per 10 minutes. */
export const BLOCKS_PER_MONTH_AT_TARGET = 4320;

/** kWh drawn in a month (720 h) by one TH/s at 1 J/TH. */
export const KWH_PER_MONTH_PER_WATT = 0.72;

/** Days between halvings at the target block time: 210,000 blocks * 10 minutes. */
export const DAYS_PER_HALVING_EPOCH = (210_000 * 10) / (60 * 24);

/** Known halving days (2012, 2016, 2020, 2024); later ones are projected every 210,000 blocks at target pace. */
const KNOWN_HALVINGS = [dayNumber(2012, 11, 28), dayNumber(2016, 7, 9), dayNumber(2020, 5, 11), dayNumber(2024, 4, 20)];

/**
 * Halving days up to `untilDay` (inclusive), in order.
 * Example: the third entry is 2020-05-11; the fifth is projected about 2028-04-17.
 */
export function halvingDays(untilDay: number): number[] {
  const days = KNOWN_HALVINGS.filter((d) => d <= untilDay);
  let next = KNOWN_HALVINGS[KNOWN_HALVINGS.length - 1] + DAYS_PER_HALVING_EPOCH;
  while (next <= untilDay) {
    days.push(Math.round(next));
    next += DAYS_PER_HALVING_EPOCH;
  }
  return days;
}

/**
 * Block subsidy in BTC on a day: 50 BTC halved at every halving before or on that day.
 * Example: `subsidyBtcOnDay(dayNumber(2021, 1, 1))` is 6.25.
 */
export function subsidyBtcOnDay(day: number): number {
  return 50 / 2 ** halvingDays(day).length;
}

/**
 * Blocks found in a month whose difficulty was set for `difficultyImpliedThs`: 4320 * H(t) / that hashrate.
 * No hashing, no blocks. Example: hashrate halving from 160 to 80 EH/s gives 2160 blocks.
 */
export function blocksPerMonth(hashrateThs: number, difficultyImpliedThs: number): number {
  if (!(hashrateThs > 0)) return 0;
  if (!(difficultyImpliedThs > 0)) return BLOCKS_PER_MONTH_AT_TARGET;
  return (BLOCKS_PER_MONTH_AT_TARGET * hashrateThs) / difficultyImpliedThs;
}

/**
 * The hashrate next month's difficulty is set for: this month's hashrate, moved by at most a factor of 4
 * from the current one (Bitcoin's factor-of-4 rule); unchanged after a month with no hashing (no blocks,
 * no adjustment). Example: from 100 EH/s, a month at 10 EH/s sets the next difficulty for 25 EH/s.
 */
export function nextDifficultyImpliedThs(difficultyImpliedThs: number, hashrateThs: number): number {
  if (!(hashrateThs > 0)) return difficultyImpliedThs;
  return Math.min(4 * difficultyImpliedThs, Math.max(difficultyImpliedThs / 4, hashrateThs));
}

/**
 * Hashprice, USD per TH/s per month: blocks * (subsidy + fees) * price / hashrate.
 * Example: 4320 blocks * 6.75 BTC * 50,000 USD / 150e6 TH/s = 9.72 USD per TH/s per month.
 */
export function hashpriceUsdPerThMonth(blocks: number, rewardBtcPerBlock: number, btcPriceUsd: number, hashrateThs: number): number {
  return hashrateThs > 0 ? (blocks * rewardBtcPerBlock * btcPriceUsd) / hashrateThs : 0;
}

/**
 * Power cost of one TH/s for a month, USD: efficiency (J/TH) * 0.72 kWh * price (USD/kWh).
 * Example: 30 J/TH at 0.05 USD/kWh costs 1.08 USD per TH/s per month.
 */
export function powerCostUsdPerThMonth(jPerTh: number, priceUsdPerKwh: number): number {
  return jPerTh * KWH_PER_MONTH_PER_WATT * priceUsdPerKwh;
}

/** Power drawn by `hashrateThs` TH/s at `jPerTh` J/TH, in MW. Example: 1e6 TH/s at 30 J/TH is 30 MW. */
export function loadMw(hashrateThs: number, jPerTh: number): number {
  return (hashrateThs * jPerTh) / WATTS_PER_MW;
}
