import { describe, expect, test } from 'vitest';
import { parseMonth } from '../../src/engine/calendar.ts';
import { SCORED_COUNTRIES } from '../../src/calibrate/observations.ts';
import {
  compileObservation,
  DEFAULT_OBSERVATION,
  mapSharesPercent,
  observationParams,
  rawSharesPercent,
  type ObservationParams,
} from '../../src/calibrate/observationModel.ts';
import { banCoverage, runSeriesFromTrajectory, type RunSeries } from '../../src/calibrate/runSeries.ts';
import { ban, makePlan } from '../helpers/makePlan.ts';
import { simulateSeeded } from '../helpers/seeded.ts';

const K = SCORED_COUNTRIES.length;
const idx = (c: string) => SCORED_COUNTRIES.indexOf(c as never);

/**
 * A hand-made run, countries CN, KG, US (TH/s):
 * month 0: CN active 60, KG 10, US 30, no ban;
 * month 1: CN active 10 + hidden 20 with 60% of China under a ban, KG 10, US 60.
 */
const run: RunSeries = {
  seed: 0,
  startMonth: parseMonth('2021-06')!,
  months: 2,
  countries: ['CN', 'KG', 'US'],
  activeThs: Float64Array.from([60, 10, 30, 10, 10, 60]),
  hiddenThs: Float64Array.from([0, 0, 0, 20, 0, 0]),
  banCoverage: Float64Array.from([0, 0, 0, 0.6, 0, 0]),
  networkHashingThs: Float64Array.from([100, 100]),
  networkJPerTh: Float64Array.from([30, 30]),
};

const shareOf = (out: Float64Array, step: number, c: string) => out[step * K + idx(c)];
const mapWith = (p: Partial<ObservationParams>) => mapSharesPercent(run, compileObservation({ ...DEFAULT_OBSERVATION, ...p }, run.countries));

describe('raw view', () => {
  test('shares of active + hidden, KG counted in OTHER', () => {
    const raw = rawSharesPercent(run);
    expect(shareOf(raw, 0, 'CN')).toBe(60);
    expect(shareOf(raw, 0, 'OTHER')).toBe(10);
    expect(shareOf(raw, 1, 'CN')).toBe(30); // 10 active + 20 hidden of 100
    expect(shareOf(raw, 1, 'US')).toBe(60);
  });
});

describe('map view (the observation model) on a hand-made run', () => {
  test('without bans it equals the raw view', () => {
    const map = mapWith({});
    for (let k = 0; k < K; k++) expect(map[k]).toBeCloseTo(rawSharesPercent(run)[k], 12);
  });

  test('a country 60% banned shows 0%: its active and hidden hashrate are concealed, half seen in DE/IE (OTHER)', () => {
    // concealed 10 + 20 = 30, seen 15 at DE/IE -> OTHER = 10 + 15; the map's total is 85
    const map = mapWith({});
    expect(shareOf(map, 1, 'CN')).toBe(0);
    expect(shareOf(map, 1, 'US')).toBeCloseTo((100 * 60) / 85, 12);
    expect(shareOf(map, 1, 'OTHER')).toBeCloseTo((100 * 25) / 85, 12);
    expect(map.subarray(K, 2 * K).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 12);
  });

  test('below the declared-only threshold only the hidden hashrate is concealed', () => {
    // CN active 10 stays home; hidden 20, 10 seen -> OTHER 20; total 90
    const map = mapWith({ declaredOnlyBanShare: 0.7 });
    expect(shareOf(map, 1, 'CN')).toBeCloseTo((100 * 10) / 90, 12);
    expect(shareOf(map, 1, 'OTHER')).toBeCloseTo((100 * 20) / 90, 12);
  });

  test('proxies placed in the US count for the US; nothing seen means the concealed hashrate leaves the map', () => {
    const us = mapWith({ proxyAt: { US: 1 } });
    expect(shareOf(us, 1, 'US')).toBeCloseTo((100 * 75) / 85, 12);
    const unseen = mapWith({ hiddenSeenShare: 0 });
    expect(shareOf(unseen, 1, 'US')).toBeCloseTo((100 * 60) / 70, 12);
    expect(shareOf(unseen, 1, 'OTHER')).toBeCloseTo((100 * 10) / 70, 12);
  });

  test('pool coverage weights a country before shares are taken', () => {
    const map = mapWith({ poolCoverage: { US: 2 } });
    expect(shareOf(map, 0, 'US')).toBeCloseTo((100 * 60) / 130, 12);
  });

  test('a share seen at home stays in its country: the rest of the concealed hashrate is proxied or unseen', () => {
    // concealed 30: 0.5 x 30 = 15 seen in CN; of the other 15, half (7.5) seen in DE/IE -> OTHER 17.5; total 92.5
    const map = mapWith({ seenAtHome: { CN: 0.5 } });
    expect(shareOf(map, 1, 'CN')).toBeCloseTo((100 * 15) / 92.5, 12);
    expect(shareOf(map, 1, 'OTHER')).toBeCloseTo((100 * 17.5) / 92.5, 12);
    expect(shareOf(map, 1, 'US')).toBeCloseTo((100 * 60) / 92.5, 12);
    // all seen at home: the map is the raw view again
    const home = mapWith({ seenAtHome: { CN: 1 } });
    for (let k = 0; k < K; k++) expect(home[K + k]).toBeCloseTo(rawSharesPercent(run)[K + k], 12);
  });

  test('model discrepancy moves the shares (still summing to 100) by the run seed; none at size 0 and none at the defaults', () => {
    const plain = mapWith({});
    expect(Array.from(mapWith({ discrepancySampleSize: 0, discrepancyShareCorrelation: 0.8 }))).toEqual(Array.from(plain));
    const moved = mapWith({ discrepancySampleSize: 50, discrepancyShareCorrelation: 0.8 });
    expect(Array.from(moved)).not.toEqual(Array.from(plain));
    expect(Array.from(mapWith({ discrepancySampleSize: 50, discrepancyShareCorrelation: 0.8 }))).toEqual(Array.from(moved));
    for (let step = 0; step < 2; step++) expect(moved.subarray(step * K, (step + 1) * K).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
    expect(shareOf(moved, 1, 'CN')).toBe(0); // a share of 0 stays 0
  });

  test('proxyAt needs a positive weight', () => {
    expect(() => compileObservation({ ...DEFAULT_OBSERVATION, proxyAt: {} }, run.countries)).toThrow('at least one positive weight');
  });
});

describe('parameters from a scenario', () => {
  test('defaults when the scenario has no observation section; values and draws when it has', () => {
    expect(observationParams({}, 1)).toEqual({ ...DEFAULT_OBSERVATION, proxyAt: { DE: 0.5, IE: 0.5 }, poolCoverage: {}, seenAtHome: {} });
    const data = { observation: { hiddenSeenShare: { dist: 'uniform', min: 0.2, max: 0.4 }, declaredOnlyBanShare: 2, proxyAt: { US: 1 } } };
    const a = observationParams(data, 1);
    expect(a.hiddenSeenShare).toBeGreaterThanOrEqual(0.2);
    expect(a.hiddenSeenShare).toBeLessThan(0.4);
    expect(a.declaredOnlyBanShare).toBe(2);
    expect(a.proxyAt).toEqual({ US: 1 });
    expect(observationParams(data, 1).hiddenSeenShare).toBe(a.hiddenSeenShare);
    expect(observationParams(data, 2).hiddenSeenShare).not.toBe(a.hiddenSeenShare);
    const withDiscrepancy = observationParams({ observation: { discrepancySampleSize: 146, discrepancyShareCorrelation: 0.79, discrepancyHashrate: 0.058, discrepancyHashrateCorrelation: 0.57 } }, 1);
    expect([withDiscrepancy.discrepancySampleSize, withDiscrepancy.discrepancyShareCorrelation, withDiscrepancy.discrepancyHashrate, withDiscrepancy.discrepancyHashrateCorrelation]).toEqual([146, 0.79, 0.058, 0.57]);
    // Drawn correlations are kept within 0..0.99 (a normal's tail would make the AR(1) explode).
    for (let seed = 1; seed <= 50; seed++) {
      const p = observationParams({ observation: { discrepancyShareCorrelation: { dist: 'normal', mean: 0.9, sd: 0.5 }, discrepancyHashrateCorrelation: { dist: 'normal', mean: 0, sd: 0.5 } } }, seed);
      for (const r of [p.discrepancyShareCorrelation, p.discrepancyHashrateCorrelation]) expect(r >= 0 && r <= 0.99).toBe(true);
    }
  });
});

describe('runSeriesFromTrajectory and banCoverage on a hand-made plan', () => {
  // Regions sorted: CN-A (0.4), CN-SC (0.2), KZ (0.1), US (0.3); CN-SC banned from 2021-03-15, CN-A from 2021-04-01.
  const plan = makePlan({
    months: 6,
    regions: [
      { id: 'CN-SC', country: 'CN', initialShare: 0.2, priceUsdPerKwh: 0.035, capacityMw: 9000 },
      { id: 'CN-A', country: 'CN', initialShare: 0.4, priceUsdPerKwh: 0.04, capacityMw: 9000 },
      { id: 'KZ', country: 'KZ', initialShare: 0.1, priceUsdPerKwh: 0.045, capacityMw: 3000 },
      { id: 'US', country: 'US', initialShare: 0.3, priceUsdPerKwh: 0.05, capacityMw: 8000 },
    ],
    events: [ban('sc', [1], [2021, 3, 1], [2021, 3, 15], 0.5), ban('a', [0], [2021, 3, 1], [2021, 4, 1], 0.5, [2021, 6, 1])],
  });

  test('ban coverage counts bans in force on the first day of each month, by start share, until lifted', () => {
    const cov = banCoverage(plan, ['CN', 'KZ', 'US']);
    const cn = (s: number) => cov[s * 3];
    expect([cn(0), cn(1), cn(2)]).toEqual([0, 0, 0]); // Jan, Feb, Mar (the ban starts on Mar 15)
    expect(cn(3)).toBeCloseTo(1, 12); // Apr 1: both (0.2 + 0.4) / 0.6
    expect(cn(4)).toBeCloseTo(1, 12);
    expect(cn(5)).toBeCloseTo(0.2 / 0.6, 12); // Jun 1: CN-A lifted
    expect(cov[3 * 3 + 1]).toBe(0);
  });

  test('per-country sums equal the trajectory\'s regions, and the network series are copied', () => {
    const t = simulateSeeded(plan, 3);
    const r = runSeriesFromTrajectory(t);
    expect(r.countries).toEqual(['CN', 'KZ', 'US']);
    expect(r.seed).toBe(3);
    for (let s = 0; s < t.months.length; s++) {
      const cnActive = t.region.activeThs[s * 4] + t.region.activeThs[s * 4 + 1];
      const cnHidden = t.region.hiddenThs[s * 4] + t.region.hiddenThs[s * 4 + 1];
      const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
      close(r.activeThs[s * 3], cnActive);
      close(r.hiddenThs[s * 3], cnHidden);
      close(r.networkHashingThs[s], t.network.hashingThs[s]);
      // efficiency: the month's mean load over its hashing hashrate
      let loadMw = 0;
      for (let k = 0; k < 4; k++) loadMw += t.region.loadMw[s * 4 + k];
      close(r.networkJPerTh[s], (loadMw * 1e6) / t.network.hashingThs[s]);
    }
    // the map view of a real trajectory sums to 100 and never shows China once it is wholly banned
    const map = mapSharesPercent(r, compileObservation(DEFAULT_OBSERVATION, r.countries));
    for (let s = 0; s < r.months; s++) expect(map.subarray(s * K, (s + 1) * K).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    expect(map[4 * K + idx('CN')]).toBe(0);
  });
});
