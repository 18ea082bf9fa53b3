/**
 * The simulation on small hand-made plans: determinism, bans (enforcement, hiding, lifting), power cuts,
 * capacity and tariff events, price shocks, the difficulty lag and halvings inside a run.
 * Default makePlan regions, by index: 0 CN-SC (60%, 9000 MW), 1 KZ (10%, 3000 MW), 2 US (30%, 8000 MW).
 */
import { simulateSeeded, simulateWorldSeeded, createWorldSeeded } from '../helpers/seeded.ts';
import { describe, expect, test } from 'vitest';
import { dayNumber, monthIndex } from '../../src/engine/calendar.ts';
import { Status } from '../../src/model/status.ts';
import { buildOutFromStep } from '../../src/model/phases/buildOut.ts';
import type { Trajectory } from '../../src/model/trajectory.ts';
import type { PlanEvent } from '../../src/plan/plan.ts';
import { ban, makePlan } from '../helpers/makePlan.ts';
import { at } from '../helpers/randomPlan.ts';

const CN = 0;
const KZ = 1;
const US = 2;

/** Every typed array of a trajectory, by name. */
function arrays(t: Trajectory): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = { flowsThs: t.flowsThs };
  for (const [k, v] of Object.entries(t.region)) out[`region.${k}`] = v;
  for (const [k, v] of Object.entries(t.network)) out[`network.${k}`] = v;
  return out;
}

const step = (t: Trajectory, label: string) => {
  const s = t.months.indexOf(label);
  if (s < 0) throw new Error(`no month ${label}`);
  return s;
};

const busyEvents = (): PlanEvent[] => [
  ban('cn', [CN], [2021, 5, 21], [2021, 6, 20], 0.5),
  { id: 'kz-cut', type: 'powerCut', regions: [KZ], from: dayNumber(2021, 10, 1), to: dayNumber(2021, 12, 1), fraction: 0.5 },
  { id: 'us-site', type: 'capacity', regions: [US], from: dayNumber(2021, 8, 15), addMw: 500 },
  { id: 'kz-levy', type: 'tariff', regions: [KZ], from: dayNumber(2021, 11, 1), addUsdPerKwh: 0.0023, multiply: 1 },
  { id: 'crash', type: 'priceShock', regions: [], from: dayNumber(2021, 5, 19), multiply: 0.7 },
];

describe('determinism', () => {
  test('the same plan and seed give identical trajectories, array by array and event by event', () => {
    const plan = makePlan({ months: 18, events: busyEvents() });
    const a = simulateSeeded(plan, 42);
    const b = simulateSeeded(plan, 42);
    const aa = arrays(a);
    const bb = arrays(b);
    expect(Object.keys(aa)).toEqual(Object.keys(bb));
    for (const name of Object.keys(aa)) expect(Array.from(bb[name]), name).toEqual(Array.from(aa[name]));
    expect(b.events).toEqual(a.events);
    expect(b.months).toEqual(a.months);
  });

  test('simulating twice does not change the plan (the run owns all its state)', () => {
    const plan = makePlan({ months: 12, events: busyEvents() });
    const before = JSON.stringify({ ...plan, regions: plan.regions.map((r) => ({ ...r, capacityMw: Array.from(r.capacityMw) })) });
    simulateSeeded(plan, 1);
    const after = JSON.stringify({ ...plan, regions: plan.regions.map((r) => ({ ...r, capacityMw: Array.from(r.capacityMw) })) });
    expect(after).toBe(before);
    expect(arrays(simulateSeeded(plan, 1))['network.hashingThs']).toEqual(arrays(simulateSeeded(plan, 1))['network.hashingThs']);
  });

  test('different seeds give different agents but the same shape and a similar network', () => {
    const plan = makePlan({ months: 12, events: busyEvents() });
    const w1 = simulateWorldSeeded(plan, 1);
    const w2 = simulateWorldSeeded(plan, 2);
    const sizes = (w: typeof w1) => Array.from(w.agents.hashrateThs.subarray(0, 50));
    expect(sizes(w1)).not.toEqual(sizes(w2));
    const [t1, t2] = [w1.trajectory, w2.trajectory];
    expect(t2.months).toEqual(t1.months);
    expect(t2.regionCount).toBe(t1.regionCount);
    for (const name of Object.keys(arrays(t1))) expect(arrays(t2)[name].length, name).toBe(arrays(t1)[name].length);
    expect(Array.from(t2.network.hashingThs)).not.toEqual(Array.from(t1.network.hashingThs));
    for (let s = 0; s < plan.months; s++) {
      const ratio = t2.network.hashingThs[s] / t1.network.hashingThs[s];
      expect(ratio, t1.months[s]).toBeGreaterThan(0.8);
      expect(ratio, t1.months[s]).toBeLessThan(1.25);
    }
  });
});

describe('the initial fleet', () => {
  test('is split among about agents.count agents, each region holding exactly its share of the start hashrate', () => {
    const world = createWorldSeeded(makePlan({ months: 1 }), 3);
    const byRegion = [0, 0, 0];
    const count = [0, 0, 0];
    for (let id = 0; id < world.agents.count; id++) {
      expect(world.agents.status[id]).toBe(Status.ACTIVE);
      byRegion[world.agents.region[id]] += world.agents.hashrateThs[id];
      count[world.agents.region[id]]++;
    }
    expect(count).toEqual([180, 30, 90]);
    expect(byRegion[CN] / 1e6).toBeCloseTo(90, 6);
    expect(byRegion[KZ] / 1e6).toBeCloseTo(15, 6);
    expect(byRegion[US] / 1e6).toBeCloseTo(45, 6);
    expect(world.installedThs).toBeCloseTo(150e6, 0);
  });

  test("a month's agent counts are the statuses at its end, before its decisions; its TH/s are day-weighted means", () => {
    const plan = makePlan({ months: 9, events: busyEvents() });
    const world = simulateWorldSeeded({ ...plan, months: 8 }, 5);
    // The store after 8 settled months holds the statuses decided for month 9 (index 8) before anything happens in it.
    const full = simulateSeeded(plan, 5);
    const R = full.regionCount;
    const counts = { active: new Array(R).fill(0), idle: new Array(R).fill(0), hidden: new Array(R).fill(0) };
    const { agents } = world;
    for (let id = 0; id < agents.count; id++) {
      const st = agents.status[id];
      const r = agents.region[id] >= 0 ? agents.region[id] : agents.origin[id];
      if (st === Status.ACTIVE) counts.active[r]++;
      else if (st === Status.IDLE) counts.idle[r]++;
      else if (st === Status.HIDDEN) counts.hidden[r]++;
    }
    const s = 8;
    for (let r = 0; r < R; r++) {
      // Shipments arriving during month 9 add to its active count; nothing else changes in it (no events then).
      expect(at(full.region.agentsActive, full, s, r)).toBeGreaterThanOrEqual(counts.active[r]);
      expect(at(full.region.agentsIdle, full, s, r)).toBe(counts.idle[r]);
      expect(at(full.region.agentsHidden, full, s, r)).toBe(counts.hidden[r]);
    }
    expect(full.network.installedThs[s]).toBeCloseTo(world.installedThs, 3);
  });
});

describe('bans', () => {
  const months = 9; // 2021-01 .. 2021-09

  test('a ban with enforcement 1 catches most covert hashrate within two months (enforcement 0 catches none)', () => {
    const strict = simulateSeeded(makePlan({ months, events: [ban('cn', [CN], [2021, 5, 21], [2021, 6, 20], 1)] }), 7);
    const lax = simulateSeeded(makePlan({ months, events: [ban('cn', [CN], [2021, 5, 21], [2021, 6, 20], 0)] }), 7);
    const effective = strict.events.find((e) => e.event === 'cn' && e.phase === 'effective');
    expect(effective).toMatchObject({ date: '2021-06-20', month: '2021-06', type: 'ban', regions: ['CN-SC'] });
    expect(effective!.agents).toBeGreaterThan(0);
    const hidden = (t: Trajectory, label: string) => at(t.region.hiddenThs, t, step(t, label), CN);
    // Covert from the 20th: 11 days of June. Detection (about the share of mean-size operations caught, more for
    // larger ones) empties most of it by August; without enforcement covert mining goes on.
    expect(hidden(strict, '2021-06')).toBeGreaterThan(0);
    expect(hidden(strict, '2021-08')).toBeLessThan(0.2 * hidden(lax, '2021-08'));
    expect(hidden(lax, '2021-08')).toBeGreaterThan(hidden(lax, '2021-06'));
    for (const label of ['2021-07', '2021-08']) {
      expect(at(strict.region.activeThs, strict, step(strict, label), CN), label).toBe(0);
      expect(at(lax.region.activeThs, lax, step(lax, label), CN), label).toBe(0);
    }
  });

  test('hidden hashrate counts as hashing (in hashingThs and load) but not as active', () => {
    const t = simulateSeeded(makePlan({ months, events: [ban('cn', [CN], [2021, 5, 21], [2021, 6, 20], 0)] }), 7);
    const s = step(t, '2021-07');
    const hidden = at(t.region.hiddenThs, t, s, CN);
    expect(hidden).toBeGreaterThan(0);
    expect(at(t.region.loadMw, t, s, CN)).toBeGreaterThan(0);
    const sum = [CN, KZ, US].reduce((a, r) => a + at(t.region.activeThs, t, s, r) + at(t.region.hiddenThs, t, s, r), 0);
    expect(t.network.hashingThs[s]).toBeCloseTo(sum, 3);
  });

  test('an announced ban makes miners leave before it takes effect', () => {
    const t = simulateSeeded(makePlan({ months: 6, supplyEhsPerMonth: 0, events: [ban('cn', [CN], [2021, 2, 1], [2021, 7, 1], 1)] }), 11);
    const R = t.regionCount;
    let leftThs = 0;
    for (let s = step(t, '2021-02'); s <= step(t, '2021-05'); s++) for (const j of [KZ, US]) leftThs += t.flowsThs[(s * R + CN) * R + j];
    expect(leftThs).toBeGreaterThan(10e6); // more than 10 EH/s of the 90 left early
    expect(at(t.region.activeThs, t, step(t, '2021-06'), CN)).toBeLessThan(at(t.region.activeThs, t, step(t, '2021-01'), CN) * 0.8);
    // Not yet banned: mining goes on in June.
    expect(at(t.region.activeThs, t, step(t, '2021-06'), CN)).toBeGreaterThan(0);
  });

  test('lifting a ban turns every covert agent active again, on the lift day', () => {
    const t = simulateSeeded(makePlan({ months: 6, events: [ban('cn', [CN], [2021, 3, 1], [2021, 3, 10], 0, [2021, 6, 15])] }), 7);
    const may = step(t, '2021-05');
    const june = step(t, '2021-06');
    expect(at(t.region.agentsHidden, t, may, CN)).toBeGreaterThan(0);
    expect(at(t.region.activeThs, t, may, CN)).toBe(0);
    const lifted = t.events.find((e) => e.event === 'cn' && e.phase === 'lifted');
    expect(lifted).toMatchObject({ date: '2021-06-15' });
    expect(lifted!.agents).toBeGreaterThan(0);
    // June: covert for 14 days, active from the 15th.
    expect(at(t.region.agentsHidden, t, june, CN)).toBe(0);
    const covertJune = at(t.region.hiddenThs, t, june, CN);
    expect(covertJune).toBeCloseTo((lifted!.hashrateEhs! * 1e6 * 14) / 30, -2);
    expect(at(t.region.activeThs, t, june, CN)).toBeGreaterThanOrEqual((lifted!.hashrateEhs! * 1e6 * 16) / 30 - 1);
  });

  test('a region under two bans stays banned while one of them is still in force', () => {
    const t = simulateSeeded(
      makePlan({
        months: 8,
        events: [ban('first', [CN], [2021, 2, 1], [2021, 2, 10], 0, [2021, 5, 1]), ban('second', [CN, KZ], [2021, 3, 1], [2021, 3, 5], 0)],
      }),
      7,
    );
    for (const label of ['2021-05', '2021-06', '2021-07', '2021-08']) {
      expect(at(t.region.activeThs, t, step(t, label), CN), label).toBe(0);
      expect(at(t.region.activeThs, t, step(t, label), KZ), label).toBe(0);
    }
    const lifted = t.events.find((e) => e.event === 'first' && e.phase === 'lifted');
    expect(lifted!.agents).toBe(0);
  });

  test('a ban already in force before the run starts empties the region from the first month', () => {
    const t = simulateSeeded(makePlan({ months: 3, events: [ban('old', [KZ], [2020, 1, 1], [2020, 6, 1], 0.5)] }), 2);
    for (let s = 0; s < 3; s++) expect(at(t.region.activeThs, t, s, KZ)).toBe(0);
    const effective = t.events.find((e) => e.event === 'old' && e.phase === 'effective');
    expect(effective).toMatchObject({ date: '2020-06-01', month: '2020-06', regions: ['KZ'] });
    expect(effective!.hashrateEhs).toBeCloseTo(15, 6); // the whole initial KZ fleet had to hide, leave or sell
  });

  test('no new machines are installed in a banned region', () => {
    const plan = makePlan({ months: 8, supplyEhsPerMonth: 10, events: [ban('us', [US], [2021, 1, 1], [2021, 1, 1], 1)] });
    const world = simulateWorldSeeded(plan, 4);
    const t = world.trajectory;
    const initialAgents = t.network.agents[0];
    expect(world.agents.count).toBeGreaterThan(initialAgents); // new machines were installed somewhere
    for (let id = initialAgents; id < world.agents.count; id++) {
      expect(world.agents.region[id] === US || world.agents.origin[id] === US).toBe(false);
    }
    for (let s = 0; s < 8; s++) expect(at(t.region.activeThs, t, s, US)).toBe(0);
  });
});

describe('relocation', () => {
  // A (country CN) holds the whole fleet; B (another country: lead 2 months, freight 2 USD/TH) starts empty.
  const twoRegions = (capacityB: number) => [
    { id: 'A', country: 'CN', initialShare: 1, priceUsdPerKwh: 0.03, capacityMw: 20000 },
    { id: 'B', country: 'US', initialShare: 0, priceUsdPerKwh: 0.03, capacityMw: capacityB },
  ];

  test('machines stopped by a ban on Feb 1 ship that day and hash from their arrival day, 2 months later', () => {
    const t = simulateSeeded(makePlan({ months: 6, regions: twoRegions(20000), supplyEhsPerMonth: 0, events: [ban('a', [0], [2021, 2, 1], [2021, 2, 1], 1)] }), 8);
    const R = t.regionCount;
    // The January settlement sees the ban of February 1 (the next month's first day): the move is decided then.
    const moved = t.flowsThs[(0 * R + 0) * R + 1];
    expect(moved).toBeGreaterThan(0.8 * 150e6); // most move rather than sell or wait
    // February and March: on the way; April: they arrive on the 3rd (61 days after Feb 1).
    expect(at(t.region.transitThs, t, 1, 1)).toBeGreaterThanOrEqual(moved - 1);
    expect(at(t.region.transitThs, t, 2, 1)).toBeGreaterThanOrEqual(moved - 1);
    expect(at(t.region.activeThs, t, 0, 0)).toBeCloseTo(150e6, 0); // January hashed in full
    // April: those that left on Feb 1 arrive on the 3rd (61 days); the few that left at February's end arrive later.
    const april = at(t.region.activeThs, t, 3, 1);
    expect(april).toBeGreaterThan((moved * 28) / 30 - 1);
    expect(april).toBeLessThan((moved * 28) / 30 + 0.02 * 150e6);
  });

  test('machines with nowhere to go wait (stranded in place) and are scrapped after 12 idle months', () => {
    const t = simulateSeeded(makePlan({ start: [2021, 1], months: 15, regions: twoRegions(0), supplyEhsPerMonth: 0, events: [ban('a', [0], [2021, 2, 1], [2021, 2, 1], 1)] }), 8);
    const installed = t.network.installedThs[0];
    for (let s = step(t, '2021-03'); s <= step(t, '2022-01'); s++) {
      expect(at(t.region.activeThs, t, s, 0) + at(t.region.activeThs, t, s, 1), t.months[s]).toBe(0);
      expect(t.network.retiredThs[s], t.months[s]).toBe(0);
      // Waiting in place, covert, or (caught) in a warehouse: all counted in A.
      const inA = at(t.region.idleThs, t, s, 0) + at(t.region.hiddenThs, t, s, 0) + at(t.region.transitThs, t, s, 0);
      expect(inA, t.months[s]).toBeCloseTo(installed, 0);
    }
    // Covert miners are caught (enforcement 1) and wait in a warehouse; everyone is scrapped after 12 idle months.
    expect(t.network.retiredThs[step(t, '2022-02')]).toBeGreaterThan(0.9 * installed);
  });
});

describe('power, capacity, tariffs and prices', () => {
  test('a power cut to fraction 0 over a whole month leaves the region with zero load that month', () => {
    const cut: PlanEvent = { id: 'kz-out', type: 'powerCut', regions: [KZ], from: dayNumber(2021, 3, 1), to: dayNumber(2021, 4, 1), fraction: 0 };
    const t = simulateSeeded(makePlan({ months: 5, events: [cut] }), 9);
    const [feb, mar, apr] = ['2021-02', '2021-03', '2021-04'].map((m) => step(t, m));
    expect(at(t.region.capacityMw, t, mar, KZ)).toBe(0);
    expect(at(t.region.loadMw, t, mar, KZ)).toBe(0);
    expect(at(t.region.activeThs, t, mar, KZ)).toBe(0);
    expect(at(t.region.hiddenThs, t, mar, KZ)).toBe(0);
    expect(at(t.region.energyTwh, t, mar, KZ)).toBe(0);
    expect(at(t.region.idleThs, t, mar, KZ)).toBeGreaterThan(0); // switched off, not gone
    expect(at(t.region.loadMw, t, feb, KZ)).toBeGreaterThan(0);
    expect(at(t.region.capacityMw, t, apr, KZ)).toBe(3000);
    expect(at(t.region.loadMw, t, apr, KZ)).toBeGreaterThan(0); // back on when power returns
  });

  test('machines switched on for a month in which a cut still holds on its first day stay within that day\'s capacity (found by the capacity property)', () => {
    // Kazakhstan dark from mid-January to 5 March (known end), then an unforeseen loss of all its capacity on 4
    // March: the market of February valued March's mean capacity; on 1-3 March nothing may run there.
    const events: PlanEvent[] = [
      { id: 'kz-out', type: 'powerCut', regions: [KZ], from: dayNumber(2021, 1, 15), to: dayNumber(2021, 3, 5), fraction: 0 },
      { id: 'kz-gone', type: 'capacity', regions: [KZ], from: dayNumber(2021, 3, 4), addMw: -5000 },
    ];
    for (const seed of [1, 2, 3]) {
      const t = simulateSeeded(makePlan({ months: 5, events }), seed);
      const mar = step(t, '2021-03');
      expect(at(t.region.capacityMw, t, mar, KZ)).toBe(0);
      expect(at(t.region.loadMw, t, mar, KZ), `seed ${seed}`).toBe(0);
    }
  });

  test('a cut of 8 days (24th to 31st of March) at half counts day-weighted in the month capacity', () => {
    const cut: PlanEvent = { id: 'kz-cut', type: 'powerCut', regions: [KZ], from: dayNumber(2021, 3, 24), to: dayNumber(2021, 4, 1), fraction: 0.5 };
    const t = simulateSeeded(makePlan({ months: 4, events: [cut] }), 9);
    expect(at(t.region.capacityMw, t, step(t, '2021-03'), KZ)).toBeCloseTo(3000 * (23 + 8 * 0.5) / 31, 9);
    expect(at(t.region.capacityMw, t, step(t, '2021-04'), KZ)).toBe(3000);
    expect(at(t.region.capacityMw, t, step(t, '2021-03'), US)).toBe(8000);
  });

  test('overlapping cuts multiply, and each ends on its own date', () => {
    const events: PlanEvent[] = [
      { id: 'a', type: 'powerCut', regions: [KZ], from: dayNumber(2021, 2, 1), to: dayNumber(2021, 4, 1), fraction: 0.5 },
      { id: 'b', type: 'powerCut', regions: [KZ], from: dayNumber(2021, 3, 1), to: dayNumber(2021, 5, 1), fraction: 0.5 },
    ];
    const t = simulateSeeded(makePlan({ months: 5, events }), 1);
    expect([0, 1, 2, 3, 4].map((s) => at(t.region.capacityMw, t, s, KZ))).toEqual([3000, 1500, 750, 1500, 3000]);
  });

  test('a capacity event adds its MW from its date, day-weighted in its first month', () => {
    const site: PlanEvent = { id: 'us-site', type: 'capacity', regions: [US], from: dayNumber(2021, 4, 16), addMw: 600 };
    const t = simulateSeeded(makePlan({ months: 6, events: [site] }), 1);
    expect(at(t.region.capacityMw, t, step(t, '2021-03'), US)).toBe(8000);
    expect(at(t.region.capacityMw, t, step(t, '2021-04'), US)).toBeCloseTo(8000 + 600 * 15 / 30, 9);
    expect(at(t.region.capacityMw, t, step(t, '2021-05'), US)).toBe(8600);
  });

  test('a negative capacity event never makes capacity negative', () => {
    const loss: PlanEvent = { id: 'kz-loss', type: 'capacity', regions: [KZ], from: dayNumber(2021, 2, 1), addMw: -5000 };
    const t = simulateSeeded(makePlan({ months: 3, events: [loss] }), 1);
    expect(at(t.region.capacityMw, t, 1, KZ)).toBe(0);
    expect(at(t.region.loadMw, t, 1, KZ)).toBe(0);
  });

  test('a tariff adds to the power price for its months only (no congestion below 80% utilisation)', () => {
    const levy: PlanEvent = { id: 'kz-levy', type: 'tariff', regions: [KZ], from: dayNumber(2021, 3, 1), to: dayNumber(2021, 5, 1), addUsdPerKwh: 0.01, multiply: 1 };
    // Plenty of room in KZ (about 700 of 30000 MW), so congestion never applies.
    const regions = [
      { id: 'CN-SC', country: 'CN', initialShare: 0.6, priceUsdPerKwh: 0.035, capacityMw: 9000 },
      { id: 'KZ', country: 'KZ', initialShare: 0.1, priceUsdPerKwh: 0.045, capacityMw: 30000 },
      { id: 'US', country: 'US', initialShare: 0.3, priceUsdPerKwh: 0.05, capacityMw: 8000 },
    ];
    const t = simulateSeeded(makePlan({ months: 6, regions, events: [levy] }), 1);
    const price = (label: string) => at(t.region.powerPriceUsdPerKwh, t, step(t, label), KZ);
    expect(price('2021-02')).toBeCloseTo(0.045, 12);
    expect(price('2021-03')).toBeCloseTo(0.055, 12);
    expect(price('2021-04')).toBeCloseTo(0.055, 12);
    expect(price('2021-05')).toBeCloseTo(0.045, 12);
  });

  test('overlapping tariffs stack, and each one ends on its own date', () => {
    const regions = [
      { id: 'CN-SC', country: 'CN', initialShare: 0.6, priceUsdPerKwh: 0.035, capacityMw: 9000 },
      { id: 'KZ', country: 'KZ', initialShare: 0.1, priceUsdPerKwh: 0.04, capacityMw: 30000 },
      { id: 'US', country: 'US', initialShare: 0.3, priceUsdPerKwh: 0.05, capacityMw: 8000 },
    ];
    const events: PlanEvent[] = [
      { id: 'double', type: 'tariff', regions: [KZ], from: dayNumber(2021, 2, 1), to: dayNumber(2021, 4, 1), addUsdPerKwh: 0, multiply: 2 },
      { id: 'levy', type: 'tariff', regions: [KZ], from: dayNumber(2021, 3, 1), addUsdPerKwh: 0.005, multiply: 1 },
    ];
    const t = simulateSeeded(makePlan({ months: 5, regions, events }), 1);
    const prices = [0, 1, 2, 3, 4].map((s) => at(t.region.powerPriceUsdPerKwh, t, s, KZ));
    [0.04, 0.08, 0.085, 0.045, 0.045].forEach((want, s) => expect(prices[s], t.months[s]).toBeCloseTo(want, 12));
  });

  test('a tariff with multiply 0 (free power for a month) gives the base price back when it ends', () => {
    const free: PlanEvent = { id: 'free', type: 'tariff', regions: [KZ], from: dayNumber(2021, 3, 1), to: dayNumber(2021, 4, 1), addUsdPerKwh: 0, multiply: 0 };
    const t = simulateSeeded(makePlan({ months: 5, events: [free] }), 1);
    expect(at(t.region.powerPriceUsdPerKwh, t, step(t, '2021-03'), KZ)).toBe(0);
    expect(at(t.region.powerPriceUsdPerKwh, t, step(t, '2021-05'), KZ)).toBeCloseTo(0.045, 12);
  });

  test('congestion raises the price by slope * (last month utilisation - 0.8)', () => {
    const regions = [
      { id: 'CN-SC', country: 'CN', initialShare: 0.6, priceUsdPerKwh: 0.035, capacityMw: 9000 },
      { id: 'KZ', country: 'KZ', initialShare: 0.1, priceUsdPerKwh: 0.045, capacityMw: 700 },
      { id: 'US', country: 'US', initialShare: 0.3, priceUsdPerKwh: 0.05, capacityMw: 8000 },
    ];
    const t = simulateSeeded(makePlan({ months: 6, regions }), 1);
    expect(at(t.region.powerPriceUsdPerKwh, t, 0, KZ)).toBe(0.045); // no history at the start
    let congested = 0;
    for (let s = 1; s < 6; s++) {
      const util = at(t.region.loadMw, t, s - 1, KZ) / at(t.region.capacityMw, t, s - 1, KZ);
      if (util > 0.8) congested++;
      expect(at(t.region.powerPriceUsdPerKwh, t, s, KZ)).toBeCloseTo(0.045 * (1 + 0.5 * Math.max(0, util - 0.8)), 12);
    }
    expect(congested).toBeGreaterThan(0);
  });

  test('a price shock multiplies the Bitcoin price from its day, day-weighted in its month', () => {
    const shock: PlanEvent = { id: 'crash', type: 'priceShock', regions: [], from: dayNumber(2021, 3, 11), multiply: 0.5 };
    const t = simulateSeeded(makePlan({ months: 5, events: [shock] }), 1);
    expect(t.network.btcPriceUsd[step(t, '2021-02')]).toBe(40_000);
    expect(t.network.btcPriceUsd[step(t, '2021-03')]).toBeCloseTo(40_000 * (10 + 21 * 0.5) / 31, 6);
    expect(t.network.btcPriceUsd[step(t, '2021-04')]).toBe(20_000);
  });

  test('new machines never go to a region where they would lose money', () => {
    const regions = [
      { id: 'A', country: 'A', initialShare: 1, priceUsdPerKwh: 0.03, capacityMw: 20000 },
      { id: 'DEAR', country: 'B', initialShare: 0, priceUsdPerKwh: 2, capacityMw: 20000 },
    ];
    const t = simulateSeeded(makePlan({ months: 6, regions, supplyEhsPerMonth: 10 }), 3);
    for (let s = 0; s < 6; s++) {
      expect(at(t.region.activeThs, t, s, 1)).toBe(0);
      expect(t.network.supplyPlacedThs[s]).toBeGreaterThan(0);
    }
  });
});

describe('the difficulty lag and halvings in a run', () => {
  test('when a ban removes a big share of hashrate fewer than 4320 blocks are found, and the next month difficulty catches up', () => {
    const t = simulateSeeded(makePlan({ months: 9, events: [ban('cn', [CN], [2021, 6, 18], [2021, 6, 20], 0.9)] }), 13);
    const may = step(t, '2021-05');
    const june = step(t, '2021-06');
    const july = step(t, '2021-07');
    const n = t.network;
    // June hashes 19 days of CN-SC's 60% (the ban takes effect on the 20th), July none of it (but covert miners).
    expect(n.hashingThs[june]).toBeLessThan(0.85 * n.hashingThs[may]);
    expect(n.hashingThs[july]).toBeLessThan(0.6 * n.hashingThs[may]);
    expect(n.blocks[june]).toBeLessThan(4320);
    expect(n.blocks[july]).toBeLessThan(4320 * 0.75);
    expect(n.blocks[june]).toBeCloseTo(4320 * n.hashingThs[june] / n.hashingThs[may], 6);
    expect(n.difficultyImpliedThs[june]).toBe(n.hashingThs[may]);
    expect(n.difficultyImpliedThs[july]).toBe(n.hashingThs[june]);
    // Fewer blocks at the same price: miners' revenue falls in the ban month.
    expect(n.revenueUsd[june]).toBeLessThan(n.revenueUsd[may]);
  });

  test('network subsidy for May 2020 is the day-weighted mean of 10 days at 12.5 and 21 days at 6.25', () => {
    const t = simulateSeeded(makePlan({ start: [2020, 4], months: 3 }), 1);
    expect(t.months).toEqual(['2020-04', '2020-05', '2020-06']);
    expect(t.network.subsidyBtc[0]).toBe(12.5);
    expect(t.network.subsidyBtc[1]).toBeCloseTo((10 * 12.5 + 21 * 6.25) / 31, 12);
    expect(t.network.subsidyBtc[2]).toBe(6.25);
    expect(t.events.filter((e) => e.type === 'halving')).toEqual([
      { date: '2020-05-11', month: '2020-05', event: 'halving', type: 'halving', phase: 'effective', regions: [], detail: 'subsidy 6.25 BTC' },
    ]);
  });

  test('April 2024 pays 19 days at 6.25 BTC and 11 days at 3.125 BTC', () => {
    const t = simulateSeeded(makePlan({ start: [2024, 3], months: 3 }), 1);
    expect(Array.from(t.network.subsidyBtc)).toEqual([6.25, expect.closeTo((19 * 6.25 + 11 * 3.125) / 30, 12), 3.125]);
  });

  test('a run without a halving logs none and keeps the subsidy constant', () => {
    const t = simulateSeeded(makePlan({ start: [2021, 1], months: 12 }), 1);
    expect(t.events.filter((e) => e.type === 'halving')).toEqual([]);
    expect(new Set(t.network.subsidyBtc)).toEqual(new Set([6.25]));
    expect(t.plan.startMonth).toBe(monthIndex(2021, 1));
  });

  test('after a month in which nobody hashes, difficulty is still set from the last month that hashed', () => {
    const blackout: PlanEvent = { id: 'blackout', type: 'powerCut', regions: [CN, KZ, US], from: dayNumber(2021, 3, 1), to: dayNumber(2021, 4, 1), fraction: 0 };
    const t = simulateSeeded(makePlan({ months: 5, events: [blackout] }), 1);
    const [feb, mar, apr] = ['2021-02', '2021-03', '2021-04'].map((m) => step(t, m));
    expect(t.network.hashingThs[mar]).toBe(0);
    expect(t.network.hashpriceUsdPerThMonth[mar]).toBe(0);
    expect(t.network.difficultyImpliedThs[apr]).toBe(t.network.hashingThs[feb]);
  });

  test('a month in which nobody hashes finds no blocks and pays no revenue', () => {
    const blackout: PlanEvent = { id: 'blackout', type: 'powerCut', regions: [CN, KZ, US], from: dayNumber(2021, 3, 1), to: dayNumber(2021, 4, 1), fraction: 0 };
    const t = simulateSeeded(makePlan({ months: 5, events: [blackout] }), 1);
    const mar = step(t, '2021-03');
    expect(t.network.hashingThs[mar]).toBe(0);
    expect(t.network.blocks[mar]).toBe(0);
    expect(t.network.revenueUsd[mar]).toBe(0);
  });
});

describe('build-out that responds to demand', () => {
  const regions = [
    { id: 'CN-SC', country: 'CN', initialShare: 0.5, priceUsdPerKwh: 0.03, capacityMw: 9000 },
    { id: 'US', country: 'US', initialShare: 0.5, priceUsdPerKwh: 0.03, capacityMw: 3500, buildOutMwPerMonth: 200, buildOutLeadMonths: 3 },
  ];

  test('a full region with build-out gains capacity after the lead time; one without stays flat', () => {
    const t = simulateSeeded(makePlan({ months: 12, regions, supplyEhsPerMonth: 5 }), 1);
    const US = t.plan.regions.findIndex((r) => r.id === 'US');
    const CN = t.plan.regions.findIndex((r) => r.id === 'CN-SC');
    const cap = (r: number, s: number) => t.region.capacityMw[s * t.regionCount + r];
    expect(cap(US, 0)).toBe(3500);
    expect(cap(US, 3)).toBeGreaterThanOrEqual(3700);
    expect(cap(US, 11)).toBeGreaterThan(cap(US, 3));
    expect((cap(US, 11) - 3500) % 200).toBe(0);
    for (let s = 0; s < 12; s++) expect(cap(CN, s)).toBe(9000);
  });

  test('build-out starts only at the last change of the written capacity path (the path before it is data)', () => {
    expect(buildOutFromStep(Float64Array.of(100, 150, 200, 200, 200))).toBe(2);
    expect(buildOutFromStep(Float64Array.of(100, 100))).toBe(0);
    const plan = makePlan({ months: 12, regions, supplyEhsPerMonth: 5 });
    const US = plan.regions.findIndex((r) => r.id === 'US');
    // The path rises by 1 MW a month to month 6, then holds: no build-out before month 6, build-out after.
    plan.regions[US].capacityMw = Float64Array.from({ length: 12 }, (_, s) => 3500 + Math.min(s, 6));
    const t = simulateSeeded(plan, 1);
    const cap = (s: number) => t.region.capacityMw[s * t.regionCount + US];
    for (let s = 0; s <= 8; s++) expect(cap(s), `month ${s}`).toBe(3500 + Math.min(s, 6)); // online 3 months after month 6
    expect(cap(11)).toBeGreaterThan(3506);
  });

  test('a region with room does not build', () => {
    const roomy = regions.map((r) => (r.id === 'US' ? { ...r, capacityMw: 20_000 } : r));
    const t = simulateSeeded(makePlan({ months: 12, regions: roomy, supplyEhsPerMonth: 1 }), 1);
    const US = t.plan.regions.findIndex((r) => r.id === 'US');
    for (let s = 0; s < 12; s++) expect(t.region.capacityMw[s * t.regionCount + US]).toBe(20_000);
  });
});
