/**
 * Everything a ban does (MODEL.md section 5), in one place:
 * - announced: the region closes to newcomers (its agents weigh leaving at the next settlements);
 * - effective: declared mining stops on the day; running operations that do not comply (a region property)
 *   may go covert at once if that is worth it, the others wait in place (stranded); shipments on their way
 *   in are diverted to a warehouse;
 * - every month (`detectCovertMiners`): covert operations are caught with a probability that rises with their
 *   size and fades with the campaign's half-life; a caught one must leave (warehouse) or sell;
 * - lifted: covert operations turn active, and those waiting in place switch on again where there is room.
 * A region under several bans takes the strictest phase in force.
 */
import { formatDay, formatMonth, monthOfDay } from '../engine/calendar.ts';
import { keyedUniform } from '../engine/streams.ts';
import type { BanEvent, Plan } from '../plan/plan.ts';
import { changeStatus } from './accounting.ts';
import { logitChoice } from './decisions.ts';
import { KWH_PER_MONTH_PER_WATT, loadMw } from './economics.ts';
import { ACTIVE, BAN_PHASE_NAMES, BanPhase, HIDDEN, IDLE, Policy, TRANSIT } from './status.ts';
import { DAYS_PER_MONTH, THS_PER_EHS } from './units.ts';
import { covertValueUsdPerTh } from './valuation.ts';
import { capacityNowMw } from './phases/conditions.ts';
import type { World } from './world.ts';

/** Ban state per region and per ban event. */
export interface BanState {
  /** Per region: `Policy.OPEN`, `ANNOUNCED` or `BANNED`. */
  policy: Uint8Array;
  /** Per event of the plan (non-bans stay PENDING): its `BanPhase`. */
  phase: Uint8Array;
  /** Per region: for an announced ban, the day it takes effect; for a ban in force, the day its campaign began. */
  effectiveDay: Float64Array;
  /** Per region: the day the bans in force are lifted (+Infinity when one of them has no known end). */
  liftDay: Float64Array;
  /** Per region: share of covert hashrate (of mean size) caught per month at the campaign's start. */
  enforcement: Float64Array;
  /** Per region: months in which enforcement halves (0: never fades). */
  halfLifeMonths: Float64Array;
}

/** The ban state at the start of a run: every region open. */
export function createBanState(plan: Plan): BanState {
  const R = plan.regions.length;
  return {
    policy: new Uint8Array(R),
    phase: new Uint8Array(plan.events.length),
    effectiveDay: new Float64Array(R),
    liftDay: new Float64Array(R).fill(Number.POSITIVE_INFINITY),
    enforcement: new Float64Array(R),
    halfLifeMonths: new Float64Array(R),
  };
}

/** The ban happenings of the event queue. */
export type BanHappening = 'banAnnounced' | 'banEffective' | 'banLifted';

const PHASE_OF: Record<BanHappening, number> = { banAnnounced: BanPhase.ANNOUNCED, banEffective: BanPhase.EFFECTIVE, banLifted: BanPhase.LIFTED };

/** Applies a ban's phase on `day` to its regions and their agents, and logs it. */
export function applyBanPhase(world: World, day: number, index: number, ban: BanEvent, kind: BanHappening): void {
  const phase = PHASE_OF[kind];
  // A ban announced and effective on the same day, or lifted, never goes back to an earlier phase.
  world.bans.phase[index] = Math.max(world.bans.phase[index], phase);
  const before = Uint8Array.from(world.bans.policy);
  for (const r of ban.regions) recomputePolicy(world, r);
  const changed = ban.regions.filter((r) => before[r] !== world.bans.policy[r]);
  let affected = { agents: 0, ths: 0 };
  if (phase === BanPhase.EFFECTIVE) affected = stopDeclaredMining(world, day, changed);
  else if (phase === BanPhase.LIFTED) affected = resumeAfterLift(world, day, ban.regions.filter((r) => world.bans.policy[r] !== Policy.BANNED));
  log(world, day, ban, BAN_PHASE_NAMES[phase], {
    agents: affected.agents,
    hashrateEhs: affected.ths / THS_PER_EHS,
    detail: changed.length < ban.regions.length ? 'some regions already under a stricter ban' : undefined,
  });
}

/** Region policy from the phases of the bans that name it: banned beats announced beats open. */
function recomputePolicy(world: World, r: number): void {
  const bans = world.bans;
  let policy: number = Policy.OPEN;
  let enforcement = 0;
  let halfLife = 0;
  let campaignDay = Number.NEGATIVE_INFINITY;
  let effectiveDay = Number.POSITIVE_INFINITY;
  let liftDay = Number.NEGATIVE_INFINITY;
  world.plan.events.forEach((e, i) => {
    if (e.type !== 'ban' || !e.regions.includes(r)) return;
    const phase = bans.phase[i];
    if (phase === BanPhase.EFFECTIVE) {
      policy = Policy.BANNED;
      if (e.enforcement >= enforcement) {
        enforcement = e.enforcement;
        halfLife = e.enforcementHalfLifeMonths;
      }
      campaignDay = Math.max(campaignDay, e.effective);
      liftDay = Math.max(liftDay, e.lifted ?? Number.POSITIVE_INFINITY);
    } else if (phase === BanPhase.ANNOUNCED && policy !== Policy.BANNED) {
      policy = Policy.ANNOUNCED;
      effectiveDay = Math.min(effectiveDay, e.effective);
    }
  });
  bans.policy[r] = policy;
  bans.enforcement[r] = enforcement;
  bans.halfLifeMonths[r] = halfLife;
  bans.effectiveDay[r] = policy === Policy.BANNED ? campaignDay : effectiveDay;
  bans.liftDay[r] = policy === Policy.BANNED ? liftDay : Number.POSITIVE_INFINITY;
}

/**
 * Whether agent `id` complies with a ban in region `r`: a fixed draw per agent and region against the
 * region's compliance (`banCompliance`).
 */
export function complies(world: World, id: number, r: number): boolean {
  return keyedUniform(world.keys.compliance, id, r, 0) < world.plan.regions[r].banCompliance;
}

/**
 * Probability that covert operation `id` is caught in a month starting on `day`: the region's enforcement,
 * halved every half-life since the campaign began, times (size / mean start size)^elasticity, at most 1.
 */
export function detectionProbability(world: World, id: number, r: number, day: number): number {
  const bans = world.bans;
  const enforcement = enforcementOnDay(bans, r, day);
  if (!(enforcement > 0)) return 0;
  const size = world.agents.hashrateThs[id] / world.meanAgentThs;
  const p = enforcement * Math.pow(size, world.plan.behaviour.detectionSizeElasticity);
  return p >= 1 ? 1 : p;
}

/** Enforcement in region `r` on `day`: the campaign's, halved every half-life since it began. */
export function enforcementOnDay(bans: BanState, r: number, day: number): number {
  const e = bans.enforcement[r];
  const halfLife = bans.halfLifeMonths[r];
  if (!(halfLife > 0)) return e;
  const months = Math.max(0, (day - bans.effectiveDay[r]) / DAYS_PER_MONTH);
  return e * Math.pow(0.5, months / halfLife);
}

/**
 * Value of covert mining for agent `id` in banned region `r` from `day`, USD per TH/s, with the detection the
 * operator perceives: the real one scaled by (1.5 - risk tolerance), so risk-tolerant operators fear it less.
 */
export function covertValueFor(world: World, id: number, r: number, day: number, hashpriceUsdPerTh: number, priceUsdPerKwh: number): number {
  const perceived = Math.min(1, detectionProbability(world, id, r, day) * (1.5 - world.agents.riskTolerance[id]));
  const lift = world.bans.liftDay[r];
  return covertValueUsdPerTh({
    hashpriceUsdPerTh,
    opexUsdPerTh: world.plan.network.opexUsdPerThMonth,
    jPerTh: world.agents.jPerTh[id],
    priceUsdPerKwh,
    hiddenPowerPriceMultiplier: world.plan.behaviour.hiddenPowerPriceMultiplier,
    detectionPerMonth: perceived,
    halfLifeMonths: world.bans.halfLifeMonths[r],
    horizonMonths: world.next.horizonMonths,
    monthsUntilLift: lift < Number.POSITIVE_INFINITY ? Math.max(0, (lift - day) / DAYS_PER_MONTH) : Number.POSITIVE_INFINITY,
  });
}

/**
 * The effective day in the newly banned regions `regions`: every active or idle operation stops declared
 * mining; a running one that does not comply chooses (logit) between going covert at once and waiting in
 * place, the others wait in place; shipments on their way in go to a warehouse.
 */
function stopDeclaredMining(world: World, day: number, regions: number[]): { agents: number; ths: number } {
  const { agents } = world;
  const banned = new Uint8Array(world.regionCount);
  for (const r of regions) banned[r] = 1;
  const hashprice = world.next.hashpriceUsdPerTh;
  const choice = new Float64Array(2);
  let count = 0;
  let ths = 0;
  for (let id = 0; id < agents.count; id++) {
    const s = agents.status[id];
    const r = agents.region[id];
    if (r < 0 || banned[r] === 0) continue;
    if (s === TRANSIT) {
      changeStatus(world, id, TRANSIT, -1, day); // diverted: waits in a warehouse, still counted at its origin
      continue;
    }
    if (s !== ACTIVE && s !== IDLE) continue;
    count++;
    ths += agents.hashrateThs[id];
    let next = IDLE;
    // A running operation that does not comply may carry on covertly at once (it holds its power already);
    // idle ones may go covert later, in the market, where there is power for them.
    if (s === ACTIVE && !complies(world, id, r)) {
      const price = world.next.priceUsdPerKwh[r]; // this month's price, as known at the last settlement
      choice[0] = waitValue(world, id, r, day, hashprice, price);
      choice[1] = covertValueFor(world, id, r, day, hashprice, price);
      if (choice[1] > 0 && logitChoice(choice, 2, world.plan.behaviour.logitScaleUsdPerTh, keyedUniform(world.keys.choices, id, world.month.step, 7)) === 1) next = HIDDEN;
    }
    changeStatus(world, id, next, r, day);
  }
  return { agents: count, ths };
}

/** Value of waiting in place until a known lift (0 when the ban has no known end), USD per TH/s. */
function waitValue(world: World, id: number, r: number, day: number, hashpriceUsdPerTh: number, priceUsdPerKwh: number): number {
  const lift = world.bans.liftDay[r];
  if (!(lift < Number.POSITIVE_INFINITY)) return 0;
  const monthsUntilLift = Math.max(0, (lift - day) / DAYS_PER_MONTH);
  const margin = hashpriceUsdPerTh - world.plan.network.opexUsdPerThMonth - KWH_PER_MONTH_PER_WATT * world.agents.jPerTh[id] * priceUsdPerKwh;
  return Math.max(0, world.next.horizonMonths - monthsUntilLift) * Math.max(0, margin);
}

/**
 * The lift day in regions no longer banned: covert operations turn active; operations waiting in place switch
 * on again, in id order, where there is room and they would earn money.
 */
function resumeAfterLift(world: World, day: number, regions: number[]): { agents: number; ths: number } {
  const { agents } = world;
  const free = new Float64Array(world.regionCount);
  const lifted = new Uint8Array(world.regionCount);
  for (const r of regions) {
    lifted[r] = 1;
    free[r] = capacityNowMw(world, r);
  }
  for (let id = 0; id < agents.count; id++) {
    const r = agents.region[id];
    const s = agents.status[id];
    if (r >= 0 && lifted[r] === 1 && (s === ACTIVE || s === HIDDEN)) free[r] -= loadMw(agents.hashrateThs[id], agents.jPerTh[id]);
  }
  const hashprice = world.next.hashpriceUsdPerTh;
  const opex = world.plan.network.opexUsdPerThMonth;
  let count = 0;
  let ths = 0;
  for (let id = 0; id < agents.count; id++) {
    const r = agents.region[id];
    if (r < 0 || lifted[r] === 0) continue;
    const s = agents.status[id];
    if (s === HIDDEN) {
      changeStatus(world, id, ACTIVE, r, day);
      count++;
      ths += agents.hashrateThs[id];
    } else if (s === IDLE) {
      const load = loadMw(agents.hashrateThs[id], agents.jPerTh[id]);
      const margin = hashprice - opex - KWH_PER_MONTH_PER_WATT * agents.jPerTh[id] * world.next.priceUsdPerKwh[r];
      if (margin > 0 && free[r] >= load) {
        free[r] -= load;
        changeStatus(world, id, ACTIVE, r, day);
      }
    }
  }
  return { agents: count, ths };
}

/**
 * The monthly detection of covert mining (a phase of the settlement, after production): each covert
 * operation is caught with `detectionProbability` (one keyed draw per agent and month); a caught one stops
 * and goes to a warehouse at the end of the month, to relocate or sell in this month's market.
 * Returns the TH/s caught.
 */
export function detectCovertMiners(world: World): number {
  const { agents, month } = world;
  let caughtThs = 0;
  let anyBanned = false;
  for (let r = 0; r < world.regionCount; r++) if (world.bans.policy[r] === Policy.BANNED) anyBanned = true;
  if (!anyBanned) return 0; // covert mining exists only under a ban in force
  for (let id = 0; id < agents.count; id++) {
    if (agents.status[id] !== HIDDEN) continue;
    const r = agents.region[id];
    const p = detectionProbability(world, id, r, month.endDay);
    if (p > 0 && keyedUniform(world.keys.detection, id, month.step, 0) < p) {
      agents.origin[id] = r;
      changeStatus(world, id, TRANSIT, -1, month.endDay);
      agents.idleMonths[id] = 0;
      caughtThs += agents.hashrateThs[id];
    }
  }
  return caughtThs;
}

function log(world: World, day: number, ban: BanEvent, phase: string, extra: { agents?: number; hashrateEhs?: number; detail?: string }): void {
  const entry: World['trajectory']['events'][number] = {
    date: formatDay(day),
    month: formatMonth(monthOfDay(day)),
    event: ban.id,
    type: 'ban',
    phase,
    regions: ban.regions.map((r) => world.plan.regions[r].id),
  };
  if (extra.agents !== undefined) entry.agents = extra.agents;
  if (extra.hashrateEhs !== undefined) entry.hashrateEhs = Number(extra.hashrateEhs.toFixed(6));
  if (extra.detail !== undefined) entry.detail = extra.detail;
  world.trajectory.events.push(entry);
}
