/**
 * Calendar arithmetic with day resolution (UTC, proleptic Gregorian), exact for years 0 to 9999.
 * Months are integers `year * 12 + (month - 1)`; days are integers counted from 1970-01-01.
 */

const MS_PER_DAY = 86_400_000;

/** Month index of a year and a 1-based month. Example: `monthIndex(2021, 6)` is `24257`. */
export function monthIndex(year: number, month1: number): number {
  return year * 12 + (month1 - 1);
}

/** Calendar year of a month index. Example: `yearOf(monthIndex(2021, 6))` is `2021`. */
export function yearOf(month: number): number {
  return Math.floor(month / 12);
}

/** 1-based calendar month (1-12) of a month index. Example: `monthOfYear(monthIndex(2021, 6))` is `6`. */
export function monthOfYear(month: number): number {
  return (month % 12) + 1;
}

/** `YYYY-MM` label of a month index (the year on 4 digits). Example: `formatMonth(monthIndex(2021, 6))` is `"2021-06"`. */
export function formatMonth(month: number): string {
  return `${String(yearOf(month)).padStart(4, '0')}-${String(monthOfYear(month)).padStart(2, '0')}`;
}

/** Parses `YYYY-MM`; returns undefined when the text is not a valid month. */
export function parseMonth(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const month1 = Number(m[2]);
  if (month1 < 1 || month1 > 12) return undefined;
  return monthIndex(Number(m[1]), month1);
}

/**
 * Day number of a calendar date. Example: `dayNumber(1970, 1, 2)` is `1`. (Not `Date.UTC(year, ...)`, which reads
 * years 0 to 99 as 1900 to 1999.)
 */
export function dayNumber(year: number, month1: number, day: number): number {
  if (year >= 100) return Math.round(Date.UTC(year, month1 - 1, day) / MS_PER_DAY);
  const date = new Date(0);
  date.setUTCFullYear(year, month1 - 1, day);
  return Math.round(date.getTime() / MS_PER_DAY);
}

/** Parses `YYYY-MM-DD` (a real calendar date); returns undefined otherwise. */
export function parseDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(monthIndex(y, mo))) return undefined;
  return dayNumber(y, mo, d);
}

/** `YYYY-MM-DD` of a day number. Example: `formatDay(0)` is `"1970-01-01"`. */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** First day (day number) of a month index. */
export function firstDayOfMonth(month: number): number {
  return dayNumber(yearOf(month), monthOfYear(month), 1);
}

/** Number of days in a month index (28-31). */
export function daysInMonth(month: number): number {
  return firstDayOfMonth(month + 1) - firstDayOfMonth(month);
}

/** Month index that contains a day number. */
export function monthOfDay(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return monthIndex(d.getUTCFullYear(), d.getUTCMonth() + 1);
}
