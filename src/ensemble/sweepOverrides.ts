/**
 * From a sweep point to the scenario overrides its runs use (`path=value`, as `--set` takes them), and the check
 * that every point gives a valid scenario before anything runs.
 *
 * Two rules make dates easy to sweep:
 * - A month (`2021-08`) swept where the scenario has a date (`effective: 2021-06-20`) becomes that date's day in
 *   the month (`2021-08-20`; clamped to the month's length).
 * - Sweeping a date of an event moves the event whole (`eventDates: 'shift'`, the default): its other dates
 *   (`announced`, `effective`, `lifted`, `from`, `to`) not swept themselves move by the same number of days, so
 *   a ban keeps its notice period and a lifted ban its length. With `'fixed'` only the swept date changes (and
 *   a point where `announced` would fall after `effective` is refused like a bad `--set`).
 */
import { daysInMonth, formatDay, parseDay, parseMonth } from '../engine/calendar.ts';
import { withOverrides } from '../run/runScenario.ts';
import { formatIssue, ScenarioError, type ResolvedScenario } from '../scenario/index.ts';
import type { SweepPoint } from './sweepDesign.ts';

/** How a swept event date treats the event's other dates. */
export type EventDatesMode = 'shift' | 'fixed';

const EVENT_DATE_FIELDS = ['announced', 'effective', 'lifted', 'from', 'to'] as const;

/**
 * The overrides of one point: its own values (months turned into dates where the scenario has a date) and
 * the moved dates of swept events, sorted by path (their text is what the point's run seeds hash).
 * @example // china-2021, point events.sichuan-ban.effective=2021-08:
 * pointOverrides(china, point) // ['events.sichuan-ban.announced=2021-08-18', 'events.sichuan-ban.effective=2021-08-20']
 */
export function pointOverrides(resolved: ResolvedScenario, point: SweepPoint, eventDates: EventDatesMode = 'shift'): string[] {
  const swept = new Set(point.values.map((v) => v.path));
  const out: string[] = [];
  const moved: string[] = [];
  for (const { path, value } of point.values) {
    const current = valueAt(resolved.data, path.split('.'));
    const text = monthAsDate(value, current);
    out.push(`${path}=${text}`);
    const segs = path.split('.');
    if (eventDates !== 'shift' || segs.length !== 3 || segs[0] !== 'events') continue;
    if (!(EVENT_DATE_FIELDS as readonly string[]).includes(segs[2])) continue;
    const before = typeof current === 'string' ? parseDay(current) : undefined;
    const after = parseDay(text);
    if (before === undefined || after === undefined) continue;
    const event = valueAt(resolved.data, segs.slice(0, 2));
    if (!isRecord(event)) continue;
    for (const field of EVENT_DATE_FIELDS) {
      const other = `events.${segs[1]}.${field}`;
      const day = typeof event[field] === 'string' ? parseDay(event[field] as string) : undefined;
      if (field === segs[2] || swept.has(other) || day === undefined) continue;
      moved.push(`${other}=${formatDay(day + after - before)}`);
    }
  }
  return sortByPath([...out, ...moved]);
}

/** Overrides sorted by their path (the text before `=`), code-point order. */
function sortByPath(overrides: string[]): string[] {
  const path = (o: string) => o.slice(0, o.indexOf('='));
  return overrides.sort((a, b) => (path(a) < path(b) ? -1 : path(a) > path(b) ? 1 : 0));
}

/** A sweep whose points do not all give a valid scenario: one line per problem, naming the point. */
export class SweepPointsError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'SweepPointsError';
  }
}

/**
 * Checks every point's overrides against the scenario (`withOverrides`: the schema and the cross-field checks)
 * and returns them, or throws `SweepPointsError` listing the failing points (at most `maxReported`).
 * @example validatePoints(china, points)[0] // ['events.sichuan-ban.announced=2021-04-18', 'events.sichuan-ban.effective=2021-04-20']
 */
export function validatePoints(resolved: ResolvedScenario, points: readonly SweepPoint[], eventDates: EventDatesMode = 'shift', maxReported = 20): string[][] {
  const lines: string[] = [];
  let failed = 0;
  const all = points.map((point) => {
    const overrides = pointOverrides(resolved, point, eventDates);
    try {
      withOverrides(resolved, overrides);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      failed++;
      if (failed <= maxReported) {
        for (const issue of e.issues) lines.push(`point ${pointLabel(point.index)} (${point.canonical}): ${formatIssue(issue)}`);
      }
    }
    return overrides;
  });
  if (failed > maxReported) lines.push(`(and ${failed - maxReported} more point${failed - maxReported === 1 ? '' : 's'} with problems)`);
  if (failed > 0) throw new SweepPointsError(lines);
  return all;
}

/**
 * The label of a point in run ids and folders: `p` and the index on 4 digits (more when needed).
 * @example pointLabel(3) // 'p0003'
 */
export function pointLabel(index: number): string {
  return `p${String(index).padStart(4, '0')}`;
}

/** A month where the scenario has a date becomes that date's day in the month; anything else is unchanged. */
function monthAsDate(value: string, current: unknown): string {
  const month = parseMonth(value);
  if (month === undefined || typeof current !== 'string' || parseDay(current) === undefined) return value;
  const day = Math.min(Number(current.slice(8, 10)), daysInMonth(month));
  return `${value}-${String(day).padStart(2, '0')}`;
}

/** The value at a dotted path of resolved scenario data (`events.<id>` finds the event by id), or undefined. */
function valueAt(data: unknown, segs: readonly string[]): unknown {
  let node = data;
  for (let i = 0; i < segs.length; i++) {
    if (Array.isArray(node)) {
      const seg = segs[i];
      node = i === 1 && segs[0] === 'events' ? node.find((e) => isRecord(e) && e.id === seg) : /^\d+$/.test(seg) ? node[Number(seg)] : undefined;
    } else if (isRecord(node)) node = node[segs[i]];
    else return undefined;
  }
  return node;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
