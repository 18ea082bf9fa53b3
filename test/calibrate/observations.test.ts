import { describe, expect, test } from 'vitest';
import { parseMonth } from '../../src/engine/calendar.ts';
import {
  loadObservations,
  MAP_COUNTRIES,
  OBSERVATION_CUTOFF,
  SCORED_COUNTRIES,
  scoredCountryOf,
  scoredShares,
  shareMonths,
  splitCsvLine,
} from '../../src/calibrate/observations.ts';

const obs = loadObservations();
const m = (text: string) => parseMonth(text)!;

describe('loadObservations (scenarios/data/)', () => {
  test('reads the CBECI map from 2019-09 to 2021-08, every month summing to 100% up to rounding', () => {
    expect(shareMonths(obs)).toEqual({ first: m('2019-09'), last: m('2021-08') });
    expect(obs.mapSharesPercent.size).toBe(24);
    for (const row of obs.mapSharesPercent.values()) {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    }
  });

  test('keeps the July-August 2021 rows as published: China 0%, Germany* and Ireland* apart', () => {
    const aug = obs.mapSharesPercent.get(m('2021-08'))!;
    const at = (c: string) => aug[MAP_COUNTRIES.indexOf(c as never)];
    expect(at('CN')).toBe(0);
    expect(at('US')).toBe(35.4);
    expect(at('DE')).toBe(4.48);
    expect(at('IE')).toBe(4.68);
    expect(at('IR')).toBe(3.11);
  });

  test('scoredShares folds Germany* and Ireland* into OTHER', () => {
    const scored = scoredShares(obs.mapSharesPercent.get(m('2021-08'))!);
    expect(scored[SCORED_COUNTRIES.indexOf('OTHER')]).toBeCloseTo(8.86 + 4.68 + 4.48, 10);
    expect(scored[SCORED_COUNTRIES.indexOf('KZ')]).toBe(18.1);
  });

  test('reads the network hashrate (column A), difficulty, price and efficiency', () => {
    expect(obs.hashrateEhs.get(m('2021-05'))).toBe(161.81);
    expect(obs.hashrateEhs.get(m('2021-07'))).toBe(100.18);
    expect(obs.difficultyT.get(m('2021-07'))).toBe(14.472);
    expect(obs.btcPriceUsd.get(m('2018-01'))).toBe(12932.99);
    expect(obs.efficiencyJPerTh.get(m('2019-01'))).toBe(93.55);
  });

  test('never holds a month after 2021-08, although the files have 2024 rows', () => {
    for (const series of [obs.hashrateEhs, obs.difficultyT, obs.btcPriceUsd, obs.efficiencyJPerTh, obs.mapSharesPercent]) {
      expect(Math.max(...series.keys())).toBeLessThanOrEqual(OBSERVATION_CUTOFF);
    }
    expect(obs.hashrateEhs.has(m('2024-01'))).toBe(false);
  });

  test('keeps each file\'s source line verbatim', () => {
    expect(obs.sources['cbeci_country_share.csv']).toMatch(/^# Source: CCAF Cambridge Bitcoin Electricity Consumption Index/);
    expect(Object.keys(obs.sources).sort()).toEqual(['btc_price_monthly.csv', 'cbeci_country_share.csv', 'cbeci_efficiency_monthly.csv', 'network_hashrate_monthly.csv']);
  });
});

describe('helpers', () => {
  test('splitCsvLine honours quotes', () => {
    expect(splitCsvLine('2019-09-01,"Iran, Islamic Rep.",1.74%,1.54')).toEqual(['2019-09-01', 'Iran, Islamic Rep.', '1.74%', '1.54']);
    expect(splitCsvLine('a,"say ""hi""",')).toEqual(['a', 'say "hi"', '']);
  });
  test('scoredCountryOf sends anything unscored to OTHER', () => {
    expect(scoredCountryOf('KG')).toBe('OTHER');
    expect(scoredCountryOf('DE')).toBe('OTHER');
    expect(scoredCountryOf('CN')).toBe('CN');
  });
});
