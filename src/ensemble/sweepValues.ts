/**
 * Sweep parameters: `--param PATH=VALUES` parsed into the values a sweep takes for one scenario path.
 *
 * VALUES is one of:
 * - a list `a,b,c` (one value is a list of one). Items are YAML scalars or flow collections, passed to the
 *   scenario as `--set` would take them; commas inside `[...]`, `{...}` or quotes do not split.
 * - a numeric range `lo..hi:n`: n evenly spaced values, both ends included (`0.02..0.08:7` is 0.02, 0.03, ...,
 *   0.08). Without `:n`, integer ends step by 1 (`1..4` is 1, 2, 3, 4); ends with a decimal point
 *   (`0.02..0.08`) are a continuous range, allowed in a Latin hypercube only.
 * - a month range `YYYY-MM..YYYY-MM[:Km]`: every month (or every K months) from the first, the last included
 *   when reached (`2021-04..2021-10` is 7 months).
 * - a date range `YYYY-MM-DD..YYYY-MM-DD[:Km|:Kd]`: monthly on the first date's day by default (clamped to the
 *   month's length: `2021-01-31..2021-04-30` is 01-31, 02-28, 03-31, 04-30), every K months or every K days.
 *
 * Every mistake is a `SweepArgError` that quotes what was typed.
 */
import { daysInMonth, formatDay, formatMonth, parseDay, parseMonth } from '../engine/calendar.ts';

/** Most values one parameter may take (a typo such as `1..1e9` is refused, not expanded). */
export const MAX_LEVELS = 10_000;

/** A bad `--param` (or other sweep option): the message quotes the text as typed. Exit code 2. */
export class SweepArgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepArgError';
  }
}

/** The kind of values a parameter takes: it decides how a value is written and how a Latin hypercube samples it. */
export type ValueKind = 'number' | 'month' | 'date' | 'text';

/**
 * The values of one swept path: a finite list of levels, or a continuous numeric range (Latin hypercube only).
 */
export type ParamValues =
  | { path: string; typed: string; kind: ValueKind; levels: string[] }
  | { path: string; typed: string; kind: 'number'; continuous: { lo: number; hi: number } };

/** A parameter with a finite list of values. */
export type DiscreteParam = Extract<ParamValues, { levels: string[] }>;

/**
 * Parses one `--param PATH=VALUES`.
 * @example parseParam('behaviour.hideProbability=0.02..0.08:7').levels // ['0.02','0.03','0.04','0.05','0.06','0.07','0.08']
 * @example parseParam('events.sichuan-ban.effective=2021-04..2021-06').levels // ['2021-04','2021-05','2021-06']
 */
export function parseParam(typed: string): ParamValues {
  const eq = typed.indexOf('=');
  const path = eq < 0 ? '' : typed.slice(0, eq).trim();
  const where = `--param ${typed}`;
  if (eq < 0 || path === '') {
    throw new SweepArgError(`${where}: expected PATH=VALUES (e.g. behaviour.hideProbability=0.02..0.08:7), found ${JSON.stringify(typed)}`);
  }
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(path)) {
    throw new SweepArgError(`${where}: expected a dotted scenario path like events.sichuan-ban.effective, found ${JSON.stringify(path)}`);
  }
  const text = typed.slice(eq + 1).trim();
  if (text === '') throw new SweepArgError(`${where}: expected values after "=", found nothing`);
  const range = splitRange(text);
  if (range) return parseRange(path, typed, range);
  const items = splitList(text, where);
  const kinds = new Set(items.map(kindOf));
  const kind: ValueKind = kinds.size === 1 ? [...kinds][0] : 'text';
  const levels = items.map((item) => (kindOf(item) === 'number' ? canonicalNumber(Number(item)) : item));
  const seen = new Set<string>();
  for (const level of levels) {
    if (seen.has(level)) throw new SweepArgError(`${where}: expected distinct values, found ${JSON.stringify(level)} twice`);
    seen.add(level);
  }
  if (levels.length > MAX_LEVELS) throw new SweepArgError(`${where}: expected at most ${MAX_LEVELS} values, found ${levels.length}`);
  return { path, typed, kind, levels };
}

/**
 * Writes a number in its shortest form after rounding away float noise (12 significant digits).
 * @example canonicalNumber(0.1 + 0.2) // '0.3'
 */
export function canonicalNumber(x: number): string {
  const rounded = Number(x.toPrecision(12));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** Number of values of a parameter (`Infinity` for a continuous range). */
export function levelCount(p: ParamValues): number {
  return 'levels' in p ? p.levels.length : Infinity;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const MONTH = /^\d{4}-\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function kindOf(item: string): ValueKind {
  if (NUMBER.test(item)) return 'number';
  if (MONTH.test(item) && parseMonth(item) !== undefined) return 'month';
  if (DATE.test(item) && parseDay(item) !== undefined) return 'date';
  return 'text';
}

/** `lo..hi[:step]` at the top level (not inside brackets or quotes), or undefined. */
function splitRange(text: string): { lo: string; hi: string; step?: string } | undefined {
  const m = /^([^,[\]{}"']+?)\.\.([^,[\]{}"':]+?)(?::([^,[\]{}"']*))?$/.exec(text);
  if (!m) return undefined;
  return { lo: m[1].trim(), hi: m[2].trim(), step: m[3]?.trim() };
}

function parseRange(path: string, typed: string, r: { lo: string; hi: string; step?: string }): ParamValues {
  const where = `--param ${typed}`;
  const [kLo, kHi] = [kindOf(r.lo), kindOf(r.hi)];
  const hint = 'a numeric range lo..hi:n, a month range YYYY-MM..YYYY-MM or a date range YYYY-MM-DD..YYYY-MM-DD';
  if (kLo !== kHi || kLo === 'text') {
    const bad = kLo === 'text' ? r.lo : kHi === 'text' ? r.hi : r.hi;
    const why = kLo !== 'text' && kHi !== 'text' ? ` (the two ends are a ${kLo} and a ${kHi})` : '';
    throw new SweepArgError(`${where}: expected ${hint}, found ${JSON.stringify(bad)}${why}`);
  }
  if (kLo === 'number') return numberRange(path, typed, r);
  if (kLo === 'month') return monthRange(path, typed, r);
  return dateRange(path, typed, r);
}

function numberRange(path: string, typed: string, r: { lo: string; hi: string; step?: string }): ParamValues {
  const where = `--param ${typed}`;
  const lo = Number(r.lo);
  const hi = Number(r.hi);
  if (!(hi >= lo)) throw new SweepArgError(`${where}: expected the range's end (${r.hi}) at or above its start (${r.lo})`);
  if (r.step === undefined) {
    if (INTEGER.test(r.lo) && INTEGER.test(r.hi)) {
      const n = hi - lo + 1;
      if (n > MAX_LEVELS) throw new SweepArgError(`${where}: expected at most ${MAX_LEVELS} values, found ${n}`);
      return { path, typed, kind: 'number', levels: Array.from({ length: n }, (_, i) => canonicalNumber(lo + i)) };
    }
    return { path, typed, kind: 'number', continuous: { lo, hi } };
  }
  if (!/^\d+$/.test(r.step)) {
    throw new SweepArgError(`${where}: expected a count of values after ":" (e.g. 0.02..0.08:7), found ${JSON.stringify(r.step)}`);
  }
  const n = Number(r.step);
  if (n < 1 || n > MAX_LEVELS || (n === 1 && hi !== lo) || (n > 1 && hi === lo)) {
    const expected = hi === lo ? '1 (the range is a single value)' : `a count from 2 to ${MAX_LEVELS}`;
    throw new SweepArgError(`${where}: expected ${expected} after ":", found ${r.step}`);
  }
  const levels = n === 1 ? [canonicalNumber(lo)] : Array.from({ length: n }, (_, i) => canonicalNumber(i === n - 1 ? hi : lo + ((hi - lo) * i) / (n - 1)));
  if (new Set(levels).size !== levels.length) throw new SweepArgError(`${where}: expected ${n} distinct values, found steps too small to tell apart`);
  return { path, typed, kind: 'number', levels };
}

/** Parses a step `:K` / `:Km` / `:Kd` of a month or date range. */
function calendarStep(where: string, step: string | undefined, allowDays: boolean): { months: number; days: number } {
  if (step === undefined) return { months: 1, days: 0 };
  const m = /^(\d+)([md]?)$/.exec(step);
  const k = m ? Number(m[1]) : 0;
  if (!m || k < 1 || (m[2] === 'd' && !allowDays)) {
    const expected = allowDays ? 'a step like 2m (every 2 months) or 7d (every 7 days)' : 'a step like 2m (every 2 months)';
    throw new SweepArgError(`${where}: expected ${expected} after ":", found ${JSON.stringify(step)}`);
  }
  return m[2] === 'd' ? { months: 0, days: k } : { months: k, days: 0 };
}

function monthRange(path: string, typed: string, r: { lo: string; hi: string; step?: string }): ParamValues {
  const where = `--param ${typed}`;
  const lo = parseMonth(r.lo)!;
  const hi = parseMonth(r.hi)!;
  if (hi < lo) throw new SweepArgError(`${where}: expected the range's end (${r.hi}) at or after its start (${r.lo})`);
  const { months } = calendarStep(where, r.step, false);
  const n = Math.floor((hi - lo) / months) + 1;
  if (n > MAX_LEVELS) throw new SweepArgError(`${where}: expected at most ${MAX_LEVELS} values, found ${n}`);
  return { path, typed, kind: 'month', levels: Array.from({ length: n }, (_, i) => formatMonth(lo + i * months)) };
}

function dateRange(path: string, typed: string, r: { lo: string; hi: string; step?: string }): ParamValues {
  const where = `--param ${typed}`;
  const lo = parseDay(r.lo)!;
  const hi = parseDay(r.hi)!;
  if (hi < lo) throw new SweepArgError(`${where}: expected the range's end (${r.hi}) on or after its start (${r.lo})`);
  const step = calendarStep(where, r.step, true);
  const levels: string[] = [];
  if (step.days > 0) {
    for (let d = lo; d <= hi; d += step.days) {
      levels.push(formatDay(d));
      if (levels.length > MAX_LEVELS) break;
    }
  } else {
    const day = Number(r.lo.slice(8, 10));
    const m0 = parseMonth(r.lo.slice(0, 7))!;
    for (let m = m0; ; m += step.months) {
      const text = `${formatMonth(m)}-${String(Math.min(day, daysInMonth(m))).padStart(2, '0')}`;
      if (parseDay(text)! > hi || levels.length > MAX_LEVELS) break;
      levels.push(text);
    }
  }
  if (levels.length > MAX_LEVELS) throw new SweepArgError(`${where}: expected at most ${MAX_LEVELS} values, found more`);
  return { path, typed, kind: 'date', levels };
}

/** Splits `a,b,[c,d],"e,f"` on top-level commas; refuses empty items and unbalanced brackets or quotes. */
function splitList(text: string, where: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (i < text.length && quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    if (depth < 0) throw new SweepArgError(`${where}: unbalanced "${ch}" in ${JSON.stringify(text)}`);
    if (i === text.length || (ch === ',' && depth === 0)) {
      const item = text.slice(start, i).trim();
      if (item === '') throw new SweepArgError(`${where}: expected a value between commas, found an empty one in ${JSON.stringify(text)}`);
      items.push(item);
      start = i + 1;
    }
  }
  if (depth !== 0 || quote) throw new SweepArgError(`${where}: unclosed ${quote ? `quote ${quote}` : 'bracket'} in ${JSON.stringify(text)}`);
  return items;
}
