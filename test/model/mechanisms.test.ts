/**
 * Issue 9's mechanisms, each shown alone: on pure valuation functions, or on a small hand-made plan (three
 * regions, test/helpers/makePlan.ts) where only the mechanism under test differs between the two runs compared.
 */
import { describe, expect, test } from 'vitest';
import { freightUsdPerTh, covertValueUsdPerTh, secondHandPriceUsdPerTh } from '../../src/model/valuation.ts';
import { dayNumber } from '../../src/engine/calendar.ts';
import { ACTIVE, HIDDEN, IDLE, TRANSIT } from '../../src/model/status.ts';
import type { Trajectory } from '../../src/model/trajectory.ts';
import { ban, makePlan } from '../helpers/makePlan.ts';
import { at } from '../helpers/randomPlan.ts';
import { createWorldSeeded, simulateSeeded, simulateWorldSeeded } from '../helpers/seeded.ts';

const CN = 0;
const step = (t: Trajectory, label: string) => t.months.indexOf(label);

describe('valuation (pure functions)', () => {
  const covert = { hashpriceUsdPerTh: 10, opexUsdPerTh: 0.3, jPerTh: 30, priceUsdPerKwh: 0.05, hiddenPowerPriceMultiplier: 1.5, detectionPerMonth: 0.1, halfLifeMonths: 0, horizonMonths: 12, monthsUntilLift: Infinity };

  test('covert mining is worth less the likelier it is caught, more when enforcement fades, and a known lift adds the open months', () => {
    const base = covertValueUsdPerTh(covert);
    expect(covertValueUsdPerTh({ ...covert, detectionPerMonth: 0.3 })).toBeLessThan(base);
    expect(covertValueUsdPerTh({ ...covert, detectionPerMonth: 1 })).toBe(0);
    expect(covertValueUsdPerTh({ ...covert, halfLifeMonths: 2 })).toBeGreaterThan(base);
    expect(covertValueUsdPerTh({ ...covert, monthsUntilLift: 4 })).toBeGreaterThan(base);
    // No detection, no lift: 12 months of the covert margin.
    const margin = 10 - 0.3 - 0.72 * 30 * 0.05 * 1.5;
    expect(covertValueUsdPerTh({ ...covert, detectionPerMonth: 0 })).toBeCloseTo(12 * margin, 10);
  });

  test('the second-hand price falls with the efficiency gap to the frontier and is 0 for a machine that would lose money', () => {
    const price = (jPerTh: number) => secondHandPriceUsdPerTh(100, 5, 0.3, jPerTh, 30, 0.04);
    expect(price(30)).toBeCloseTo(100, 10);
    expect(price(45)).toBeLessThan(price(30));
    expect(price(90)).toBeLessThan(price(45));
    expect(price(200)).toBe(0); // 0.72 x 200 x 0.04 = 5.76 > 5 - 0.3
  });

  test('freight per TH/s scales with J/TH (an old machine is heavier per TH/s)', () => {
    expect(freightUsdPerTh(1.3, 34.2, 34.2)).toBeCloseTo(1.3, 12);
    expect(freightUsdPerTh(1.3, 68.4, 34.2)).toBeCloseTo(2.6, 12);
  });
});

describe('the start fleet', () => {
  test("its hashrate-weighted mean J/TH (total power / total hashrate) is the data's initialJPerTh exactly", () => {
    for (const seed of [1, 2, 3]) {
      const world = createWorldSeeded(makePlan({ initialJPerTh: 71.17, initialJPerThSigma: 0.3 }), seed);
      let ths = 0;
      let watts = 0;
      for (let id = 0; id < world.agents.count; id++) {
        ths += world.agents.hashrateThs[id];
        watts += world.agents.hashrateThs[id] * world.agents.jPerTh[id];
      }
      expect(watts / ths).toBeCloseTo(71.17, 9);
    }
  });
});

describe('covert mining as a choice, compliance a property of the region', () => {
  const months = 9; // 2021-01 .. 2021-09
  // Bitcoin at $20,000 to June, $60,000 from July; covert power at 3 times the price: covert mining barely pays
  // on the effective day (June 20) and pays well from July.
  const plan = (banCompliance: number) =>
    makePlan({
      months,
      supplyEhsPerMonth: 0,
      btcPriceUsd: (s) => (s < 6 ? 20_000 : 60_000),
      behaviour: { hiddenPowerPriceMultiplier: 3 },
      regions: [
        // Little room abroad (KZ and US start nearly full): stranded machines mostly stay.
        { id: 'CN-SC', country: 'CN', initialShare: 0.6, priceUsdPerKwh: 0.035, capacityMw: 9000, banCompliance },
        { id: 'KZ', country: 'KZ', initialShare: 0.1, priceUsdPerKwh: 0.045, capacityMw: 700 },
        { id: 'US', country: 'US', initialShare: 0.3, priceUsdPerKwh: 0.05, capacityMw: 2100 },
      ],
      events: [ban('cn', [CN], [2021, 5, 21], [2021, 6, 20], 0.05)],
    });

  test('a region whose operations all comply has no covert mining; one where none comply has plenty', () => {
    const compliant = simulateSeeded(plan(1), 3);
    const defiant = simulateSeeded(plan(0), 3);
    for (const label of ['2021-07', '2021-08', '2021-09']) {
      expect(at(compliant.region.hiddenThs, compliant, step(compliant, label), CN), label).toBe(0);
      expect(at(defiant.region.hiddenThs, defiant, step(defiant, label), CN), label).toBeGreaterThan(1e6);
    }
  });

  test('stranded (idle) machines may go covert in a later month, not only on the effective day', () => {
    const world = simulateWorldSeeded(plan(0), 3);
    const { agents } = world;
    let onTheDay = 0;
    let later = 0;
    for (let id = 0; id < agents.count; id++) {
      if (agents.status[id] !== HIDDEN) continue;
      if (agents.sinceDay[id] === dayNumber(2021, 6, 20)) onTheDay++;
      else if (agents.sinceDay[id] >= dayNumber(2021, 7, 1)) later++;
    }
    expect(onTheDay).toBeGreaterThan(0);
    expect(later).toBeGreaterThan(0);
  });
});

describe('a temporary ban is valued as an outage', () => {
  const months = 10; // 2021-01 .. 2021-10
  const run = (lifted?: [number, number, number]) =>
    simulateSeeded(
      makePlan({
        months,
        supplyEhsPerMonth: 0,
        regions: [
          { id: 'CN-SC', country: 'CN', initialShare: 0.6, priceUsdPerKwh: 0.03, capacityMw: 9000, banCompliance: 1 },
          { id: 'KZ', country: 'KZ', initialShare: 0.1, priceUsdPerKwh: 0.045, capacityMw: 6000 },
          { id: 'US', country: 'US', initialShare: 0.3, priceUsdPerKwh: 0.05, capacityMw: 9000 },
        ],
        events: [ban('cn', [CN], [2021, 3, 1], [2021, 3, 1], 0.5, lifted)],
      }),
      5,
    );

  test('with a lift two months ahead more machines wait in place (and run again after it) than under a ban with no end', () => {
    const temporary = run([2021, 5, 1]);
    const permanent = run();
    const stayed = (t: Trajectory) => at(t.region.idleThs, t, step(t, '2021-04'), CN);
    expect(stayed(temporary)).toBeGreaterThan(1.5 * stayed(permanent));
    expect(at(temporary.region.activeThs, temporary, step(temporary, '2021-06'), CN)).toBeGreaterThan(0);
    expect(at(permanent.region.activeThs, permanent, step(permanent, '2021-06'), CN)).toBe(0);
  });
});

describe('one capacity market: hosting goes to whoever earns most per MW', () => {
  test('efficient new machines displace inefficient hosted ones in a full region', () => {
    const regions = [
      { id: 'CN-SC', country: 'CN', initialShare: 0.5, priceUsdPerKwh: 0.03, capacityMw: 2300 },
      { id: 'KZ', country: 'KZ', initialShare: 0.25, priceUsdPerKwh: 0.04, capacityMw: 1150 },
      { id: 'US', country: 'US', initialShare: 0.25, priceUsdPerKwh: 0.04, capacityMw: 1150 },
    ];
    // 100 EH/s at a mean 45 J/TH draw 4.5 GW of 4.6: every region starts about full. New machines are 20 J/TH.
    const plan = makePlan({ months: 8, regions, initialHashrateEhs: 100, initialJPerTh: 45, supplyEhsPerMonth: 4, frontierJPerTh: 20 });
    const world = simulateWorldSeeded(plan, 2);
    const t = world.trajectory;
    let placed = 0;
    for (let s = 0; s < t.months.length; s++) placed += t.network.supplyPlacedThs[s];
    expect(placed).toBeGreaterThan(0);
    // Load never exceeds capacity, and machines were displaced to make room: some start-fleet machines are in a
    // warehouse (transit with no destination) or have moved, and the active fleet got more efficient.
    for (let s = 0; s < t.months.length; s++) for (let r = 0; r < t.regionCount; r++) expect(at(t.region.loadMw, t, s, r)).toBeLessThanOrEqual(at(t.region.capacityMw, t, s, r) * (1 + 1e-9));
    const { agents } = world;
    const startAgents = 300;
    let displaced = 0;
    for (let id = 0; id < startAgents; id++) if (agents.status[id] === TRANSIT || agents.status[id] === IDLE || agents.region[id] !== agents.origin[id]) displaced++;
    expect(displaced).toBeGreaterThan(0);
    let ths = 0;
    let watts = 0;
    for (let id = 0; id < agents.count; id++) {
      if (agents.status[id] !== ACTIVE) continue;
      ths += agents.hashrateThs[id];
      watts += agents.hashrateThs[id] * agents.jPerTh[id];
    }
    expect(watts / ths).toBeLessThan(45);
  });
});

describe('the supply pipeline at the start', () => {
  // Machines ship from CN (index 0) to US (index 1) in 3 months; at a hashprice of about 2.7 USD per TH/s the US's
  // cheaper power is worth the wait, and it has room.
  const regions = [
    { id: 'CN', country: 'CN', initialShare: 0.5, priceUsdPerKwh: 0.1, capacityMw: 4000 },
    { id: 'US', country: 'US', initialShare: 0.5, priceUsdPerKwh: 0.02, capacityMw: 8000 },
  ];
  const planWith = (origin: number) => {
    const plan = makePlan({ months: 6, regions, initialHashrateEhs: 100, initialJPerTh: 40, supplyEhsPerMonth: 5, frontierJPerTh: 30, supplyOriginRegion: origin, btcPriceUsd: 10_000 });
    plan.moves.leadMonths[0 * 2 + 1] = 3;
    return plan;
  };
  const usThs = (t: Trajectory, s: number) => at(t.region.activeThs, t, s, 1);

  test('machines shipped before the start and still on their way arrive in the first months; without a supply origin there is none', () => {
    const t = simulateSeeded(planWith(0), 3);
    // At most the 3 months of shipments before the start, at the start month's rate; only US-bound lots (the route
    // to CN is 0 months long: those are in the start fleet already).
    expect(t.network.pipelinePlacedThs[0]).toBeGreaterThan(0);
    expect(t.network.pipelinePlacedThs[0]).toBeLessThanOrEqual(3 * 5e6 * (1 + 1e-9));
    for (let s = 1; s < 6; s++) expect(t.network.pipelinePlacedThs[s]).toBe(0);
    // A lot shipped this month reaches the US in month 3 at the earliest: the US gains before that only from the pipeline.
    const none = simulateSeeded(planWith(-1), 3);
    expect(none.network.pipelinePlacedThs.every((v) => v === 0)).toBe(true);
    expect(usThs(t, 2) - usThs(t, 0)).toBeGreaterThan(1e6);
  });
});
