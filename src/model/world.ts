/**
 * The mutable state of a run: the agent store, each region's policy and event-driven adjustments, the
 * named random streams, and the scratch buffers the tick reuses (so the tick allocates nothing).
 */
import { DayWeightedValue } from '../engine/dayWeighted.ts';
import { firstDayOfMonth, formatMonth } from '../engine/calendar.ts';
import { lognormalDraw, namedStream, type RandomStream } from '../engine/streams.ts';
import type { Plan } from '../plan/plan.ts';
import { AgentStore } from './agentStore.ts';
import { subsidyBtcOnDay } from './economics.ts';
import { monthsUntilReview } from './decisions.ts';
import { BREAKEVEN_BINS } from './expectedHashprice.ts';
import { allocateSeries, type Trajectory } from './trajectory.ts';

/** Region policy codes. */
export const OPEN = 0;
export const ANNOUNCED = 1;
export const BANNED = 2;
/** The policy codes as one object (see `Status` in status.ts for why). */
export const Policy = { OPEN, ANNOUNCED, BANNED } as const;

/** The named random streams of a run (MODEL.md section 8). */
export interface Streams {
  init: RandomStream;
  decisions: RandomStream;
  reviews: RandomStream;
  rationing: RandomStream;
  detection: RandomStream;
  bans: RandomStream;
  supply: RandomStream;
}

export interface World {
  plan: Plan;
  regionCount: number;
  agents: AgentStore;
  streams: Streams;
  /** Per region: OPEN, ANNOUNCED or BANNED. */
  policy: Uint8Array;
  /** Per region: the day an announced ban takes effect (for ANNOUNCED regions). */
  banEffectiveDay: Float64Array;
  /** Per region: share of hidden hashrate caught per month (for BANNED regions). */
  enforcement: Float64Array;
  /** Per ban event index: 0 pending, 1 announced, 2 effective, 3 lifted. */
  banPhase: Uint8Array;
  /** Per region: product of the capacity fractions of the power cuts in force, day-weighted. */
  capacityFactor: DayWeightedValue[];
  /** Per region: active cut fractions by event index (to rebuild the product when one ends). */
  activeCuts: Map<number, number>[];
  /** Per region: MW added by capacity events, day-weighted. */
  addedMw: DayWeightedValue[];
  /** Per region: MW built by demand-driven build-out and online so far. */
  builtMw: Float64Array;
  /** Per step and region (index step * R + region): MW of build-out coming online that month. */
  buildPipelineMw: Float64Array;
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
  /** Per region, this tick: effective capacity (MW), power price (USD/kWh), free MW, utilisation. */
  capacityNowMw: Float64Array;
  priceNowUsdPerKwh: Float64Array;
  freeMw: Float64Array;
  utilisation: Float64Array;
  /** Per region, this tick: hazard-discounted productive months over the horizon. */
  productiveMonths: Float64Array;
  /** Scratch: TH/s of machines able to run, by breakeven bin (see expectedHashprice.ts). */
  breakevenThs: Float64Array;
  /** Scratch: movers of this tick (agent ids) and whether each is forced. */
  moverIds: Int32Array;
  moverForced: Uint8Array;
  moverCount: number;
  /** Scratch: the seeded serving order of the movers. */
  moverOrder: Int32Array;
  /** Scratch: relative sizes of this month's new agents. */
  supplySizes: Float64Array;
  /** Scratch: per-region load (MW) for curtailment. */
  loadScratchMw: Float64Array;
  /** Scratch: utilities of the options of one choice (regions, then sell). */
  utilities: Float64Array;
  trajectory: Trajectory;
}

/**
 * Builds the world at the start month: the initial fleet split among `plan.agents.count` agents in
 * proportion to each region's initial share, sizes lognormal and scaled so each region's total is exact.
 */
export function createWorld(plan: Plan): World {
  const seed = plan.seed;
  const R = plan.regions.length;
  const startDay = firstDayOfMonth(plan.startMonth);
  const streams: Streams = {
    init: namedStream(seed, 'init'),
    decisions: namedStream(seed, 'decisions'),
    reviews: namedStream(seed, 'reviews'),
    rationing: namedStream(seed, 'rationing'),
    detection: namedStream(seed, 'detection'),
    bans: namedStream(seed, 'bans'),
    supply: namedStream(seed, 'supply'),
  };
  const agents = new AgentStore(Math.ceil(plan.agents.count * 1.5));
  const totalThs = plan.network.initialHashrateEhs * 1e6;
  const reviewP = plan.behaviour.reviewProbabilityPerMonth;
  let installedThs = 0;
  for (let r = 0; r < R; r++) {
    const share = plan.regions[r].initialShare;
    if (share <= 0) continue;
    const regionThs = totalThs * share;
    const n = Math.max(1, Math.round(plan.agents.count * share));
    const first = agents.count;
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const size = lognormalDraw(streams.init, plan.agents.sizeLognormalSigma);
      const jPerTh = plan.network.initialJPerTh * lognormalDraw(streams.init, plan.network.initialJPerThSigma);
      const risk = streams.init.next();
      const reviewProbability = reviewTrait(reviewP, streams.init);
      const review = monthsUntilReview(reviewProbability, streams.init.next()) - 1;
      agents.add(r, size, jPerTh, risk, reviewProbability, review);
      sum += size;
    }
    for (let id = first; id < agents.count; id++) {
      agents.hashrateThs[id] = (agents.hashrateThs[id] / sum) * regionThs;
      installedThs += agents.hashrateThs[id];
    }
  }
  const perRegion = (v: number) => Array.from({ length: R }, () => new DayWeightedValue(v, startDay));
  const months = plan.months;
  const series = allocateSeries(months, R);
  return {
    plan,
    regionCount: R,
    agents,
    streams,
    policy: new Uint8Array(R),
    banEffectiveDay: new Float64Array(R),
    enforcement: new Float64Array(R),
    banPhase: new Uint8Array(plan.events.length),
    capacityFactor: perRegion(1),
    activeCuts: Array.from({ length: R }, () => new Map<number, number>()),
    addedMw: perRegion(0),
    builtMw: new Float64Array(R),
    buildPipelineMw: new Float64Array(months * R),
    activeTariffs: Array.from({ length: R }, () => new Map<number, { add: number; multiply: number }>()),
    tariffAddUsdPerKwh: perRegion(0),
    tariffMultiply: perRegion(1),
    subsidyBtc: new DayWeightedValue(subsidyBtcOnDay(startDay), startDay),
    priceMultiplier: new DayWeightedValue(1, startDay),
    difficultyImpliedThs: totalThs,
    installedThs,
    capacityNowMw: new Float64Array(R),
    priceNowUsdPerKwh: new Float64Array(R),
    freeMw: new Float64Array(R),
    utilisation: new Float64Array(R),
    productiveMonths: new Float64Array(R),
    breakevenThs: new Float64Array(BREAKEVEN_BINS),
    moverIds: new Int32Array(agents.capacity),
    moverForced: new Uint8Array(agents.capacity),
    moverCount: 0,
    moverOrder: new Int32Array(agents.capacity),
    supplySizes: new Float64Array(64),
    loadScratchMw: new Float64Array(R),
    utilities: new Float64Array(R + 1),
    trajectory: {
      plan,
      seed,
      months: Array.from({ length: months }, (_, s) => formatMonth(plan.startMonth + s)),
      regionCount: R,
      ...series,
      events: [],
    },
  };
}

/**
 * An agent's own review probability per month: the scenario's mean times a lognormal factor (sigma 0.5,
 * mean 1), at most 1. Some operators look around often, others rarely.
 */
export function reviewTrait(meanProbabilityPerMonth: number, stream: RandomStream): number {
  return Math.min(1, meanProbabilityPerMonth * lognormalDraw(stream, 0.5) * Math.exp(-0.125));
}

/** Queues agent `id` as a mover of this tick (growing the scratch buffers when needed). */
export function addMover(world: World, id: number, forced: boolean): void {
  if (world.moverCount === world.moverIds.length) {
    const ids = new Int32Array(world.moverIds.length * 2);
    ids.set(world.moverIds);
    const forcedFlags = new Uint8Array(ids.length);
    forcedFlags.set(world.moverForced);
    world.moverIds = ids;
    world.moverForced = forcedFlags;
  }
  world.moverIds[world.moverCount] = id;
  world.moverForced[world.moverCount] = forced ? 1 : 0;
  world.moverCount++;
}
