/**
 * Policies: the scenario's dated events (MODEL.md section 5) turned into queue entries, and the handlers
 * that change regions and agents on the day each happens. Halvings are scheduled automatically.
 */
import { EventQueue } from '../engine/eventQueue.ts';
import { firstDayOfMonth, formatDay, formatMonth, monthOfDay } from '../engine/calendar.ts';
import type { BanEvent, Plan } from '../plan/plan.ts';
import { halvingDays, subsidyBtcOnDay } from './economics.ts';
import { Status } from './status.ts';
import { Policy, type World } from './world.ts';

// Imported bindings copied to module constants: under tsx and vitest every use of an import is a getter call,
// which costs more than the arithmetic of the per-agent loops below.
const { ACTIVE, HIDDEN, IDLE, TRANSIT } = Status;
const { ANNOUNCED, BANNED, OPEN } = Policy;

/** What happens on a queued day; `event` indexes `plan.events` (-1 for halvings). */
export type Happening =
  | 'banLifted' | 'capacity' | 'tariffStart' | 'tariffEnd' | 'cutEnd' | 'cutStart'
  | 'banAnnounced' | 'banEffective' | 'priceShock' | 'halving';

/** Fixed priority per kind for events of the same day (lower first). */
const PRIORITY: Record<Happening, number> = {
  banLifted: 0, capacity: 1, tariffStart: 2, tariffEnd: 3, cutEnd: 4, cutStart: 5,
  banAnnounced: 6, banEffective: 7, priceShock: 8, halving: 9,
};

export interface QueuedHappening {
  kind: Happening;
  event: number;
}

/** Builds the queue of every dated happening of a plan, in scenario order, plus halvings within the run. */
export function scheduleEvents(plan: Plan): EventQueue<QueuedHappening> {
  const queue = new EventQueue<QueuedHappening>();
  const push = (day: number, kind: Happening, event: number) => queue.push(day, PRIORITY[kind], { kind, event });
  plan.events.forEach((e, i) => {
    switch (e.type) {
      case 'ban':
        push(e.announced, 'banAnnounced', i);
        push(e.effective, 'banEffective', i);
        if (e.lifted !== undefined) push(e.lifted, 'banLifted', i);
        break;
      case 'powerCut':
        push(e.from, 'cutStart', i);
        push(e.to, 'cutEnd', i);
        break;
      case 'capacity':
        push(e.from, 'capacity', i);
        break;
      case 'tariff':
        push(e.from, 'tariffStart', i);
        if (e.to !== undefined) push(e.to, 'tariffEnd', i);
        break;
      case 'priceShock':
        push(e.from, 'priceShock', i);
        break;
    }
  });
  const startDay = firstDayOfMonth(plan.startMonth);
  const endDay = firstDayOfMonth(plan.startMonth + plan.months);
  for (const day of halvingDays(endDay)) if (day >= startDay) push(day, 'halving', -1);
  return queue;
}

/** Applies one happening to the world on `day`, and logs it. */
export function applyHappening(world: World, day: number, h: QueuedHappening): void {
  const plan = world.plan;
  if (h.kind === 'halving') {
    world.subsidyBtc.set(day, subsidyBtcOnDay(day));
    log(world, day, 'halving', 'halving', 'effective', [], { detail: `subsidy ${subsidyBtcOnDay(day)} BTC` });
    return;
  }
  const e = plan.events[h.event];
  switch (h.kind) {
    case 'banAnnounced':
    case 'banEffective':
    case 'banLifted':
      applyBan(world, day, h.event, e as BanEvent, h.kind);
      return;
    case 'cutStart':
    case 'cutEnd':
      if (e.type !== 'powerCut') return;
      for (const r of e.regions) {
        if (h.kind === 'cutStart') world.activeCuts[r].set(h.event, e.fraction);
        else world.activeCuts[r].delete(h.event);
        let factor = 1;
        for (const f of world.activeCuts[r].values()) factor *= f;
        world.capacityFactor[r].set(day, factor);
      }
      log(world, day, e.id, e.type, h.kind === 'cutStart' ? 'start' : 'end', e.regions);
      return;
    case 'capacity':
      if (e.type !== 'capacity') return;
      for (const r of e.regions) world.addedMw[r].set(day, world.addedMw[r].value + e.addMw);
      log(world, day, e.id, e.type, 'effective', e.regions);
      return;
    case 'tariffStart':
    case 'tariffEnd': {
      if (e.type !== 'tariff') return;
      for (const r of e.regions) {
        if (h.kind === 'tariffStart') world.activeTariffs[r].set(h.event, { add: e.addUsdPerKwh, multiply: e.multiply });
        else world.activeTariffs[r].delete(h.event);
        // Rebuilt from the tariffs in force (not undone by division, so a multiplier of 0 ends cleanly).
        let add = 0;
        let multiply = 1;
        for (const t of world.activeTariffs[r].values()) {
          add += t.add;
          multiply *= t.multiply;
        }
        world.tariffAddUsdPerKwh[r].set(day, add);
        world.tariffMultiply[r].set(day, multiply);
      }
      log(world, day, e.id, e.type, h.kind === 'tariffStart' ? 'start' : 'end', e.regions);
      return;
    }
    case 'priceShock':
      if (e.type !== 'priceShock') return;
      world.priceMultiplier.set(day, world.priceMultiplier.value * e.multiply);
      log(world, day, e.id, e.type, 'effective', []);
      return;
  }
}

function applyBan(world: World, day: number, index: number, ban: BanEvent, kind: 'banAnnounced' | 'banEffective' | 'banLifted'): void {
  const phase = kind === 'banAnnounced' ? 1 : kind === 'banEffective' ? 2 : 3;
  // A ban announced and effective on the same day, or lifted, never goes back to an earlier phase.
  world.banPhase[index] = Math.max(world.banPhase[index], phase);
  const before = Uint8Array.from(world.policy);
  for (const r of ban.regions) recomputePolicy(world, r);
  const { agents } = world;
  let affected = 0;
  let affectedThs = 0;
  if (kind === 'banEffective') {
    const hideP = world.plan.behaviour.hideProbability;
    for (let id = 0; id < agents.count; id++) {
      const s = agents.status[id];
      const r = agents.region[id];
      if (r < 0 || world.policy[r] !== BANNED || !ban.regions.includes(r)) continue;
      if (s === ACTIVE || s === IDLE) {
        affected++;
        affectedThs += agents.hashrateThs[id];
        // Risk-tolerant operators hide more often: probability hideP * 2 * tolerance (mean hideP).
        if (world.streams.bans.next() < hideP * 2 * agents.riskTolerance[id]) {
          agents.status[id] = HIDDEN;
        } else {
          sendToWarehouse(world, id, r);
        }
      } else if (s === TRANSIT) {
        // A shipment on its way into a banned region is diverted to a warehouse.
        sendToWarehouse(world, id, agents.origin[id]);
      }
    }
  } else if (kind === 'banLifted') {
    for (let id = 0; id < agents.count; id++) {
      const r = agents.region[id];
      if (agents.status[id] === HIDDEN && r >= 0 && world.policy[r] !== BANNED) {
        agents.status[id] = ACTIVE;
        affected++;
        affectedThs += agents.hashrateThs[id];
      }
    }
  }
  const changed = ban.regions.filter((r) => before[r] !== world.policy[r]);
  const phaseName = kind === 'banAnnounced' ? 'announced' : kind === 'banEffective' ? 'effective' : 'lifted';
  log(world, day, ban.id, 'ban', phaseName, ban.regions, {
    agents: affected,
    hashrateEhs: affectedThs / 1e6,
    detail: changed.length < ban.regions.length ? 'some regions already under a stricter ban' : undefined,
  });
}

/** Moves an agent to a warehouse: in transit, no destination yet, must choose at the next tick. */
export function sendToWarehouse(world: World, id: number, from: number): void {
  const agents = world.agents;
  agents.status[id] = TRANSIT;
  agents.origin[id] = from;
  agents.region[id] = -1;
  agents.idleMonths[id] = 0;
}

/** Region policy from the phases of the bans that name it: banned beats announced beats open. */
function recomputePolicy(world: World, r: number): void {
  let policy: number = OPEN;
  let enforcement = 0;
  let effectiveDay = Number.POSITIVE_INFINITY;
  world.plan.events.forEach((e, i) => {
    if (e.type !== 'ban' || !e.regions.includes(r)) return;
    const phase = world.banPhase[i];
    if (phase === 2) {
      policy = BANNED;
      enforcement = Math.max(enforcement, e.enforcement);
    } else if (phase === 1 && policy !== BANNED) {
      policy = ANNOUNCED;
      effectiveDay = Math.min(effectiveDay, e.effective);
    }
  });
  world.policy[r] = policy;
  world.enforcement[r] = enforcement;
  world.banEffectiveDay[r] = effectiveDay;
}

function log(
  world: World, day: number, event: string, type: string, phase: string, regions: number[],
  extra: { agents?: number; hashrateEhs?: number; detail?: string } = {},
): void {
  const entry: World['trajectory']['events'][number] = {
    date: formatDay(day),
    month: formatMonth(monthOfDay(day)),
    event,
    type,
    phase,
    regions: regions.map((r) => world.plan.regions[r].id),
  };
  if (extra.agents !== undefined) entry.agents = extra.agents;
  if (extra.hashrateEhs !== undefined) entry.hashrateEhs = Number(extra.hashrateEhs.toFixed(6));
  if (extra.detail !== undefined) entry.detail = extra.detail;
  world.trajectory.events.push(entry);
}
