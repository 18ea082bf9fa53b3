/**
 * Months and days in scenario text: the patterns the schema checks (`YYYY-MM`, `YYYY-MM-DD`), and parsing
 * through the engine's calendar (months are `year * 12 + (month - 1)`, days count from 1970-01-01 UTC).
 */
import { formatMonth, parseDay, parseMonth as calendarMonth } from '../engine/calendar.ts';
import type { MonthIndex } from '../plan/plan.ts';

/** Years 1900 to 2200 (MIN_YEAR and MAX_YEAR of limits.ts; a test checks they agree). */
const YEAR = '(19\\d{2}|2[01]\\d{2}|2200)';
const MONTH = new RegExp(`^${YEAR}-(0[1-9]|1[0-2])$`);
const DATE = new RegExp(`^${YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$`);

/** Regex source of a month `YYYY-MM` (used by the schema). */
export const MONTH_PATTERN = MONTH.source;
/** Regex source of a date `YYYY-MM-DD` (used by the schema; day-of-month validity is checked by `parseDate`). */
export const DATE_PATTERN = DATE.source;

export { formatMonth };

/** `'2021-06'` -> its month index; undefined for anything but a month from 1900-01 to 2200-12. */
export function parseMonth(text: string): MonthIndex | undefined {
  return MONTH.test(text) ? calendarMonth(text) : undefined;
}

/**
 * `'2021-06-18'` -> 18796 days since 1970-01-01; undefined when not a real calendar date (e.g. `2021-02-30`) or
 * outside 1900-01-01 to 2200-12-31.
 */
export function parseDate(text: string): number | undefined {
  return DATE.test(text) ? parseDay(text) : undefined;
}

/** The month a `YYYY-MM` or `YYYY-MM-DD` text falls in, or undefined. `'2021-06-18'` -> 24257. */
export function monthOfText(text: string): MonthIndex | undefined {
  if (text.length === 7) return calendarMonth(text);
  return parseDay(text) === undefined ? undefined : calendarMonth(text.slice(0, 7));
}
