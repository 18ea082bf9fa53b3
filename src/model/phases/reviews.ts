/**
 * Phase 7 of the settlement: every agent, in id order, looks at next month. Active machines that would lose
 * money switch off (with hysteresis); idle machines look for power every month (when they could run
 * somewhere); a change of power price or capacity where it matters prompts reviews; operations waiting
 * out a ban and machines in warehouses take part in the market every month; the rest review on their own
 * schedule, or, under an announced ban, with the monthly leave probability. A machine idle or waiting for
 * more than `retireAfterIdleMonths` is scrapped (nobody ran or bought it in that time). The phase also measures what
 * the market needs: MW free next month per region (capacity - drawing - reserved shipments), the MW an
 * efficient newcomer could displace, and the cheapest open power with room (second-hand buyers).
 */
import { keyedUniform } from '../../engine/streams.ts';
import { changeStatus } from '../accounting.ts';
import { monthsUntilReview, wantsToRun } from '../decisions.ts';
import { KWH_PER_MONTH_PER_WATT } from '../economics.ts';
import { EFFICIENCY_BINS } from '../efficiencyBins.ts';
import { ACTIVE, HIDDEN, IDLE, Policy, RETIRED, TRANSIT } from '../status.ts';
import { WATTS_PER_MW } from '../units.ts';
import type { World } from '../world.ts';
import { fitNextMonth } from './curtailment.ts';
import { enqueue, Kind } from './market.ts';

/** Keyed draw slots of the `reviews` stream. */
const REVIEW_SLOT = 0;
const ANNOUNCED_SLOT = 1;

/**
 * Runs the reviews of the month and fills the market's participants, `next.freeMw`, the displaceable
 * histogram and `next.buyerPriceUsdPerKwh`.
 * @example reviewAgents(world); world.market.count // agents taking part in this month's market
 */
export function reviewAgents(world: World): void {
  const { agents, plan, next, market, month } = world;
  const { step, endDay } = month;
  const R = world.regionCount;
  const b = plan.behaviour;
  const opex = plan.network.opexUsdPerThMonth;
  const hashprice = next.hashpriceUsdPerTh;
  const net = hashprice - opex;
  const band = b.switchHysteresis * Math.abs(hashprice);
  const policy = world.bans.policy;
  const price = next.priceUsdPerKwh;
  const hiddenMultiplier = b.hiddenPowerPriceMultiplier;
  const retireAfter = b.retireAfterIdleMonths;
  const lowest = next.lowestOpenPriceUsdPerKwh;
  const reviewsKey = world.keys.reviews;
  const free = next.freeMw;
  const histogram = market.displaceableMw;
  const prompted = promptedRegions(world);
  free.fill(0); // drawing + reserved MW for now; turned into free MW below
  histogram.fill(0);
  market.displaceableDirty.fill(1);
  market.count = 0;
  for (let id = 0; id < agents.count; id++) {
    const s = agents.status[id];
    if (s === RETIRED) continue;
    const r = agents.region[id];
    const jPerTh = agents.jPerTh[id];
    const load = (agents.hashrateThs[id] * jPerTh) / WATTS_PER_MW;
    if (s === TRANSIT) {
      if (r >= 0) {
        free[r] += load; // reserved by a shipment on its way
        continue;
      }
      // In a warehouse: looks for a place every month; scrapped when nobody took it for too long.
      if (++agents.idleMonths[id] > retireAfter) retire(world, id);
      else enqueue(world, id, Kind.WAREHOUSED);
      continue;
    }
    const kwh = KWH_PER_MONTH_PER_WATT * jPerTh;
    if (s === HIDDEN) {
      if (net - kwh * price[r] * hiddenMultiplier < 0) {
        changeStatus(world, id, IDLE, r, endDay); // covert mining no longer pays: waits in place
        enqueue(world, id, Kind.STRANDED);
        continue;
      }
      free[r] += load;
      if (agents.reviewStep[id] <= step) {
        agents.reviewStep[id] = step + monthsUntilReview(agents.reviewProbability[id], keyedUniform(reviewsKey, id, step, REVIEW_SLOT));
        enqueue(world, id, Kind.VOLUNTARY);
      }
      continue;
    }
    const margin = net - kwh * price[r];
    if (s === ACTIVE) {
      if (wantsToRun(true, margin, hashprice, b.switchHysteresis)) {
        free[r] += load;
        agents.idleMonths[id] = 0;
        if (policy[r] === Policy.OPEN) histogram[r * EFFICIENCY_BINS + agents.jBin[id]] += load;
        if (policy[r] === Policy.ANNOUNCED) {
          if (keyedUniform(reviewsKey, id, step, ANNOUNCED_SLOT) < b.announcedLeaveProbabilityPerMonth) enqueue(world, id, Kind.VOLUNTARY);
        } else if (prompted[r] === 1) {
          enqueue(world, id, Kind.VOLUNTARY); // its power gets dearer or scarcer, or cheaper power opens elsewhere
        } else if (agents.reviewStep[id] <= step) {
          agents.reviewStep[id] = step + monthsUntilReview(agents.reviewProbability[id], keyedUniform(reviewsKey, id, step, REVIEW_SLOT));
          enqueue(world, id, Kind.VOLUNTARY);
        }
        continue;
      }
      changeStatus(world, id, IDLE, r, endDay);
    }
    // Idle: switched off where it is, or waiting out a ban in place.
    if (++agents.idleMonths[id] > retireAfter) retire(world, id); // nobody ran or bought it for too long: scrapped
    else if (policy[r] === Policy.BANNED) enqueue(world, id, Kind.STRANDED);
    else if (net - kwh * Math.min(lowest, price[r]) > band) enqueue(world, id, Kind.LOOKING); // it could run somewhere
  }
  next.buyerPriceUsdPerKwh = Number.POSITIVE_INFINITY;
  for (let r = 0; r < R; r++) {
    free[r] = next.capacityMw[r] - free[r];
    if (policy[r] === Policy.OPEN && free[r] > 0 && price[r] < next.buyerPriceUsdPerKwh) next.buyerPriceUsdPerKwh = price[r];
  }
  fitNextMonth(world, (id) => enqueue(world, id, agents.region[id] >= 0 && policy[agents.region[id]] === Policy.BANNED ? Kind.STRANDED : Kind.LOOKING));
}

/** A change of more than this share in next month's power price or capacity prompts reviews (`promptedRegions`). */
export const PROMPT_CHANGE_SHARE = 0.1;

/**
 * Regions whose active operations all review this month because something changes next month where it
 * matters to them (MODEL.md section 6): their own power gets dearer or scarcer by more than
 * `PROMPT_CHANGE_SHARE` (a dry season, a tariff), or an open region of the same country with cheaper power next
 * month gains that much capacity or gets that much cheaper (a wet season opening). 1 = prompted.
 * @example promptedRegions(world)[sichuan] // 1 at the end of October: its price rises and capacity falls
 */
export function promptedRegions(world: Pick<World, 'plan' | 'regionCount' | 'capacityMw' | 'priceUsdPerKwh' | 'next' | 'bans'>): Uint8Array {
  const R = world.regionCount;
  const { next } = world;
  const prompted = new Uint8Array(R);
  const worse = (r: number) =>
    next.priceUsdPerKwh[r] > world.priceUsdPerKwh[r] * (1 + PROMPT_CHANGE_SHARE) || next.capacityMw[r] < world.capacityMw[r] * (1 - PROMPT_CHANGE_SHARE);
  const opens = (r: number) =>
    world.bans.policy[r] === Policy.OPEN &&
    (next.capacityMw[r] > world.capacityMw[r] * (1 + PROMPT_CHANGE_SHARE) || next.priceUsdPerKwh[r] < world.priceUsdPerKwh[r] * (1 - PROMPT_CHANGE_SHARE));
  for (let q = 0; q < R; q++) if (worse(q)) prompted[q] = 1;
  const regions = world.plan.regions;
  for (let r = 0; r < R; r++) {
    if (!opens(r)) continue;
    for (let q = 0; q < R; q++) {
      if (q !== r && regions[q].country === regions[r].country && next.priceUsdPerKwh[q] > next.priceUsdPerKwh[r]) prompted[q] = 1;
    }
  }
  return prompted;
}

/** Scraps agent `id` (nobody would run it): it leaves the fleet from next month. */
function retire(world: World, id: number): void {
  changeStatus(world, id, RETIRED, world.agents.region[id], world.month.endDay);
  world.retiredThs += world.agents.hashrateThs[id];
}
