import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { dayNumber, formatDay, formatMonth, monthOfDay } from '../../src/engine/calendar.ts';
import {
  BLOCKS_PER_MONTH_AT_TARGET, blocksPerMonth, halvingDays, nextDifficultyImpliedThs, hashpriceUsdPerThMonth, KWH_PER_MONTH_PER_WATT, loadMw,
  powerCostUsdPerThMonth, subsidyBtcOnDay,
} from '../../src/model/economics.ts';

describe('block subsidy and halvings', () => {
  test('subsidy is 12.5 BTC up to 2020-05-10 and 6.25 BTC from 2020-05-11', () => {
    expect(subsidyBtcOnDay(dayNumber(2020, 1, 1))).toBe(12.5);
    expect(subsidyBtcOnDay(dayNumber(2020, 5, 10))).toBe(12.5);
    expect(subsidyBtcOnDay(dayNumber(2020, 5, 11))).toBe(6.25);
    expect(subsidyBtcOnDay(dayNumber(2021, 1, 1))).toBe(6.25);
  });

  test('subsidy is 3.125 BTC from 2024-04-20', () => {
    expect(subsidyBtcOnDay(dayNumber(2024, 4, 19))).toBe(6.25);
    expect(subsidyBtcOnDay(dayNumber(2024, 4, 20))).toBe(3.125);
    expect(subsidyBtcOnDay(dayNumber(2025, 12, 31))).toBe(3.125);
  });

  test('earlier epochs: 50, 25 (from 2012-11-28), 12.5 (from 2016-07-09)', () => {
    expect(subsidyBtcOnDay(dayNumber(2010, 1, 1))).toBe(50);
    expect(subsidyBtcOnDay(dayNumber(2012, 11, 28))).toBe(25);
    expect(subsidyBtcOnDay(dayNumber(2016, 7, 8))).toBe(25);
    expect(subsidyBtcOnDay(dayNumber(2016, 7, 9))).toBe(12.5);
  });

  test('the next halving is projected in April 2028 (210,000 blocks at 10 minutes after 2024-04-20)', () => {
    const days = halvingDays(dayNumber(2029, 1, 1));
    expect(days.map(formatDay).slice(0, 4)).toEqual(['2012-11-28', '2016-07-09', '2020-05-11', '2024-04-20']);
    expect(days).toHaveLength(5);
    expect(formatMonth(monthOfDay(days[4]))).toBe('2028-04');
    expect(Math.abs(days[4] - (dayNumber(2024, 4, 20) + 1458.333))).toBeLessThanOrEqual(0.5);
    expect(subsidyBtcOnDay(dayNumber(2028, 5, 1))).toBe(1.5625);
    expect(subsidyBtcOnDay(dayNumber(2028, 3, 31))).toBe(3.125);
  });

  test('halvingDays lists only days up to its argument, inclusive', () => {
    expect(halvingDays(dayNumber(2020, 5, 10))).toHaveLength(2);
    expect(halvingDays(dayNumber(2020, 5, 11))).toHaveLength(3);
    expect(halvingDays(dayNumber(2000, 1, 1))).toEqual([]);
  });

  test('the subsidy never increases with time', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber(2009, 1, 3), max: dayNumber(2060, 1, 1) }), fc.nat({ max: 3000 }), (d, dt) => {
        expect(subsidyBtcOnDay(d + dt)).toBeLessThanOrEqual(subsidyBtcOnDay(d));
      }),
    );
  });
});

describe('blocksPerMonth (the difficulty lag)', () => {
  test('steady hashrate finds 4320 blocks a month', () => {
    expect(BLOCKS_PER_MONTH_AT_TARGET).toBe(4320);
    expect(blocksPerMonth(150e6, 150e6)).toBe(4320);
  });

  test('a hashrate halving from 160 to 80 EH/s finds 2160 blocks that month', () => {
    expect(blocksPerMonth(80e6, 160e6)).toBe(2160);
  });

  test('a hashrate rise of 10% finds 10% more blocks', () => {
    expect(blocksPerMonth(110, 100)).toBeCloseTo(4752, 9);
  });

  test('no hashing finds no blocks', () => {
    expect(blocksPerMonth(0, 100)).toBe(0);
  });

  test('no previous hashrate means blocks at target', () => {
    expect(blocksPerMonth(100, 0)).toBe(4320);
  });

  test('blocks grow in proportion to hashrate', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e9, noNaN: true }), fc.double({ min: 1, max: 1e9, noNaN: true }), fc.double({ min: 0, max: 1e9, noNaN: true }), (h, implied, dh) => {
        expect(blocksPerMonth(h, implied)).toBeCloseTo((4320 * h) / implied, 6);
        expect(blocksPerMonth(h + dh, implied)).toBeGreaterThanOrEqual(blocksPerMonth(h, implied));
      }),
    );
  });
});

describe('nextDifficultyImpliedThs (the factor-of-4 rule)', () => {
  test('the next difficulty follows this month\'s hashrate', () => {
    expect(nextDifficultyImpliedThs(100, 80)).toBe(80);
    expect(nextDifficultyImpliedThs(100, 300)).toBe(300);
  });

  test('it moves by at most a factor of 4 either way', () => {
    expect(nextDifficultyImpliedThs(100, 10)).toBe(25);
    expect(nextDifficultyImpliedThs(100, 1000)).toBe(400);
  });

  test('a month with no hashing leaves it unchanged', () => {
    expect(nextDifficultyImpliedThs(100, 0)).toBe(100);
  });
});

describe('hashprice and costs', () => {
  test('4320 blocks * 6.75 BTC * 50,000 USD / 150e6 TH/s is 9.72 USD per TH/s per month', () => {
    expect(hashpriceUsdPerThMonth(4320, 6.75, 50_000, 150e6)).toBeCloseTo(9.72, 12);
  });

  test('hashprice is 0 when nobody hashes', () => {
    expect(hashpriceUsdPerThMonth(4320, 6.75, 50_000, 0)).toBe(0);
  });

  test('hashprice is proportional to price and reward and inverse to hashrate', () => {
    const base = hashpriceUsdPerThMonth(4320, 6.75, 50_000, 150e6);
    expect(hashpriceUsdPerThMonth(4320, 6.75, 100_000, 150e6)).toBeCloseTo(2 * base, 12);
    expect(hashpriceUsdPerThMonth(4320, 13.5, 50_000, 150e6)).toBeCloseTo(2 * base, 12);
    expect(hashpriceUsdPerThMonth(4320, 6.75, 50_000, 300e6)).toBeCloseTo(base / 2, 12);
  });

  test('one TH/s at 1 J/TH draws 0.72 kWh a month', () => {
    expect(KWH_PER_MONTH_PER_WATT).toBe(0.72);
  });

  test('30 J/TH at 0.05 USD/kWh costs 1.08 USD per TH/s per month', () => {
    expect(powerCostUsdPerThMonth(30, 0.05)).toBeCloseTo(1.08, 12);
  });

  test('power cost is efficiency * 0.72 * price', () => {
    fc.assert(
      fc.property(fc.double({ min: 10, max: 150, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (j, p) => {
        expect(powerCostUsdPerThMonth(j, p)).toBeCloseTo(j * 0.72 * p, 10);
      }),
    );
  });

  test('1e6 TH/s at 30 J/TH draws 30 MW', () => {
    expect(loadMw(1e6, 30)).toBe(30);
    expect(loadMw(150e6, 45)).toBe(6750);
  });
});
