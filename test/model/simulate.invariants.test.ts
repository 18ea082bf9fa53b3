/**
 * Invariants of the simulation (DESIGN.md "Conventions worth copying"), as property tests over random small
 * plans: conservation of hashrate, capacity never exceeded, no active hashing in a banned region, shares
 * summing to 1, and the difficulty lag.
 */
import { simulateSeeded } from '../helpers/seeded.ts';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { aggregateByCountry, shares } from '../../src/report/aggregate.ts';
import { arbPlan, at, bannedAllMonth, fleetThs, stepDays } from '../helpers/randomPlan.ts';

// HASHSIM_FC_RUNS=1000 npx vitest run test/model searches harder; 40 keeps the suite fast.
const RUNS = { numRuns: Number(process.env.HASHSIM_FC_RUNS ?? 40) };
const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe('simulation invariants over random plans', () => {
  test('conservation: active + idle + transit + hidden + retired equals the installed fleet every month', () => {
    fc.assert(
      fc.property(arbPlan(), seedArb, (plan, seed) => {
        const t = simulateSeeded(plan, seed);
        for (let s = 0; s < plan.months; s++) {
          const installed = t.network.installedThs[s];
          expect(installed).toBeGreaterThan(0);
          const diff = Math.abs(fleetThs(t, s) - installed);
          expect(diff, `month ${t.months[s]}`).toBeLessThanOrEqual(1e-9 * installed);
        }
      }),
      RUNS,
    );
  });

  test('the installed fleet of a month is the initial hashrate plus the supply (and the start pipeline) placed in earlier months', () => {
    fc.assert(
      fc.property(arbPlan(), seedArb, (plan, seed) => {
        const t = simulateSeeded(plan, seed);
        let expected = plan.network.initialHashrateEhs * 1e6;
        for (let s = 0; s < plan.months; s++) {
          // New machines are placed by the month's settlement, after its production: they count from next month.
          expect(Math.abs(t.network.installedThs[s] - expected)).toBeLessThanOrEqual(1e-9 * expected);
          expected += t.network.supplyPlacedThs[s] + t.network.pipelinePlacedThs[s];
          if (s > 0) expect(t.network.pipelinePlacedThs[s]).toBe(0);
          expect(t.network.supplyPlacedThs[s]).toBeGreaterThanOrEqual(0);
          expect(t.network.supplyUnplacedThs[s]).toBeGreaterThanOrEqual(-1e-6);
          expect(t.network.supplyPlacedThs[s] + t.network.supplyUnplacedThs[s]).toBeCloseTo(plan.network.supplyEhsPerMonth[s] * 1e6, 3);
        }
      }),
      RUNS,
    );
  });

  test('capacity is never exceeded: load <= capacity in every region and month', () => {
    fc.assert(
      fc.property(arbPlan(), seedArb, (plan, seed) => {
        const t = simulateSeeded(plan, seed);
        for (let s = 0; s < plan.months; s++) {
          for (let r = 0; r < t.regionCount; r++) {
            const load = at(t.region.loadMw, t, s, r);
            const cap = at(t.region.capacityMw, t, s, r);
            expect(load, `${plan.regions[r].id} ${t.months[s]}`).toBeLessThanOrEqual(cap + 1e-6);
            expect(cap).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      RUNS,
    );
  });

  test('after a ban takes effect (and until it is lifted) a banned region has no active hashrate; hidden is counted apart', () => {
    let bannedMonthsSeen = 0;
    fc.assert(
      fc.property(arbPlan(), seedArb, (plan, seed) => {
        const t = simulateSeeded(plan, seed);
        for (let s = 0; s < plan.months; s++) {
          for (let r = 0; r < t.regionCount; r++) {
            if (!bannedAllMonth(plan, r, s)) continue;
            bannedMonthsSeen++;
            expect(at(t.region.activeThs, t, s, r), `${plan.regions[r].id} ${t.months[s]}`).toBe(0);
            expect(at(t.region.agentsActive, t, s, r)).toBe(0);
            // Its load is covert mining only (machines waiting in place draw nothing).
            expect(at(t.region.loadMw, t, s, r)).toBeLessThanOrEqual(
              at(t.region.hiddenThs, t, s, r) * 500 / 1e6 + 1e-9, // hidden TH/s at the worst efficiency of the bins
            );
          }
        }
      }),
      RUNS,
    );
    expect(bannedMonthsSeen).toBeGreaterThan(0); // the generator does produce banned months
  });

  test('in the month a ban takes effect, the banned region hashes openly only for the days before it (none active at the month end)', () => {
    fc.assert(
      fc.property(arbPlan(), seedArb, (plan, seed) => {
        const t = simulateSeeded(plan, seed);
        for (let s = 0; s < plan.months; s++) {
          const { firstDay, endDay } = stepDays(plan, s);
          for (let r = 0; r < t.regionCount; r++) {
            const bans = plan.events.filter(
              (e) => e.type === 'ban' && e.regions.includes(r) && e.effective >= firstDay && e.effective < endDay && (e.lifted === undefined || e.lifted >= endDay),
            );
            if (bans.length === 0) continue;
            expect(at(t.region.agentsActive, t, s, r), `${plan.regions[r].id} ${t.months[s]}`).toBe(0);
            const effective = Math.min(...bans.map((e) => (e.type === 'ban' ? e.effective : endDay)));
            const openShare = (effective - firstDay) / (endDay - firstDay);
            expect(at(t.region.activeThs, t, s, r)).toBeLessThanOrEqual(openShare * t.network.installedThs[s] * (1 + 1e-9) + 1e-6);
          }
        }
      }),
      RUNS,
    );
  });

  test('hidden hashrate exists only in regions under a ban in force on some day of the month', () => {
    fc.assert(
      fc.property(arbPlan(), seedArb, (plan, seed) => {
        const t = simulateSeeded(plan, seed);
        for (let s = 0; s < plan.months; s++) {
          const { firstDay, endDay } = stepDays(plan, s);
          for (let r = 0; r < t.regionCount; r++) {
            const inForce = plan.events.some((e) => e.type === 'ban' && e.regions.includes(r) && e.effective < endDay && (e.lifted === undefined || e.lifted > firstDay));
            if (!inForce) expect(at(t.region.hiddenThs, t, s, r), `${plan.regions[r].id} ${t.months[s]}`).toBe(0);
          }
        }
      }),
      RUNS,
    );
  });

  test('no hashrate moves into a region with a ban announced or in force', () => {
    fc.assert(
      fc.property(arbPlan(), seedArb, (plan, seed) => {
        const t = simulateSeeded(plan, seed);
        const R = t.regionCount;
        for (let s = 0; s < plan.months; s++) {
          const { endDay } = stepDays(plan, s);
          for (let j = 0; j < R; j++) {
            // Moves are decided at the month's end, after the events of the next month's first day (endDay).
            const closed = plan.events.some((e) => e.type === 'ban' && e.regions.includes(j) && e.announced < endDay && (e.lifted === undefined || e.lifted > endDay));
            if (!closed) continue;
            for (let i = 0; i < R; i++) expect(t.flowsThs[(s * R + i) * R + j], `${plan.regions[i].id} -> ${plan.regions[j].id} ${t.months[s]}`).toBe(0);
          }
        }
      }),
      RUNS,
    );
  });

  test('energy is load * hours of the month, and emissions are energy * carbon intensity', () => {
    fc.assert(
      fc.property(arbPlan(), seedArb, (plan, seed) => {
        const t = simulateSeeded(plan, seed);
        for (let s = 0; s < plan.months; s++) {
          const { firstDay, endDay } = stepDays(plan, s);
          const hours = (endDay - firstDay) * 24;
          for (let r = 0; r < t.regionCount; r++) {
            const energy = at(t.region.energyTwh, t, s, r);
            expect(energy).toBeCloseTo((at(t.region.loadMw, t, s, r) * hours) / 1e6, 9);
            expect(at(t.region.co2Mt, t, s, r)).toBeCloseTo((energy * plan.regions[r].carbonGPerKwh[s]) / 1000, 9);
          }
        }
      }),
      RUNS,
    );
  });

  test('hashing shares by region and by country sum to 1 whenever the network hashes', () => {
    fc.assert(
      fc.property(arbPlan(), seedArb, (plan, seed) => {
        const t = simulateSeeded(plan, seed);
        const R = t.regionCount;
        const table = aggregateByCountry(t);
        const C = table.countries.length;
        for (let s = 0; s < plan.months; s++) {
          const perRegion = Array.from({ length: R }, (_, r) => at(t.region.activeThs, t, s, r) + at(t.region.hiddenThs, t, s, r));
          const total = perRegion.reduce((a, b) => a + b, 0);
          expect(Math.abs(total - t.network.hashingThs[s])).toBeLessThanOrEqual(1e-9 * Math.max(1, total));
          if (total <= 0) continue;
          const byRegion = shares(perRegion);
          const byCountry = shares(table.hashingThs.subarray(s * C, (s + 1) * C));
          expect(byRegion.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          expect(byCountry.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          for (const x of [...byRegion, ...byCountry]) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(1);
          }
        }
      }),
      RUNS,
    );
  });

  test("the difficulty lag: each month's difficulty-implied hashrate is last month's hashing within a factor of 4, and blocks follow their ratio", () => {
    fc.assert(
      fc.property(arbPlan(), seedArb, (plan, seed) => {
        const t = simulateSeeded(plan, seed);
        const n = t.network;
        expect(n.difficultyImpliedThs[0]).toBe(plan.network.initialHashrateEhs * 1e6);
        for (let s = 0; s < plan.months; s++) {
          if (s > 0) {
            const previous = n.difficultyImpliedThs[s - 1];
            const expected = n.hashingThs[s - 1] > 0 ? Math.min(4 * previous, Math.max(previous / 4, n.hashingThs[s - 1])) : previous;
            expect(n.difficultyImpliedThs[s]).toBe(expected);
          }
          if (n.hashingThs[s] === 0) expect(n.blocks[s]).toBe(0);
          if (n.hashingThs[s] > 0) {
            expect(n.blocks[s]).toBeCloseTo((4320 * n.hashingThs[s]) / n.difficultyImpliedThs[s], 6);
            const reward = n.subsidyBtc[s] + n.feesBtcPerBlock[s];
            expect(n.hashpriceUsdPerThMonth[s]).toBeCloseTo((n.blocks[s] * reward * n.btcPriceUsd[s]) / n.hashingThs[s], 9);
            expect(n.revenueUsd[s]).toBeCloseTo(n.blocks[s] * reward * n.btcPriceUsd[s], 3);
          }
        }
      }),
      RUNS,
    );
  });

  test('every output is finite and no amount is negative', () => {
    fc.assert(
      fc.property(arbPlan(), seedArb, (plan, seed) => {
        const t = simulateSeeded(plan, seed);
        const series = { ...t.region, ...t.network, flowsThs: t.flowsThs } as Record<string, Float64Array>;
        for (const [name, values] of Object.entries(series)) {
          for (let i = 0; i < values.length; i++) {
            expect(Number.isFinite(values[i]), `${name}[${i}]`).toBe(true);
            // Unplaced supply is a difference (offered - placed): allow float dust of a micro TH/s.
            expect(values[i], `${name}[${i}]`).toBeGreaterThanOrEqual(name === 'supplyUnplacedThs' ? -1e-6 : 0);
          }
        }
      }),
      RUNS,
    );
  });

  test('flows never go from a region to itself, and never move more than the installed fleet in a month', () => {
    fc.assert(
      fc.property(arbPlan(), seedArb, (plan, seed) => {
        const t = simulateSeeded(plan, seed);
        const R = t.regionCount;
        for (let s = 0; s < plan.months; s++) {
          let moved = 0;
          for (let i = 0; i < R; i++) {
            expect(t.flowsThs[(s * R + i) * R + i]).toBe(0);
            for (let j = 0; j < R; j++) moved += t.flowsThs[(s * R + i) * R + j];
          }
          expect(moved).toBeLessThanOrEqual(t.network.installedThs[s] * (1 + 1e-9));
        }
      }),
      RUNS,
    );
  });
});
