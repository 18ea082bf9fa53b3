/**
 * Months and days in scenario text: the patterns the schema checks (`YYYY-MM`, `YYYY-MM-DD`), and parsing
 * through the engine's calendar (months are `year * 12 + (month - 1)`, days count from 1970-01-01 UTC).
 */
import { formatMonth, parseDay, parseMonth } from '../engine/calendar.ts';
import type { MonthIndex } from '../plan/plan.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Regex source of a month `YYYY-MM` (used by the schema). */
export const MONTH_PATTERN = MONTH.source;
/** Regex source of a date `YYYY-MM-DD` (used by the schema; day-of-month validity is checked by `parseDate`). */
export const DATE_PATTERN = DATE.source;

export { formatMonth, parseMonth };

/** `'2021-06-18'` -> 18796 days since 1970-01-01; undefined when not a real calendar date (e.g. `2021-02-30`). */
export const parseDate = parseDay;

/** The month a `YYYY-MM` or `YYYY-MM-DD` text falls in, or undefined. `'2021-06-18'` -> 24257. */
export function monthOfText(text: string): MonthIndex | undefined {
  if (text.length === 7) return parseMonth(text);
  return parseDate(text) === undefined ? undefined : parseMonth(text.slice(0, 7));
}
