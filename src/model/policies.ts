/**
 * Policies: the scenario's dated events (MODEL.md section 5) turned into queue entries, and the handlers
 * that change regions and agents on the day each happens (bans in ban.ts). Halvings are scheduled
 * automatically. A power cut or a loss of capacity switches machines off on its day where load no longer fits.
 */
import { EventQueue } from '../engine/eventQueue.ts';
import { firstDayOfMonth, formatDay, formatMonth, monthOfDay } from '../engine/calendar.ts';
import type { BanEvent, Plan } from '../plan/plan.ts';
import { applyBanPhase } from './ban.ts';
import { halvingDays, subsidyBtcOnDay } from './economics.ts';
import { refreshCapacity } from './phases/conditions.ts';
import { curtailNow } from './phases/curtailment.ts';
import type { World } from './world.ts';

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
      applyBanPhase(world, day, h.event, e as BanEvent, h.kind);
      return;
    case 'cutStart':
    case 'cutEnd':
      if (e.type !== 'powerCut') return;
      for (const r of e.regions) {
        if (h.kind === 'cutStart') world.activeCuts[r].set(h.event, e.fraction);
        else world.activeCuts[r].delete(h.event);
        let factor = 1;
        for (const f of world.activeCuts[r].values()) factor *= f;
        world.capacityFactor[r] = factor;
        refreshCapacity(world, r, day);
        if (h.kind === 'cutStart') curtailNow(world, r, day);
      }
      log(world, day, e.id, e.type, h.kind === 'cutStart' ? 'start' : 'end', e.regions);
      return;
    case 'capacity':
      if (e.type !== 'capacity') return;
      for (const r of e.regions) {
        world.addedMw[r] += e.addMw;
        refreshCapacity(world, r, day);
        if (e.addMw < 0) curtailNow(world, r, day);
      }
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
