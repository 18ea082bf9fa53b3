/**
 * Months and days as integers. A month is `year * 12 + (month - 1)` (`2021-06` -> 24257); a day is the number of
 * days since 1970-01-01 UTC (`2021-06-18` -> 18796). Text forms are `YYYY-MM` and `YYYY-MM-DD`.
 */
import type { DayNumber, MonthIndex } from './plan.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MS_PER_DAY = 86_400_000;

/** Regex source of a month `YYYY-MM` (used by the schema). */
export const MONTH_PATTERN = MONTH.source;
/** Regex source of a date `YYYY-MM-DD` (used by the schema; day-of-month validity is checked by `parseDate`). */
export const DATE_PATTERN = DATE.source;

/** `'2021-06'` -> 24257 (2021 * 12 + 5); undefined when not a valid month. */
export function parseMonth(text: string): MonthIndex | undefined {
  const m = MONTH.exec(text);
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : undefined;
}

/** 24257 -> `'2021-06'`. */
export function formatMonth(month: MonthIndex): string {
  const y = Math.floor(month / 12);
  return `${String(y).padStart(4, '0')}-${String(month - y * 12 + 1).padStart(2, '0')}`;
}

/** `'2021-06-18'` -> 18796 days since 1970-01-01; undefined when not a real calendar date (e.g. `2021-02-30`). */
export function parseDate(text: string): DayNumber | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return Math.round(t / MS_PER_DAY);
}

/** The month a `YYYY-MM` or `YYYY-MM-DD` text falls in, or undefined. `'2021-06-18'` -> 24257. */
export function monthOfText(text: string): MonthIndex | undefined {
  if (text.length === 7) return parseMonth(text);
  return parseDate(text) === undefined ? undefined : parseMonth(text.slice(0, 7));
}
