/**
 * The mutable state of a run: the agent store, each region's policy and event-driven adjustments, the
 * month's day-weighted accounts, what agents know of next month, the keys of the random streams, and the
 * scratch buffers the phases reuse (so a month allocates almost nothing).
 */
import { settleAsDoubles } from '../engine/doubleFields.ts';
import { DayWeightedValue } from '../engine/dayWeighted.ts';
import { firstDayOfMonth, formatMonth } from '../engine/calendar.ts';
import { lognormalDraw, namedStream, streamKey, type RandomStream } from '../engine/streams.ts';
import type { Plan } from '../plan/plan.ts';
import { AgentStore } from './agentStore.ts';
import { BreakevenMemo } from './breakevenMemo.ts';
import { EFFICIENCY_BINS } from './efficiencyBins.ts';
import { createBanState, type BanState } from './ban.ts';
import { subsidyBtcOnDay } from './economics.ts';
import { monthsUntilReview } from './decisions.ts';
import { BREAKEVEN_BINS } from './expectedHashprice.ts';
import { Policy } from './status.ts';
import { buildOutFromStep } from './phases/buildOut.ts';
import { prepareNextMonth } from './phases/conditions.ts';
import { curtailRegionsNow } from './phases/curtailment.ts';
import { expectHashprice } from './phases/expectations.ts';
import { SiteValueTable } from './valuation.ts';
import { allocateSeries, type Trajectory } from './trajectory.ts';
import { THS_PER_EHS } from './units.ts';

export { Policy };

/**
 * Keys of the keyed random streams (src/engine/streams.ts `keyedUniform`): every draw is a pure function of
 * (key, entity, step, slot), so one agent's draws never depend on another's (MODEL.md section 8).
 */
export interface StreamKeys {
  /** An agent's (or a new machine's) logit choices. */
  choices: number;
  /** An agent's own review schedule and its reaction to an announced ban. */
  reviews: number;
  /** Detection of covert miners. */
  detection: number;
  /** Whether an operation complies with a ban (per agent and region). */
  compliance: number;
  /** The serving order of the capacity market. */
  order: number;
  /** Sizes and traits of new machines. */
  supply: number;
}

/** The month being simulated: its step (0-based) and days `firstDay` .. `endDay` (exclusive). */
export interface MonthSpan {
  step: number;
  firstDay: number;
  endDay: number;
  /**
   * First day of the open accounting period: status changes before it are already in the month's accounts.
   * Equals `firstDay` during the month; production moves it to `endDay` when it closes the month.
   */
  accountsFromDay: number;
}

/**
 * Day-weighted accounts of the month being simulated: TH/s x days spent in each status in each region
 * (index status * R + region; retired is not accounted), and MW x days drawn per region.
 */
export interface MonthAccounts {
  thsDays: Float64Array;
  loadMwDays: Float64Array;
}

/** What agents know at the end of a month about the next one (MODEL.md section 6: known paths). */
export interface NextMonth {
  /** Capacity next month, MW, with the cuts and additions in force now. */
  capacityMw: Float64Array;
  /** Power price next month, USD/kWh: the scenario path with today's tariffs and congestion. */
  priceUsdPerKwh: Float64Array;
  /** MW still free next month after drawing machines and reserved shipments (updated as the market reserves). */
  freeMw: Float64Array;
  /** The settled hashprice expected next month, USD per TH/s per month (expectations.ts). */
  hashpriceUsdPerTh: number;
  /** Horizon months valued (behaviour.horizonMonths). */
  horizonMonths: number;
  /**
   * Per region and horizon month (index region * H + h, h = 0 is next month): the weight of a month's margin
   * (ban-hazard discount x the share of the month the region is open x capacity relative to next month's).
   */
  horizonWeight: Float64Array;
  /** Per region and horizon month: the power price expected then, USD/kWh. */
  horizonPrice: Float64Array;
  /** Lowest price next month among open regions with free MW (the second-hand buyers' market), USD/kWh. */
  buyerPriceUsdPerKwh: number;
  /** Lowest price next month among open regions (any room), USD/kWh: whether an idle machine has any prospect. */
  lowestOpenPriceUsdPerKwh: number;
  /** Reward of next month at this month's Bitcoin price, USD: 4320 blocks x (subsidy + fees) x price. */
  rewardUsd: number;
  /** Counts the fillings of the horizon tables (prepareNextMonth), so cached site values know when they are stale. */
  generation: number;
}

export interface World {
  plan: Plan;
  regionCount: number;
  agents: AgentStore;
  keys: StreamKeys;
  month: MonthSpan;
  accounts: MonthAccounts;
  bans: BanState;
  /** Per region: product of the capacity fractions of the power cuts in force now. */
  capacityFactor: Float64Array;
  /** Per region: active cut fractions by event index (to rebuild the product when one ends). */
  activeCuts: Map<number, number>[];
  /** Per region: MW added by capacity events so far. */
  addedMw: Float64Array;
  /** Per region: MW built by build-out and online this month. */
  builtMw: Float64Array;
  /**
   * Per region: capacity (MW), day-weighted: set at each month's start and whenever an event changes it, so a
   * month's mean counts every day at the capacity it had (see conditions.ts `capacityNowMw`).
   */
  capacity: DayWeightedValue[];
  /** Per step and region (index step * R + region): MW of build-out coming online that month. */
  buildPipelineMw: Float64Array;
  /** Per region: the first step it may build out (the last change of its capacity path; buildOut.ts). */
  buildOutFromStep: Int32Array;
  /** Per region: tariffs in force by event index. */
  activeTariffs: Map<number, { add: number; multiply: number }>[];
  /** Per region: tariffs, day-weighted (sum of additions; product of multipliers). */
  tariffAddUsdPerKwh: DayWeightedValue[];
  tariffMultiply: DayWeightedValue[];
  /** Global: block subsidy (BTC) and price-shock multiplier, day-weighted. */
  subsidyBtc: DayWeightedValue;
  priceMultiplier: DayWeightedValue;
  /** The hashrate this month's difficulty was set for, TH/s (last month's, within the factor-of-4 rule). */
  difficultyImpliedThs: number;
  /** Total hashrate ever installed (initial fleet + placed supply), TH/s: the conservation reference. */
  installedThs: number;
  /** Total hashrate scrapped so far, TH/s. */
  retiredThs: number;
  /** Mean size of the start fleet's agents, TH/s (the reference size of covert detection and of new agents). */
  meanAgentThs: number;
  /** The mean Bitcoin price of the month just settled, USD (agents expect it to hold). */
  lastBtcPriceUsd: number;
  /** Per region, this month (day-weighted means): capacity (MW) and power price (USD/kWh). */
  capacityMw: Float64Array;
  priceUsdPerKwh: Float64Array;
  /** Per region: last month's utilisation (load / capacity), for congestion. */
  utilisation: Float64Array;
  next: NextMonth;
  /** Scratch: TH/s of machines able to run, by breakeven bin (see expectedHashprice.ts). */
  breakevenThs: Float64Array;
  /** Each agent's breakeven bin at its last power price (breakevenMemo.ts). */
  breakevenMemo: BreakevenMemo;
  /** Scratch of the capacity market (market.ts). */
  market: MarketScratch;
  trajectory: Trajectory;
}

/** Who takes part in a month's capacity market, and the market's working buffers (market.ts). */
export interface MarketScratch {
  /** Participants: an agent id (>= 0), or a new machine lot -(k + 1). */
  ids: Int32Array;
  /** Kind of each participant (market.ts `Kind`). */
  kinds: Uint8Array;
  count: number;
  /** Serving order keys (packed priority and index). */
  order: Float64Array;
  /** This month's lots of new machines: size (TH/s) each; their efficiency is the frontier's. */
  lotThs: Float64Array;
  lotCount: number;
  /** TH/s of this month's lots already placed on new capacity built for them (supply.ts); 0 for the others. */
  lotBuiltToSuitThs: Float64Array;
  /**
   * Per lot: months since it was shipped; 0 for this month's lots. Lots from `lotCount` on, in the first month only,
   * are machines shipped before the start and still on their way (supply.ts `offerPipeline`).
   */
  lotAgeMonths: Float64Array;
  /** TH/s of pipeline lots installed in this month's market (counted apart from this month's supply). */
  pipelinePlacedThs: number;
  /**
   * Per region and efficiency bin (index region * BINS + bin): MW drawn by active machines that a newcomer could
   * displace (built by reviews.ts, kept current by the market).
   */
  displaceableMw: Float64Array;
  /** Fenwick trees of `displaceableMw` per region (index region * (BINS + 1) + i), rebuilt when dirty (market.ts). */
  displaceableTreeMw: Float64Array;
  displaceableDirty: Uint8Array;
  /** Per region: the sum of its tree over all bins, kept until the tree changes (NaN: to be summed; market.ts). */
  displaceableTotalMw: Float64Array;
  /**
   * Hosted active agents, least efficient first, region by region (region j's from `hostedStart[j]` to
   * `hostedStart[j + 1]`), built on first need in a month (`hostedBuilt`); `hostedCursor[j]` is the next one
   * region j would displace.
   */
  hostedIds: Int32Array;
  hostedStart: Int32Array;
  hostedBuilt: boolean;
  hostedCursor: Int32Array;
  /** Every agent id, least efficient first (market.ts `efficiencyOrder`). */
  byEfficiency: Int32Array;
  /** Scratch of the same length or longer (market.ts `hostedLeastEfficientFirst`). */
  byEfficiencyScratch: Int32Array;
  /** Utilities of one choice: regions, then wait, sell, covert. */
  utilities: Float64Array;
  /** Utilities of a second-hand buyer's choice of region. */
  buyerUtilities: Float64Array;
  /** Per region: site value of the participant being served (scratch). */
  siteValues: Float64Array;
  /** Per region: what this month's new machines would earn there net of shipping (-Infinity: not an option). */
  lotNetValues: Float64Array;
  /** Whether some open region could run this month's new machines at a profit. */
  lotAnyProfitable: boolean;
  /** Site values by region and lead time, rebuilt from the horizon tables once a month (valuation.ts). */
  siteTable: SiteValueTable;
}

/** Options after the regions in `MarketScratch.utilities`: wait, sell, go covert. */
export const WAIT = 0;
export const SELL = 1;
export const COVERT = 2;
export const EXTRA_OPTIONS = 3;

/**
 * Builds the world at the start month: the initial fleet split among `plan.agents.count` agents in
 * proportion to each region's initial share, sizes lognormal and scaled so each region's total is exact;
 * efficiencies lognormal, scaled so the fleet's hashrate-weighted mean J/TH (the network average the data
 * report) is exactly `initialJPerTh`.
 */
export function createWorld(plan: Plan): World {
  const seed = plan.seed;
  const R = plan.regions.length;
  const startDay = firstDayOfMonth(plan.startMonth);
  const init: RandomStream = namedStream(seed, 'init');
  const keys: StreamKeys = {
    choices: streamKey(seed, 'choices'),
    reviews: streamKey(seed, 'reviews'),
    detection: streamKey(seed, 'detection'),
    compliance: streamKey(seed, 'compliance'),
    order: streamKey(seed, 'order'),
    supply: streamKey(seed, 'supply'),
  };
  const agents = new AgentStore(Math.ceil(plan.agents.count * 1.5));
  const totalThs = plan.network.initialHashrateEhs * THS_PER_EHS;
  const reviewP = plan.behaviour.reviewProbabilityPerMonth;
  let installedThs = 0;
  let wattsSum = 0;
  for (let r = 0; r < R; r++) {
    const share = plan.regions[r].initialShare;
    if (share <= 0) continue;
    const regionThs = totalThs * share;
    const n = Math.max(1, Math.round(plan.agents.count * share));
    const first = agents.count;
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const size = lognormalDraw(init, plan.agents.sizeLognormalSigma);
      const jPerTh = plan.network.initialJPerTh * lognormalDraw(init, plan.network.initialJPerThSigma);
      const riskTolerance = init.next();
      const reviewProbability = reviewTrait(reviewP, init);
      const reviewStep = monthsUntilReview(reviewProbability, init.next()) - 1;
      agents.add({ region: r, hashrateThs: size, jPerTh, riskTolerance, reviewProbability, reviewStep, sinceDay: startDay });
      sum += size;
    }
    for (let id = first; id < agents.count; id++) {
      agents.hashrateThs[id] = (agents.hashrateThs[id] / sum) * regionThs;
      installedThs += agents.hashrateThs[id];
      wattsSum += agents.hashrateThs[id] * agents.jPerTh[id];
    }
  }
  // The data's network average efficiency is total power over total hashrate: rescale to match it exactly.
  if (installedThs > 0 && wattsSum > 0) {
    const scale = (plan.network.initialJPerTh * installedThs) / wattsSum;
    for (let id = 0; id < agents.count; id++) agents.setEfficiency(id, agents.jPerTh[id] * scale);
  }
  const perRegion = (v: number) => Array.from({ length: R }, () => new DayWeightedValue(v, startDay));
  const months = plan.months;
  const H = Math.max(1, Math.round(plan.behaviour.horizonMonths));
  const series = allocateSeries(months, R);
  const world: World = {
    plan,
    regionCount: R,
    agents,
    keys,
    month: { step: 0, firstDay: startDay, endDay: startDay, accountsFromDay: startDay },
    accounts: { thsDays: new Float64Array(4 * R), loadMwDays: new Float64Array(R) },
    bans: createBanState(plan),
    capacityFactor: new Float64Array(R).fill(1),
    activeCuts: Array.from({ length: R }, () => new Map<number, number>()),
    addedMw: new Float64Array(R),
    capacity: plan.regions.map((region) => new DayWeightedValue(Math.max(0, region.capacityMw[0] ?? 0), startDay)),
    builtMw: new Float64Array(R),
    buildPipelineMw: new Float64Array(months * R),
    buildOutFromStep: Int32Array.from(plan.regions, (region) => buildOutFromStep(region.capacityMw)),
    activeTariffs: Array.from({ length: R }, () => new Map<number, { add: number; multiply: number }>()),
    tariffAddUsdPerKwh: perRegion(0),
    tariffMultiply: perRegion(1),
    subsidyBtc: new DayWeightedValue(subsidyBtcOnDay(startDay), startDay),
    priceMultiplier: new DayWeightedValue(1, startDay),
    difficultyImpliedThs: totalThs,
    installedThs,
    retiredThs: 0,
    meanAgentThs: agents.count > 0 ? installedThs / agents.count : 1,
    lastBtcPriceUsd: plan.network.btcPriceUsd[0] ?? 0,
    capacityMw: new Float64Array(R),
    priceUsdPerKwh: new Float64Array(R),
    utilisation: new Float64Array(R),
    next: {
      capacityMw: new Float64Array(R),
      priceUsdPerKwh: new Float64Array(R),
      freeMw: new Float64Array(R),
      hashpriceUsdPerTh: 0,
      horizonMonths: H,
      horizonWeight: new Float64Array(R * H),
      horizonPrice: new Float64Array(R * H),
      buyerPriceUsdPerKwh: Number.POSITIVE_INFINITY,
      lowestOpenPriceUsdPerKwh: Number.POSITIVE_INFINITY,
      rewardUsd: 0,
      generation: 0,
    },
    breakevenThs: new Float64Array(BREAKEVEN_BINS),
    breakevenMemo: new BreakevenMemo(),
    market: {
      ids: new Int32Array(1024),
      kinds: new Uint8Array(1024),
      count: 0,
      order: new Float64Array(1024),
      lotThs: new Float64Array(64),
      lotCount: 0,
      lotBuiltToSuitThs: new Float64Array(64),
      pipelinePlacedThs: 0,
      lotAgeMonths: new Float64Array(64),
      displaceableMw: new Float64Array(R * EFFICIENCY_BINS),
      displaceableTreeMw: new Float64Array(R * (EFFICIENCY_BINS + 1)),
      displaceableDirty: new Uint8Array(R).fill(1),
      displaceableTotalMw: new Float64Array(R).fill(Number.NaN),
      hostedIds: new Int32Array(1024),
      hostedStart: new Int32Array(R + 1),
      hostedBuilt: false,
      hostedCursor: new Int32Array(R),
      byEfficiency: new Int32Array(0),
      byEfficiencyScratch: new Int32Array(0),
      utilities: new Float64Array(R + EXTRA_OPTIONS),
      buyerUtilities: new Float64Array(R),
      siteValues: new Float64Array(R),
      lotNetValues: new Float64Array(R),
      lotAnyProfitable: false,
      siteTable: new SiteValueTable(R, H, plan.moves.leadMonths),
    },
    trajectory: {
      plan,
      seed,
      months: Array.from({ length: months }, (_, s) => formatMonth(plan.startMonth + s)),
      regionCount: R,
      ...series,
      events: [],
    },
  };
  // Numbers that start whole and become fractions are stored as doubles from the start (speed of a cold run;
  // engine/doubleFields.ts). The stream keys are 32-bit unsigned: half of them are not small integers.
  settleAsDoubles(world, ['difficultyImpliedThs', 'installedThs', 'retiredThs', 'meanAgentThs', 'lastBtcPriceUsd']);
  settleAsDoubles(world.next, ['hashpriceUsdPerTh', 'buyerPriceUsdPerKwh', 'lowestOpenPriceUsdPerKwh', 'rewardUsd']);
  settleAsDoubles(world.market, ['pipelinePlacedThs']);
  settleAsDoubles(world.keys, ['choices', 'reviews', 'detection', 'compliance', 'order', 'supply']);
  // What agents know before the first month (events of the first month use it): as if settled the month before.
  world.month.step = -1;
  prepareNextMonth(world, plan.network.btcPriceUsd[0] ?? 0);
  expectHashprice(world);
  world.month.step = 0;
  // A start fleet larger than a region's capacity: the least efficient machines are off from the first day.
  curtailRegionsNow(world, Array.from({ length: R }, (_, r) => r), startDay);
  return world;
}

/**
 * An agent's own review probability per month: the scenario's mean times a lognormal factor (sigma 0.5,
 * mean 1), at most 1. Some operators look around often, others rarely.
 */
export function reviewTrait(meanProbabilityPerMonth: number, stream: RandomStream): number {
  return Math.min(1, meanProbabilityPerMonth * lognormalDraw(stream, 0.5) * Math.exp(-0.125));
}

/**
 * The same trait from one uniform draw (for agents created from keyed draws): the lognormal factor from the
 * inverse normal of `uniform`, approximated by a logistic quantile (close to the normal's within 1%).
 */
export function reviewTraitFromUniform(meanProbabilityPerMonth: number, uniform: number): number {
  const u = Math.min(1 - 1e-9, Math.max(1e-9, uniform));
  const z = Math.log(u / (1 - u)) / 1.702;
  return Math.min(1, meanProbabilityPerMonth * Math.exp(0.5 * z - 0.125));
}
