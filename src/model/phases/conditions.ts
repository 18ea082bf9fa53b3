/**
 * Phase 1 and 4 of the settlement: the conditions of a month.
 * - `closeMonth`: this month's day-weighted means (capacity with its cuts and additions, power price with its
 *   tariffs and congestion at last month's utilisation, block subsidy, Bitcoin price with its shocks).
 * - `prepareNextMonth`: what agents know of the next months when they decide (MODEL.md section 6): capacity
 *   and price next month, and along the horizon each region's known price path and the weight of each month
 *   (the ban hazard perceived now, the share of the month it is open, its capacity relative to next month's:
 *   a dry season ahead weighs less), with today's tariffs and congestion carried forward and the power cuts in
 *   force ending on their dates.
 */
import { firstDayOfMonth } from '../../engine/calendar.ts';
import type { DayWeightedValue } from '../../engine/dayWeighted.ts';
import type { Plan } from '../../plan/plan.ts';
import { BLOCKS_PER_MONTH_AT_TARGET, subsidyBtcOnDay } from '../economics.ts';
import type { BanState } from '../ban.ts';
import { Policy } from '../status.ts';
import { MONTHS_PER_YEAR } from '../units.ts';
import type { MonthSpan, NextMonth, World } from '../world.ts';

/** Network-wide economics of a month (day-weighted). */
export interface MonthEconomics {
  btcPriceUsd: number;
  subsidyBtc: number;
  feesBtc: number;
  rewardBtc: number;
}

/** What `closeMonth` reads and writes. */
export type CloseMonthInput = Pick<World, 'plan' | 'regionCount' | 'month' | 'capacity'
  | 'tariffAddUsdPerKwh' | 'tariffMultiply' | 'subsidyBtc' | 'priceMultiplier' | 'utilisation' | 'capacityMw' | 'priceUsdPerKwh'>;

/**
 * Closes the day-weighted values of the month `w.month` and writes the month's mean capacity and power price
 * per region (`capacityMw`, `priceUsdPerKwh`).
 * @example closeMonth(world).btcPriceUsd // the month's mean Bitcoin price, shocks included
 */
export function closeMonth(w: CloseMonthInput): MonthEconomics {
  const { plan, month } = w;
  const { step, firstDay, endDay } = month;
  const btcPriceUsd = plan.network.btcPriceUsd[step] * w.priceMultiplier.closeMonth(firstDay, endDay);
  const subsidyBtc = w.subsidyBtc.closeMonth(firstDay, endDay);
  const feesBtc = plan.network.feesBtcPerBlock[step];
  for (let r = 0; r < w.regionCount; r++) {
    const region = plan.regions[r];
    const add = w.tariffAddUsdPerKwh[r].closeMonth(firstDay, endDay);
    const multiply = w.tariffMultiply[r].closeMonth(firstDay, endDay);
    w.capacityMw[r] = w.capacity[r].closeMonth(firstDay, endDay);
    const strain = Math.max(0, w.utilisation[r] - region.congestionThreshold);
    w.priceUsdPerKwh[r] = (region.powerPriceUsdPerKwh[step] * multiply + add) * (1 + region.congestionSlope * strain);
  }
  return { btcPriceUsd, subsidyBtc, feesBtc, rewardBtc: subsidyBtc + feesBtc };
}

/** What `prepareNextMonth` reads and writes. */
export interface PrepareNextInput {
  plan: Plan;
  activeCuts: Map<number, number>[];
  regionCount: number;
  month: MonthSpan;
  bans: BanState;
  capacityFactor: Float64Array;
  addedMw: Float64Array;
  builtMw: Float64Array;
  buildPipelineMw: Float64Array;
  tariffAddUsdPerKwh: DayWeightedValue[];
  tariffMultiply: DayWeightedValue[];
  utilisation: Float64Array;
  next: NextMonth;
}

/**
 * Fills `next`: capacity and price next month per region, the horizon tables and next month's reward at
 * `btcPriceUsd` (agents expect today's Bitcoin price to hold; the subsidy follows the known halving days).
 */
export function prepareNextMonth(w: PrepareNextInput, btcPriceUsd: number): void {
  const { plan, next, bans, month } = w;
  const R = w.regionCount;
  const H = next.horizonMonths;
  const last = plan.months - 1;
  const s1 = Math.min(month.step + 1, last);
  const nextMonthIndex = plan.startMonth + month.step + 1;
  next.lowestOpenPriceUsdPerKwh = Number.POSITIVE_INFINITY;
  next.generation++;
  // First day and length of each horizon month (h = 0 is next month), the same for every region.
  const firstDays = horizonFirstDays(nextMonthIndex, H);
  for (let r = 0; r < R; r++) {
    const region = plan.regions[r];
    const added = w.addedMw[r];
    const comingMw = month.step + 1 <= last ? w.buildPipelineMw[(month.step + 1) * R + r] : 0;
    // The cuts in force end on their known dates: each month of the horizon counts the part of it they cover.
    const capacityAt = (s: number, h: number) =>
      Math.max(0, (region.capacityMw[s] + added + w.builtMw[r] + comingMw) * cutFactorOfMonth(w, r, firstDays[h], firstDays[h + 1] - firstDays[h]));
    const multiply = w.tariffMultiply[r].value;
    const add = w.tariffAddUsdPerKwh[r].value;
    const congestion = 1 + region.congestionSlope * Math.max(0, w.utilisation[r] - region.congestionThreshold);
    const priceAt = (s: number) => (region.powerPriceUsdPerKwh[s] * multiply + add) * congestion;
    const capacityNext = capacityAt(s1, 0);
    next.capacityMw[r] = capacityNext;
    next.priceUsdPerKwh[r] = priceAt(s1);
    const policy = bans.policy[r];
    if (policy === Policy.OPEN && next.priceUsdPerKwh[r] < next.lowestOpenPriceUsdPerKwh) next.lowestOpenPriceUsdPerKwh = next.priceUsdPerKwh[r];
    // The ban risk perceived now holds over the horizon (its scenario path is what agents come to perceive).
    const discounts = hazardDiscounts(Math.min(1, Math.max(0, region.banHazardPerYear[s1])), H);
    for (let h = 0; h < H; h++) {
      const s = Math.min(month.step + 1 + h, last);
      const k = r * H + h;
      next.horizonPrice[k] = priceAt(s);
      const open = policy === Policy.OPEN ? 1 : openShareOfMonth(bans, r, firstDays[h], firstDays[h + 1] - firstDays[h]);
      const capacity = capacityAt(s, h);
      const room = capacity <= 0 ? 0 : capacityNext <= 0 ? 1 : Math.min(1, capacity / capacityNext);
      next.horizonWeight[k] = open * room * discounts[h];
    }
  }
  const nextFirstDay = firstDays[0];
  const nextDays = firstDays[1] - firstDays[0];
  let subsidy = 0;
  for (let d = 0; d < nextDays; d++) subsidy += subsidyBtcOnDay(nextFirstDay + d);
  next.rewardUsd = BLOCKS_PER_MONTH_AT_TARGET * (subsidy / nextDays + plan.network.feesBtcPerBlock[s1]) * btcPriceUsd;
}

/**
 * The weight a ban hazard of `hazardPerYear` (0..1) leaves on each of `months` horizon months (h = 0 is next month):
 * (1 - hazard)^((h + 1) / 12), 1 with no hazard, 0 for a certain ban. The last call's values are kept and returned
 * again for the same hazard and months (the regions of a country share their hazard): one power per month and
 * country instead of per month and region. Scratch: read it before the next call.
 * @example hazardDiscounts(0.5, 12)[11] // 0.5: one year at an even chance of a ban
 */
export function hazardDiscounts(hazardPerYear: number, months: number): Float64Array {
  if (hazardPerYear === discountsHazard && months === discountsMonths) return discountsScratch;
  if (discountsScratch.length < months) discountsScratch = new Float64Array(months);
  for (let h = 0; h < months; h++) {
    discountsScratch[h] = hazardPerYear === 0 ? 1 : hazardPerYear === 1 ? 0 : Math.pow(1 - hazardPerYear, (h + 1) / MONTHS_PER_YEAR);
  }
  discountsHazard = hazardPerYear;
  discountsMonths = months;
  return discountsScratch;
}

let discountsScratch = new Float64Array(0);
let discountsHazard = Number.NaN;
let discountsMonths = -1;

/**
 * First days (day numbers) of the `months` months from month index `firstMonth` on, and of the month after them
 * (`months + 1` values), so month h has `out[h + 1] - out[h]` days. Scratch reused from call to call.
 * @example horizonFirstDays(monthIndex(2021, 1), 2) // [18628, 18659, 18687]: January 31 days, February 28
 */
export function horizonFirstDays(firstMonth: number, months: number): Float64Array {
  if (firstDaysScratch.length < months + 1) firstDaysScratch = new Float64Array(months + 1);
  for (let h = 0; h <= months; h++) firstDaysScratch[h] = firstDayOfMonth(firstMonth + h);
  return firstDaysScratch;
}

let firstDaysScratch = new Float64Array(0);

/**
 * Mean capacity factor of region `r` over a month (first day `firstDay`, `days` long) from the power cuts in
 * force now, each until its known end: a cut to fraction f covering a share c of the month counts 1 - (1 - f) c.
 * @example cutFactorOfMonth(world, kz, firstDayOfMonth(m), 30) // 0.7 while rationing at 70% lasts all month
 */
export function cutFactorOfMonth(w: Pick<World, 'plan' | 'activeCuts'>, r: number, firstDay: number, days: number): number {
  let factor = 1;
  for (const [index, fraction] of w.activeCuts[r]) {
    const cut = w.plan.events[index];
    const to = cut.type === 'powerCut' ? cut.to : Number.POSITIVE_INFINITY;
    const covered = clamp01((to - firstDay) / days);
    factor *= 1 - (1 - fraction) * covered;
  }
  return factor;
}

/**
 * Share of a month (first day `firstDay`, `days` long) in which a region that is not open may host miners:
 * before an announced ban takes effect, or after a ban in force is lifted (0 for a ban with no known end).
 */
export function openShareOfMonth(bans: BanState, r: number, firstDay: number, days: number): number {
  if (bans.policy[r] === Policy.ANNOUNCED) return clamp01((bans.effectiveDay[r] - firstDay) / days);
  const lift = bans.liftDay[r];
  if (!(lift < Number.POSITIVE_INFINITY)) return 0;
  return clamp01((firstDay + days - lift) / days);
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** What `capacityNowMw` reads. */
export type CapacityNowInput = Pick<World, 'plan' | 'month' | 'addedMw' | 'builtMw' | 'capacityFactor'>;

/**
 * Instantaneous capacity of region `r` on the current day of the month being simulated, MW: the scenario's
 * path plus capacity events and build-out, times the power cuts in force.
 * @example capacityNowMw(world, kz) // 1950 * 0.7 once rationing has started
 */
export function capacityNowMw(w: CapacityNowInput, r: number): number {
  const step = Math.min(Math.max(0, w.month.step), w.plan.months - 1);
  const base = w.plan.regions[r].capacityMw[step];
  return Math.max(0, (base + w.addedMw[r] + w.builtMw[r]) * w.capacityFactor[r]);
}

/** Records region `r`'s capacity from `day` on (after an event changed it, or at a month's start). */
export function refreshCapacity(w: CapacityNowInput & Pick<World, 'capacity'>, r: number, day: number): void {
  w.capacity[r].set(day, capacityNowMw(w, r));
}

/**
 * Opens the month after the one just settled: build-out due then comes online and each region's capacity is
 * set for its first day. Call with `w.month.step` already the new month's step.
 */
export function openMonth(w: CapacityNowInput & Pick<World, 'capacity' | 'buildPipelineMw' | 'regionCount'>, firstDay: number): void {
  const step = w.month.step;
  if (step >= w.plan.months) return;
  for (let r = 0; r < w.regionCount; r++) {
    w.builtMw[r] += w.buildPipelineMw[step * w.regionCount + r];
    refreshCapacity(w, r, firstDay);
  }
}
