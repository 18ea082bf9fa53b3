/**
 * The monthly settlement (MODEL.md sections 1, 4 and 6) as an ordered list of phases, each its own module
 * under phases/ (ban.ts holds everything a ban does). It runs in two steps at each month's end:
 * 1. `settleMonth`: what happened during the month, by days: the month's conditions, its production and
 *    output row, and the lagged state it leaves (difficulty, congestion);
 * 2. the events dated on the next month's first day (src/engine/clock.ts), then `decideAtMonthEnd`: what
 *    agents decide for the next month, knowing it; those decisions take effect from the next month.
 */
import { detectCovertMiners } from './ban.ts';
import { startBuildOut } from './phases/buildOut.ts';
import { closeMonth, openMonth, prepareNextMonth } from './phases/conditions.ts';
import { curtailRegionsNow } from './phases/curtailment.ts';
import { expectHashprice } from './phases/expectations.ts';
import { advanceLagged } from './phases/lagged.ts';
import { runCapacityMarket } from './phases/market.ts';
import { settleProduction } from './phases/production.ts';
import { reviewAgents } from './phases/reviews.ts';
import { offerNewMachines } from './phases/supply.ts';
import type { World } from './world.ts';

/** The phases of a month's settlement, in order (for docs and tests). */
export const PHASES = [
  'conditions: the month\'s mean capacity, power price, subsidy and Bitcoin price',
  'production: arrivals, day-weighted statuses, blocks, hashprice, revenue, the output row',
  'lagged: next month\'s difficulty and congestion from this month',
  '(events of the next month\'s first day)',
  'next month: capacity, prices and the horizon agents know',
  'expectations: the settled hashprice of next month',
  'detection: covert miners caught (ban.ts)',
  'reviews: switching off, idle machines looking for power, scrapping, reviews, free capacity',
  'supply: new machines offered as lots',
  'market: one capacity market for everyone looking for power',
  'build-out: new hosting where margins and utilisation justify it',
  'open: the next month starts with its capacity (where a cut still holds, the least efficient go dark)',
] as const;

/** What happened in month `step` (days `firstDay` .. `endDay` exclusive): conditions, production, lagged state. */
export function settleMonth(world: World, step: number, firstDay: number, endDay: number): void {
  const month = world.month;
  month.step = step;
  month.firstDay = firstDay;
  month.endDay = endDay;
  const economics = closeMonth(world);
  settleProduction(world, economics);
  advanceLagged(world);
  world.lastBtcPriceUsd = economics.btcPriceUsd;
}

/** What agents decide at the end of the month just settled, for the next; then the next month opens. */
export function decideAtMonthEnd(world: World): void {
  const month = world.month;
  prepareNextMonth(world, world.lastBtcPriceUsd);
  expectHashprice(world);
  detectCovertMiners(world);
  reviewAgents(world);
  offerNewMachines(world);
  runCapacityMarket(world);
  startBuildOut(world);
  month.step += 1;
  month.firstDay = month.endDay;
  month.accountsFromDay = month.endDay;
  openMonth(world, month.endDay);
  curtailUnderCuts(world, month.firstDay);
}

/**
 * Machines switched on for a month run only within the capacity in force on its first day: where a power cut
 * still holds then (the market valued the month's mean capacity, the cut ending on a known day), the least
 * efficient go dark until the market places them again (curtailment.ts, as on the day a cut starts).
 */
function curtailUnderCuts(world: World, firstDay: number): void {
  const cut: number[] = [];
  for (let r = 0; r < world.regionCount; r++) if (world.capacityFactor[r] < 1) cut.push(r);
  if (cut.length > 0) curtailRegionsNow(world, cut, firstDay);
}
