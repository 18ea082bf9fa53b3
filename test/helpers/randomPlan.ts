/**
 * fast-check arbitraries of small compiled plans (2-5 regions, <= 300 agents, <= 24 months) with random
 * shares, prices, capacities (some tight), bans, power cuts, tariffs, capacity events, price shocks and
 * supply; plus helpers that read a trajectory back by month and region.
 */
import fc from 'fast-check';
import { daysInMonth, firstDayOfMonth, monthIndex } from '../../src/engine/calendar.ts';
import type { Plan, PlanEvent } from '../../src/plan/plan.ts';
import type { Trajectory } from '../../src/model/trajectory.ts';
import { makePlan, type RegionSpec } from './makePlan.ts';

/** Initial fleet load of makePlan's defaults: 150 EH/s at 45 J/TH = 6750 MW. */
const FLEET_MW = 6750;

export interface RandomPlanOptions {
  maxMonths?: number;
  maxAgents?: number;
}

/** A random small plan. Region ids `R0`..`R4` (already sorted), countries `A` and `B`. */
export function arbPlan(options: RandomPlanOptions = {}): fc.Arbitrary<Plan> {
  const maxMonths = options.maxMonths ?? 24;
  const maxAgents = options.maxAgents ?? 300;
  return fc
    .record({
      regionCount: fc.integer({ min: 2, max: 5 }),
      startMonth: fc.integer({ min: monthIndex(2019, 6), max: monthIndex(2023, 12) }),
      months: fc.integer({ min: 3, max: maxMonths }),
      agents: fc.integer({ min: 20, max: maxAgents }),
      btcPrice: fc.integer({ min: 5_000, max: 80_000 }),
      supply: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1200 }).map((x) => x / 100)),
      // Uniforms on a grid of 1e-6 (no subnormal shares or capacities: they only make float dust).
      seedish: fc.array(fc.integer({ min: 0, max: 999_999 }).map((x) => x / 1e6), { minLength: 120, maxLength: 120 }),
    })
    .map(({ regionCount, startMonth, months, agents, btcPrice, supply, seedish }) => {
      // Unpack a pool of uniforms into the details, so shrinking stays simple.
      let k = 0;
      const u = () => seedish[k++ % seedish.length];
      const pick = <T>(xs: T[]) => xs[Math.min(xs.length - 1, Math.floor(u() * xs.length))];
      const raw: number[] = Array.from({ length: regionCount }, () => (u() < 0.15 ? 0 : u()));
      if (!raw.some((x) => x > 0)) raw[0] = 1;
      const total = raw.reduce((a, b) => a + b);
      const regions: RegionSpec[] = raw.map((w, r) => {
        const share = w / total;
        // Capacity relative to the region's initial load: tight (0.3x..1x) or roomy (1x..3x), or a fixed block.
        const tight = u() < 0.4;
        const cap = share > 0 ? share * FLEET_MW * (tight ? 0.3 + 0.7 * u() : 1 + 2 * u()) : 3000 * u();
        const seasonal = u() < 0.3;
        const price = 0.02 + 0.1 * u();
        return {
          id: `R${r}`,
          country: r % 2 === 0 ? 'A' : 'B',
          initialShare: share,
          priceUsdPerKwh: seasonal ? (s: number) => ((s % 12) < 6 ? price : price * 1.6) : price,
          capacityMw: seasonal ? (s: number) => ((s % 12) < 6 ? cap : cap * 0.5) : cap,
          banHazardPerYear: u() < 0.3 ? u() : 0,
          buildOutMwPerMonth: u() < 0.3 ? 500 * u() : 0,
          buildOutLeadMonths: Math.floor(6 * u()),
          banCompliance: pick([1, 0.85, 0.5, 0.15, 0]),
        };
      });
      const startDay = firstDayOfMonth(startMonth);
      const endDay = firstDayOfMonth(startMonth + months);
      const span = endDay - startDay;
      const someDay = () => startDay - 20 + Math.floor(u() * (span + 40));
      const someRegions = () => {
        const rs = Array.from({ length: regionCount }, (_, r) => r).filter(() => u() < 0.5);
        return rs.length > 0 ? rs : [Math.floor(u() * regionCount)];
      };
      const events: PlanEvent[] = [];
      const nBans = pick([0, 1, 1, 2, 3]);
      for (let i = 0; i < nBans; i++) {
        const announced = someDay();
        const effective = announced + pick([0, 0, 3, 20, 45, 90]);
        const lifted = u() < 0.35 ? effective + 1 + Math.floor(u() * 200) : undefined;
        events.push({
          id: `ban${i}`, type: 'ban', regions: someRegions(), announced, effective,
          enforcement: pick([0, 0.2, 0.5, 1]),
          enforcementHalfLifeMonths: pick([0, 0, 3, 12]),
          ...(lifted !== undefined ? { lifted } : {}),
        });
      }
      const nCuts = pick([0, 1, 2]);
      for (let i = 0; i < nCuts; i++) {
        const from = someDay();
        events.push({ id: `cut${i}`, type: 'powerCut', regions: someRegions(), from, to: from + 1 + Math.floor(u() * 90), fraction: pick([0, 0.25, 0.5, 0.9]) });
      }
      if (u() < 0.5) {
        const from = someDay();
        events.push({
          id: 'tariff', type: 'tariff', regions: someRegions(), from,
          ...(u() < 0.5 ? { to: from + 1 + Math.floor(u() * 120) } : {}),
          // multiply stays >= 0.8: multiply 0 (allowed by the schema) makes NaN prices when the tariff ends,
          // a known bug pinned by its own test in test/model/simulate.test.ts.
          addUsdPerKwh: 0.03 * u(), multiply: 0.8 + 0.7 * u(),
        });
      }
      if (u() < 0.5) events.push({ id: 'capacity', type: 'capacity', regions: someRegions(), from: someDay(), addMw: -2000 + 4000 * u() });
      if (u() < 0.4) events.push({ id: 'shock', type: 'priceShock', regions: [], from: someDay(), multiply: 0.3 + 1.7 * u() });
      const supplyOriginRegion = u() < 0.5 ? -1 : Math.floor(u() * regionCount);
      return makePlan({ start: [Math.floor(startMonth / 12), (startMonth % 12) + 1], months, agents, regions, events, btcPriceUsd: btcPrice, supplyEhsPerMonth: supply, supplyOriginRegion });
    });
}

/** First day and end day (exclusive) of step `s` of a plan. */
export function stepDays(plan: Plan, s: number): { firstDay: number; endDay: number } {
  const firstDay = firstDayOfMonth(plan.startMonth + s);
  return { firstDay, endDay: firstDay + daysInMonth(plan.startMonth + s) };
}

/**
 * Whether region `r` is under a ban for the whole of step `s` and was already banned in an earlier month:
 * some ban naming it took effect before the month began and is not lifted before the month ends.
 */
export function bannedAllMonth(plan: Plan, r: number, s: number): boolean {
  const { firstDay, endDay } = stepDays(plan, s);
  return plan.events.some(
    (e) => e.type === 'ban' && e.regions.includes(r) && e.effective < firstDay && (e.lifted === undefined || e.lifted >= endDay),
  );
}

/** Sum over statuses of the whole fleet in step `s`, TH/s: active, hidden, idle, transit (all regions) and retired. */
export function fleetThs(t: Trajectory, s: number): number {
  const R = t.regionCount;
  let sum = t.network.retiredThs[s];
  for (let r = 0; r < R; r++) {
    const k = s * R + r;
    sum += t.region.activeThs[k] + t.region.hiddenThs[k] + t.region.idleThs[k] + t.region.transitThs[k];
  }
  return sum;
}

/** Value of a per-region series at step `s`, region `r`. */
export function at(series: Float64Array, t: Trajectory, s: number, r: number): number {
  return series[s * t.regionCount + r];
}
