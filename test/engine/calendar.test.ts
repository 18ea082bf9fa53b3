import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  dayNumber, daysInMonth, firstDayOfMonth, formatDay, formatMonth, monthIndex, monthOfDay, monthOfYear,
  parseDay, parseMonth, yearOf,
} from '../../src/engine/calendar.ts';

describe('month indexes', () => {
  test('monthIndex(2021, 6) is 2021 * 12 + 5 and formats as "2021-06"', () => {
    expect(monthIndex(2021, 6)).toBe(24257);
    expect(formatMonth(24257)).toBe('2021-06');
    expect(yearOf(24257)).toBe(2021);
    expect(monthOfYear(24257)).toBe(6);
  });

  test('December plus one month is January of the next year', () => {
    expect(formatMonth(monthIndex(2021, 12) + 1)).toBe('2022-01');
    expect(monthIndex(2021, 12) + 1).toBe(monthIndex(2022, 1));
  });

  test('formatMonth pads single-digit months', () => {
    expect(formatMonth(monthIndex(2020, 1))).toBe('2020-01');
    expect(formatMonth(monthIndex(2020, 10))).toBe('2020-10');
  });

  test('parseMonth(formatMonth(m)) is m for every month from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: monthIndex(1900, 1), max: monthIndex(2200, 12) }), (m) => {
        expect(parseMonth(formatMonth(m))).toBe(m);
      }),
    );
  });

  test('parseMonth rejects month 13, month 00 and malformed text', () => {
    expect(parseMonth('2021-13')).toBeUndefined();
    expect(parseMonth('2021-00')).toBeUndefined();
    expect(parseMonth('2021-1')).toBeUndefined();
    expect(parseMonth('2021-06-01')).toBeUndefined();
    expect(parseMonth('21-06')).toBeUndefined();
    expect(parseMonth(' 2021-06')).toBeUndefined();
    expect(parseMonth('')).toBeUndefined();
  });

  test('parseMonth accepts January and December', () => {
    expect(parseMonth('2021-01')).toBe(monthIndex(2021, 1));
    expect(parseMonth('2021-12')).toBe(monthIndex(2021, 12));
  });
});

describe('days', () => {
  test('dayNumber counts days from 1970-01-01', () => {
    expect(dayNumber(1970, 1, 1)).toBe(0);
    expect(dayNumber(1970, 1, 2)).toBe(1);
    expect(dayNumber(1971, 1, 1)).toBe(365);
    expect(formatDay(0)).toBe('1970-01-01');
    expect(formatDay(dayNumber(2021, 6, 20))).toBe('2021-06-20');
  });

  test('days before 1970 are negative and still format correctly', () => {
    expect(dayNumber(1969, 12, 31)).toBe(-1);
    expect(formatDay(-1)).toBe('1969-12-31');
  });

  test('parseDay(formatDay(d)) is d for every day from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber(1900, 1, 1), max: dayNumber(2200, 12, 31) }), (d) => {
        expect(parseDay(formatDay(d))).toBe(d);
      }),
    );
  });

  test('parseDay rejects dates that do not exist', () => {
    expect(parseDay('2021-02-29')).toBeUndefined();
    expect(parseDay('2021-02-30')).toBeUndefined();
    expect(parseDay('2021-04-31')).toBeUndefined();
    expect(parseDay('2021-13-01')).toBeUndefined();
    expect(parseDay('2021-00-10')).toBeUndefined();
    expect(parseDay('2021-06-00')).toBeUndefined();
    expect(parseDay('2021-06-32')).toBeUndefined();
    expect(parseDay('2021-6-1')).toBeUndefined();
    expect(parseDay('2021-06')).toBeUndefined();
  });

  test('parseDay accepts 29 February in leap years only', () => {
    expect(parseDay('2020-02-29')).toBe(dayNumber(2020, 2, 29));
    expect(parseDay('2000-02-29')).toBe(dayNumber(2000, 2, 29));
    expect(parseDay('1900-02-29')).toBeUndefined();
    expect(parseDay('2100-02-29')).toBeUndefined();
  });
});

describe('month arithmetic', () => {
  test('February has 29 days in 2020 and 28 in 2021 (and 29 in 2000, 28 in 1900)', () => {
    expect(daysInMonth(monthIndex(2020, 2))).toBe(29);
    expect(daysInMonth(monthIndex(2021, 2))).toBe(28);
    expect(daysInMonth(monthIndex(2000, 2))).toBe(29);
    expect(daysInMonth(monthIndex(1900, 2))).toBe(28);
  });

  test('daysInMonth follows the calendar rhyme for 2021', () => {
    const expected = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    expect(expected.map((_, i) => daysInMonth(monthIndex(2021, i + 1)))).toEqual(expected);
  });

  test('a year of months adds up to 365 or 366 days', () => {
    const sum = (y: number) => Array.from({ length: 12 }, (_, i) => daysInMonth(monthIndex(y, i + 1))).reduce((a, b) => a + b);
    expect(sum(2021)).toBe(365);
    expect(sum(2020)).toBe(366);
  });

  test('firstDayOfMonth(2021-06) is 2021-06-01', () => {
    expect(formatDay(firstDayOfMonth(monthIndex(2021, 6)))).toBe('2021-06-01');
  });

  test('monthOfDay: the first and last days of a month belong to it, the next day to the next month', () => {
    fc.assert(
      fc.property(fc.integer({ min: monthIndex(1900, 1), max: monthIndex(2200, 12) }), (m) => {
        const first = firstDayOfMonth(m);
        const last = first + daysInMonth(m) - 1;
        expect(monthOfDay(first)).toBe(m);
        expect(monthOfDay(last)).toBe(m);
        expect(monthOfDay(last + 1)).toBe(m + 1);
        expect(monthOfDay(first - 1)).toBe(m - 1);
        expect(firstDayOfMonth(m + 1)).toBe(last + 1);
      }),
    );
  });

  test('monthOfDay(2021-06-20) is 2021-06', () => {
    expect(formatMonth(monthOfDay(dayNumber(2021, 6, 20)))).toBe('2021-06');
  });
});

describe('years before 1000 and before 100', () => {
  test('formatMonth writes the year on 4 digits', () => {
    expect(formatMonth(monthIndex(999, 1))).toBe('0999-01');
    expect(formatMonth(monthIndex(5, 12))).toBe('0005-12');
    expect(parseMonth('0999-01')).toBe(monthIndex(999, 1));
  });

  test('dayNumber does not read years 0-99 as 1900-1999, and every month has 28 to 31 days', () => {
    expect(formatDay(dayNumber(50, 3, 1))).toBe('0050-03-01');
    expect(dayNumber(99, 12, 31) + 1).toBe(dayNumber(100, 1, 1));
    for (let m = monthIndex(0, 1); m < monthIndex(1100, 1); m++) {
      const days = daysInMonth(m);
      expect(days >= 28 && days <= 31, formatMonth(m)).toBe(true);
    }
  });
});
