/**
 * The monthly settlement (MODEL.md sections 4 and 6): month means of event-driven values, arrivals,
 * switching with hysteresis, reviews, detection of hidden miners, relocation, new supply, curtailment to
 * capacity, then production (blocks under the difficulty lag, hashprice, revenue) and the output row.
 */
import { lognormalDraw } from '../engine/streams.ts';
import { hazardDiscountedMonths, logitChoice, monthsUntilReview, wantsToRun } from './decisions.ts';
import {
  BLOCKS_PER_MONTH_AT_TARGET, blocksPerMonth, hashpriceUsdPerThMonth, loadMw, nextDifficultyImpliedThs, powerCostUsdPerThMonth,
} from './economics.ts';
import { serveMovers } from './movers.ts';
import { breakevenBin, settledHashprice } from './expectedHashprice.ts';
import { sendToWarehouse } from './policies.ts';
import { Status } from './status.ts';
import { addMover, Policy, reviewTrait, type World } from './world.ts';

// Imported bindings copied to module constants: under tsx and vitest every use of an import is a getter call,
// which costs more than the arithmetic of the per-agent loops below.
const { ACTIVE, HIDDEN, IDLE, RETIRED, TRANSIT } = Status;
const { ANNOUNCED, BANNED, OPEN } = Policy;
const [mwOf, powerCost, runs, nextReview, choose, enqueue, toWarehouse, binOf, settle] = [loadMw, powerCostUsdPerThMonth,
  wantsToRun, monthsUntilReview, logitChoice, addMover, sendToWarehouse, breakevenBin, settledHashprice];

/** Settles month `step` (days `firstDay` .. `endDay` exclusive). */
export function settleMonth(world: World, step: number, firstDay: number, endDay: number): void {
  const { plan } = world;
  const priceMultiplier = world.priceMultiplier.closeMonth(firstDay, endDay);
  const subsidyBtc = world.subsidyBtc.closeMonth(firstDay, endDay);
  const btcPriceUsd = plan.network.btcPriceUsd[step] * priceMultiplier;
  const feesBtc = plan.network.feesBtcPerBlock[step];
  const rewardBtc = subsidyBtc + feesBtc;
  updateRegions(world, step, firstDay, endDay);
  arriveAndReserve(world, step);
  const expectedHashprice = expectHashprice(world, BLOCKS_PER_MONTH_AT_TARGET * rewardBtc * btcPriceUsd);
  scanAgents(world, step, expectedHashprice);
  serveMovers(world, step, firstDay, expectedHashprice);
  deploySupply(world, step, expectedHashprice);
  startBuildOut(world, step);
  curtailToCapacity(world);
  record(world, step, endDay - firstDay, { btcPriceUsd, subsidyBtc, feesBtc, rewardBtc });
}

/** Capacity, power price (tariffs, congestion at last month's utilisation) and horizon per region. */
function updateRegions(world: World, step: number, firstDay: number, endDay: number): void {
  const { plan } = world;
  for (let r = 0; r < world.regionCount; r++) {
    const region = plan.regions[r];
    const factor = world.capacityFactor[r].closeMonth(firstDay, endDay);
    const added = world.addedMw[r].closeMonth(firstDay, endDay);
    const add = world.tariffAddUsdPerKwh[r].closeMonth(firstDay, endDay);
    const mul = world.tariffMultiply[r].closeMonth(firstDay, endDay);
    world.builtMw[r] += world.buildPipelineMw[step * world.regionCount + r];
    world.capacityNowMw[r] = Math.max(0, (region.capacityMw[step] + added + world.builtMw[r]) * factor);
    const basePrice = region.powerPriceUsdPerKwh[step] * mul + add;
    const strain = Math.max(0, world.utilisation[r] - region.congestionThreshold);
    world.priceNowUsdPerKwh[r] = basePrice * (1 + region.congestionSlope * strain);
    world.productiveMonths[r] = hazardDiscountedMonths(plan.behaviour.horizonMonths, region.banHazardPerYear[step]);
  }
}

/** Shipments that are due arrive; then free capacity = capacity - (drawing + reserved inbound) load. */
function arriveAndReserve(world: World, step: number): void {
  const { agents, freeMw } = world;
  freeMw.fill(0);
  for (let id = 0; id < agents.count; id++) {
    const s = agents.status[id];
    if (s === RETIRED || s === IDLE) continue;
    const r = agents.region[id];
    if (r < 0) continue;
    if (s === TRANSIT && agents.arrivalStep[id] <= step) {
      if (world.policy[r] === BANNED) {
        toWarehouse(world, id, agents.origin[id]);
        continue;
      }
      agents.status[id] = ACTIVE;
    }
    freeMw[r] += mwOf(agents.hashrateThs[id], agents.jPerTh[id]);
  }
  for (let r = 0; r < world.regionCount; r++) freeMw[r] = world.capacityNowMw[r] - freeMw[r];
}

/** The settled hashprice agents expect (see expectedHashprice.ts), over the machines able to run now. */
function expectHashprice(world: World, rewardUsdPerMonth: number): number {
  const { agents, plan, policy, priceNowUsdPerKwh, breakevenThs } = world;
  const opex = plan.network.opexUsdPerThMonth;
  const hiddenMultiplier = plan.behaviour.hiddenPowerPriceMultiplier;
  breakevenThs.fill(0);
  for (let id = 0; id < agents.count; id++) {
    const s = agents.status[id];
    if (s !== ACTIVE && s !== IDLE && s !== HIDDEN) continue;
    const r = agents.region[id];
    if (s === IDLE && policy[r] === BANNED) continue;
    const price = s === HIDDEN ? priceNowUsdPerKwh[r] * hiddenMultiplier : priceNowUsdPerKwh[r];
    breakevenThs[binOf(powerCost(agents.jPerTh[id], price) + opex)] += agents.hashrateThs[id];
  }
  return settle(breakevenThs, rewardUsdPerMonth, rewardUsdPerMonth / world.difficultyImpliedThs);
}

/** Every agent in id order: switching, idling and retirement, detection of hidden miners, reviews. */
function scanAgents(world: World, step: number, hashprice: number): void {
  const { agents, plan, policy, freeMw, priceNowUsdPerKwh, streams } = world;
  const b = plan.behaviour;
  const opex = plan.network.opexUsdPerThMonth;
  for (let id = 0; id < agents.count; id++) {
    const s = agents.status[id];
    if (s === RETIRED) continue;
    const r = agents.region[id];
    if (s === TRANSIT) {
      if (r >= 0) continue; // on its way
      if (++agents.idleMonths[id] > b.retireAfterIdleMonths) agents.status[id] = RETIRED;
      else enqueue(world, id, true);
      continue;
    }
    const jPerTh = agents.jPerTh[id];
    const load = mwOf(agents.hashrateThs[id], jPerTh);
    if (s === HIDDEN) {
      const margin = hashprice - powerCost(jPerTh, priceNowUsdPerKwh[r] * b.hiddenPowerPriceMultiplier) - opex;
      if (streams.detection.next() < world.enforcement[r] || margin < 0) {
        freeMw[r] += load;
        toWarehouse(world, id, r);
        enqueue(world, id, true);
      }
      continue;
    }
    const margin = hashprice - powerCost(jPerTh, priceNowUsdPerKwh[r]) - opex;
    if (s === ACTIVE) {
      if (!runs(true, margin, hashprice, b.switchHysteresis)) {
        agents.status[id] = IDLE;
        freeMw[r] += load;
      }
    } else if (policy[r] !== BANNED && runs(false, margin, hashprice, b.switchHysteresis)) {
      if (freeMw[r] >= load) {
        agents.status[id] = ACTIVE;
        freeMw[r] -= load;
      } else {
        agents.reviewStep[id] = step; // worth running but no power here (a dry season, a cut): look elsewhere now
      }
    }
    if (agents.status[id] === IDLE) {
      if (++agents.idleMonths[id] > b.retireAfterIdleMonths) {
        agents.status[id] = RETIRED;
        continue;
      }
    } else {
      agents.idleMonths[id] = 0;
    }
    if (policy[r] === ANNOUNCED) {
      if (streams.reviews.next() < b.announcedLeaveProbabilityPerMonth) enqueue(world, id, false);
    } else if (agents.reviewStep[id] <= step) {
      agents.reviewStep[id] = step + nextReview(agents.reviewProbability[id], streams.reviews.next());
      enqueue(world, id, false);
    }
  }
}

/**
 * New machines (supply EH/s at the frontier efficiency) are split into agents and placed, one by one, by
 * logit over the open regions with room where they would earn a positive margin; the rest is not installed.
 */
function deploySupply(world: World, step: number, hashprice: number): void {
  const { plan, agents, streams, freeMw, utilities, regionCount: R } = world;
  const supplyThs = plan.network.supplyEhsPerMonth[step] * 1e6;
  if (!(supplyThs > 0)) return;
  const meanSizeThs = plan.agents.newAgentSizeEhs > 0
    ? plan.agents.newAgentSizeEhs * 1e6
    : (plan.network.initialHashrateEhs * 1e6) / plan.agents.count;
  const n = Math.max(1, Math.round(supplyThs / meanSizeThs));
  const jPerTh = plan.network.frontierJPerTh[step];
  if (world.supplySizes.length < n) world.supplySizes = new Float64Array(Math.max(n, 2 * world.supplySizes.length));
  const sizes = world.supplySizes;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += sizes[k] = lognormalDraw(streams.supply, plan.agents.sizeLognormalSigma);
  let placed = 0;
  for (let k = 0; k < n; k++) {
    const ths = (sizes[k] / sum) * supplyThs;
    const load = mwOf(ths, jPerTh);
    for (let j = 0; j < R; j++) {
      const margin = hashprice - powerCost(jPerTh, world.priceNowUsdPerKwh[j]) - plan.network.opexUsdPerThMonth;
      utilities[j] = world.policy[j] === OPEN && freeMw[j] >= load && margin > 0 ? world.productiveMonths[j] * margin : Number.NEGATIVE_INFINITY;
    }
    const choice = choose(utilities, R, plan.behaviour.logitScaleUsdPerTh, streams.supply.next());
    if (choice < 0) continue;
    const reviewProbability = reviewTrait(plan.behaviour.reviewProbabilityPerMonth, streams.supply);
    const review = step + nextReview(reviewProbability, streams.supply.next());
    agents.add(choice, ths, jPerTh, streams.supply.next(), reviewProbability, review);
    freeMw[choice] -= load;
    placed += ths;
  }
  world.installedThs += placed;
  world.trajectory.network.supplyPlacedThs[step] = placed;
  world.trajectory.network.supplyUnplacedThs[step] = supplyThs - placed;
}

/**
 * Build-out that responds to demand: in an open region whose capacity is in use or reserved up to its trigger
 * share after this month's moves and new supply, `buildOutMwPerMonth` MW are started; they come online
 * `buildOutLeadMonths` (rounded) later.
 */
function startBuildOut(world: World, step: number): void {
  const { plan, regionCount: R } = world;
  for (let r = 0; r < R; r++) {
    const region = plan.regions[r];
    const capacity = world.capacityNowMw[r];
    if (!(region.buildOutMwPerMonth > 0) || world.policy[r] !== OPEN || !(capacity > 0)) continue;
    if ((capacity - world.freeMw[r]) / capacity < region.buildOutTrigger) continue;
    const online = step + Math.max(1, Math.round(region.buildOutLeadMonths));
    if (online < plan.months) world.buildPipelineMw[online * R + r] += region.buildOutMwPerMonth;
  }
}

/**
 * Where the drawing load exceeds this month's capacity (a dry season, a power cut), the least efficient
 * active machines are switched off first (ties by id); hidden ones that still do not fit must leave.
 */
function curtailToCapacity(world: World): void {
  const { agents, regionCount: R } = world;
  const load = world.loadScratchMw;
  load.fill(0);
  for (let id = 0; id < agents.count; id++) {
    const s = agents.status[id];
    if (s === ACTIVE || s === HIDDEN) load[agents.region[id]] += mwOf(agents.hashrateThs[id], agents.jPerTh[id]);
  }
  const over: number[] = [];
  for (let r = 0; r < R; r++) if (load[r] > world.capacityNowMw[r] * (1 + 1e-12) + 1e-9) over.push(r);
  if (over.length === 0) return;
  const candidates: number[][] = Array.from({ length: R }, () => []);
  for (let id = 0; id < agents.count; id++) {
    const s = agents.status[id];
    if ((s === ACTIVE || s === HIDDEN) && over.includes(agents.region[id])) candidates[agents.region[id]].push(id);
  }
  for (const r of over) {
    const ids = candidates[r];
    // Active before hidden; within each, least efficient (highest J/TH) first; ties by id.
    ids.sort((a, b) => (agents.status[a] - agents.status[b]) || (agents.jPerTh[b] - agents.jPerTh[a]) || (a - b));
    for (const id of ids) {
      if (load[r] <= world.capacityNowMw[r]) break;
      load[r] -= mwOf(agents.hashrateThs[id], agents.jPerTh[id]);
      if (agents.status[id] === ACTIVE) agents.status[id] = IDLE;
      else toWarehouse(world, id, r);
    }
    if (load[r] < 0) load[r] = 0;
  }
}

/** Production and the output row of the month. */
function record(world: World, step: number, days: number, m: { btcPriceUsd: number; subsidyBtc: number; feesBtc: number; rewardBtc: number }): void {
  const { agents, plan, regionCount: R, trajectory } = world;
  const reg = trajectory.region;
  const base = step * R;
  let retiredThs = 0;
  for (let id = 0; id < agents.count; id++) {
    const s = agents.status[id];
    const ths = agents.hashrateThs[id];
    if (s === RETIRED) {
      retiredThs += ths;
      continue;
    }
    let r = agents.region[id];
    if (r < 0) r = agents.origin[id];
    const k = base + r;
    if (s === ACTIVE) {
      reg.activeThs[k] += ths;
      reg.agentsActive[k]++;
      reg.loadMw[k] += mwOf(ths, agents.jPerTh[id]);
    } else if (s === HIDDEN) {
      reg.hiddenThs[k] += ths;
      reg.agentsHidden[k]++;
      reg.loadMw[k] += mwOf(ths, agents.jPerTh[id]);
    } else if (s === IDLE) {
      reg.idleThs[k] += ths;
      reg.agentsIdle[k]++;
    } else {
      reg.transitThs[k] += ths;
      reg.agentsTransit[k]++;
    }
  }
  let hashingThs = 0;
  const hours = days * 24;
  for (let r = 0; r < R; r++) {
    const k = base + r;
    hashingThs += reg.activeThs[k] + reg.hiddenThs[k];
    reg.capacityMw[k] = world.capacityNowMw[r];
    reg.powerPriceUsdPerKwh[k] = world.priceNowUsdPerKwh[r];
    reg.energyTwh[k] = (reg.loadMw[k] * hours) / 1e6;
    reg.co2Mt[k] = (reg.energyTwh[k] * plan.regions[r].carbonGPerKwh[step]) / 1000;
    world.utilisation[r] = world.capacityNowMw[r] > 0 ? reg.loadMw[k] / world.capacityNowMw[r] : 0;
  }
  const net = trajectory.network;
  const blocks = blocksPerMonth(hashingThs, world.difficultyImpliedThs);
  net.hashingThs[step] = hashingThs;
  net.difficultyImpliedThs[step] = world.difficultyImpliedThs;
  net.blocks[step] = blocks;
  net.subsidyBtc[step] = m.subsidyBtc;
  net.feesBtcPerBlock[step] = m.feesBtc;
  net.btcPriceUsd[step] = m.btcPriceUsd;
  net.hashpriceUsdPerThMonth[step] = hashpriceUsdPerThMonth(blocks, m.rewardBtc, m.btcPriceUsd, hashingThs);
  net.revenueUsd[step] = blocks * m.rewardBtc * m.btcPriceUsd;
  net.installedThs[step] = world.installedThs;
  net.retiredThs[step] = retiredThs;
  net.agents[step] = agents.count;
  world.difficultyImpliedThs = nextDifficultyImpliedThs(world.difficultyImpliedThs, hashingThs);
}
