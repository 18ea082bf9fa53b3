import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { dayNumber } from '../../src/engine/calendar.ts';
import { DayWeightedValue } from '../../src/engine/dayWeighted.ts';

const jan1 = dayNumber(2021, 1, 1);
const feb1 = dayNumber(2021, 2, 1);
const mar1 = dayNumber(2021, 3, 1);

describe('DayWeightedValue', () => {
  test('a value that never changes has itself as the mean', () => {
    const v = new DayWeightedValue(3, jan1);
    expect(v.closeMonth(jan1, feb1)).toBe(3);
    expect(v.closeMonth(feb1, mar1)).toBe(3);
  });

  test('value 1 for 10 days then 0 for 20 days has mean 1/3', () => {
    const v = new DayWeightedValue(1, 0);
    v.set(10, 0);
    expect(v.closeMonth(0, 30)).toBeCloseTo(1 / 3, 15);
  });

  test('a capacity cut to 0 from the 24th to the 31st of January (inclusive) counts 23 of 31 days', () => {
    const v = new DayWeightedValue(1, jan1);
    v.set(dayNumber(2021, 1, 24), 0);
    v.set(feb1, 1);
    expect(v.closeMonth(jan1, feb1)).toBeCloseTo(23 / 31, 15);
    expect(v.closeMonth(feb1, mar1)).toBe(1);
  });

  test('a cut to half from the 24th, restored on the 31st, counts 7 days at half', () => {
    const v = new DayWeightedValue(1000, jan1);
    v.set(dayNumber(2021, 1, 24), 500);
    v.set(dayNumber(2021, 1, 31), 1000);
    expect(v.closeMonth(jan1, feb1)).toBeCloseTo((24 * 1000 + 7 * 500) / 31, 10);
  });

  test('a change that spans a month end counts in both months for its days', () => {
    const v = new DayWeightedValue(0, jan1);
    v.set(dayNumber(2021, 1, 22), 1); // 10 days of January
    expect(v.closeMonth(jan1, feb1)).toBeCloseTo(10 / 31, 15);
    v.set(dayNumber(2021, 2, 15), 0); // 14 days of February
    expect(v.closeMonth(feb1, mar1)).toBeCloseTo(14 / 28, 15);
    expect(v.value).toBe(0);
  });

  test('a change dated before the current period counts from the period start', () => {
    const v = new DayWeightedValue(1, jan1);
    expect(v.closeMonth(jan1, feb1)).toBe(1);
    v.set(jan1 + 5, 7); // late news: applies to February only
    expect(v.closeMonth(feb1, mar1)).toBe(7);
  });

  test('several changes on the same day: only the last counts', () => {
    const v = new DayWeightedValue(1, jan1);
    v.set(jan1 + 10, 100);
    v.set(jan1 + 10, 2);
    expect(v.closeMonth(jan1, feb1)).toBeCloseTo((10 * 1 + 21 * 2) / 31, 15);
  });

  test('the value getter reports the latest value', () => {
    const v = new DayWeightedValue(1, jan1);
    v.set(jan1 + 3, 0.25);
    expect(v.value).toBe(0.25);
  });

  test('the mean equals the day-by-day average for any sorted list of changes within a month', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.array(fc.record({ offset: fc.integer({ min: 0, max: 30 }), value: fc.double({ min: -100, max: 100, noNaN: true }) }), { maxLength: 10 }),
        (initial, changes) => {
          const sorted = [...changes].sort((a, b) => a.offset - b.offset);
          const v = new DayWeightedValue(initial, jan1);
          for (const c of sorted) v.set(jan1 + c.offset, c.value);
          let total = 0;
          for (let d = 0; d < 31; d++) {
            let value = initial;
            for (const c of sorted) if (c.offset <= d) value = c.value;
            total += value;
          }
          expect(v.closeMonth(jan1, feb1)).toBeCloseTo(total / 31, 9);
        },
      ),
      { numRuns: 200 },
    );
  });
});
