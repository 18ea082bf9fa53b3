import { createWorldSeeded } from '../helpers/seeded.ts';
import { describe, expect, test } from 'vitest';
import { dayNumber, formatDay } from '../../src/engine/calendar.ts';
import { applyHappening, scheduleEvents, type QueuedHappening } from '../../src/model/policies.ts';
import { Status } from '../../src/model/status.ts';
import { Policy } from '../../src/model/world.ts';
import type { PlanEvent } from '../../src/plan/plan.ts';
import { ban, makePlan } from '../helpers/makePlan.ts';

function drain(plan: ReturnType<typeof makePlan>): { date: string; kind: string; event: number }[] {
  const q = scheduleEvents(plan);
  const out: { date: string; kind: string; event: number }[] = [];
  for (let e = q.pop(); e; e = q.pop()) out.push({ date: formatDay(e.day), kind: e.payload.kind, event: e.payload.event });
  return out;
}

describe('scheduleEvents', () => {
  test('happenings of the same day pop in the fixed priority of their kinds', () => {
    const d = dayNumber(2020, 5, 11); // also the 2020 halving
    const events: PlanEvent[] = [
      { id: 'shock', type: 'priceShock', regions: [], from: d, multiply: 0.5 },
      ban('new', [0], [2020, 5, 11], [2020, 5, 11], 1),
      { id: 'cut', type: 'powerCut', regions: [1], from: d, to: d + 10, fraction: 0.5 },
      { id: 'old-cut', type: 'powerCut', regions: [1], from: d - 10, to: d, fraction: 0.5 },
      { id: 'tax', type: 'tariff', regions: [1], from: d, addUsdPerKwh: 0.01, multiply: 1 },
      { id: 'old-tax', type: 'tariff', regions: [1], from: d - 5, to: d, addUsdPerKwh: 0.01, multiply: 1 },
      { id: 'site', type: 'capacity', regions: [2], from: d, addMw: 100 },
      ban('old', [2], [2020, 1, 1], [2020, 2, 1], 1, [2020, 5, 11]),
    ];
    const sameDay = drain(makePlan({ start: [2020, 4], months: 3, events })).filter((e) => e.date === '2020-05-11');
    expect(sameDay.map((e) => e.kind)).toEqual([
      'banLifted', 'capacity', 'tariffStart', 'tariffEnd', 'cutEnd', 'cutStart', 'banAnnounced', 'banEffective', 'priceShock', 'halving',
    ]);
    expect(sameDay.map((e) => e.event)).toEqual([7, 6, 4, 5, 3, 2, 1, 1, 0, -1]);
  });

  test('events of the same kind and day keep their scenario order', () => {
    const d = dayNumber(2021, 3, 1);
    const events: PlanEvent[] = ['c', 'a', 'b'].map((id) => ({ id, type: 'capacity', regions: [0], from: d, addMw: 1 }) as PlanEvent);
    expect(drain(makePlan({ events })).map((e) => e.event)).toEqual([0, 1, 2]);
  });

  test('halvings are scheduled only when they fall inside the run', () => {
    expect(drain(makePlan({ start: [2020, 4], months: 3 }))).toEqual([{ date: '2020-05-11', kind: 'halving', event: -1 }]);
    expect(drain(makePlan({ start: [2020, 6], months: 12 }))).toEqual([]);
    expect(drain(makePlan({ start: [2024, 1], months: 12 }))).toEqual([{ date: '2024-04-20', kind: 'halving', event: -1 }]);
  });

  test('a ban queues its announcement, effective date and lifting', () => {
    const out = drain(makePlan({ events: [ban('cn', [0], [2021, 5, 21], [2021, 6, 20], 0.5, [2021, 9, 1])] }));
    expect(out).toEqual([
      { date: '2021-05-21', kind: 'banAnnounced', event: 0 },
      { date: '2021-06-20', kind: 'banEffective', event: 0 },
      { date: '2021-09-01', kind: 'banLifted', event: 0 },
    ]);
  });
});

describe('applyHappening', () => {
  const run = (plan: ReturnType<typeof makePlan>, seed = 1) => {
    const world = createWorldSeeded(plan, seed);
    const q = scheduleEvents(plan);
    const apply = (untilDay: number) => {
      while (q.peekDay() <= untilDay) {
        const e = q.pop()!;
        applyHappening(world, e.day, e.payload as QueuedHappening);
      }
    };
    return { world, apply };
  };

  test('a ban moves its regions from open to announced to banned, and back to open when lifted', () => {
    const plan = makePlan({ events: [ban('cn', [0, 1], [2021, 5, 21], [2021, 6, 20], 0.7, [2021, 9, 1])] });
    const { world, apply } = run(plan);
    expect(Array.from(world.bans.policy)).toEqual([Policy.OPEN, Policy.OPEN, Policy.OPEN]);
    apply(dayNumber(2021, 5, 21));
    expect(Array.from(world.bans.policy)).toEqual([Policy.ANNOUNCED, Policy.ANNOUNCED, Policy.OPEN]);
    expect(world.bans.effectiveDay[0]).toBe(dayNumber(2021, 6, 20));
    apply(dayNumber(2021, 6, 20));
    expect(Array.from(world.bans.policy)).toEqual([Policy.BANNED, Policy.BANNED, Policy.OPEN]);
    expect(world.bans.enforcement[0]).toBe(0.7);
    apply(dayNumber(2021, 9, 1));
    expect(Array.from(world.bans.policy)).toEqual([Policy.OPEN, Policy.OPEN, Policy.OPEN]);
    expect(world.trajectory.events.map((e) => `${e.date} ${e.event} ${e.phase}`)).toEqual([
      '2021-05-21 cn announced', '2021-06-20 cn effective', '2021-09-01 cn lifted',
    ]);
  });

  test('on the effective day every agent of a banned region hides or waits in place; the others are untouched', () => {
    const plan = makePlan({ events: [ban('cn', [0], [2021, 6, 20], [2021, 6, 20], 1)] });
    const { world, apply } = run(plan);
    apply(dayNumber(2021, 6, 20));
    const { agents } = world;
    let hidden = 0;
    let warehoused = 0;
    let hiddenThs = 0;
    let warehousedThs = 0;
    for (let id = 0; id < agents.count; id++) {
      const home = agents.origin[id];
      if (home !== 0) {
        expect(agents.status[id]).toBe(Status.ACTIVE);
        continue;
      }
      if (agents.status[id] === Status.HIDDEN) {
        hidden++;
        hiddenThs += agents.hashrateThs[id];
        expect(agents.region[id]).toBe(0);
      } else {
        expect(agents.status[id]).toBe(Status.IDLE);
        expect(agents.region[id]).toBe(0);
        warehoused++;
        warehousedThs += agents.hashrateThs[id];
      }
    }
    expect(hidden + warehoused).toBe(180);
    expect(hidden).toBeGreaterThan(0); // 15% do not comply (banCompliance 0.85); most of them go covert at once
    expect(hidden).toBeLessThan(60);
    const entry = world.trajectory.events.find((e) => e.phase === 'effective')!;
    expect(entry.agents).toBe(180);
    expect(entry.hashrateEhs).toBeCloseTo((hiddenThs + warehousedThs) / 1e6, 5);
  });

  test('a capacity event adds to what earlier capacity events added', () => {
    const d = dayNumber(2021, 1, 1);
    const events: PlanEvent[] = [
      { id: 'a', type: 'capacity', regions: [1], from: d, addMw: 100 },
      { id: 'b', type: 'capacity', regions: [1, 2], from: d, addMw: -30 },
    ];
    const { world, apply } = run(makePlan({ events }));
    apply(d);
    expect(Array.from(world.addedMw)).toEqual([0, 70, -30]);
  });
});
