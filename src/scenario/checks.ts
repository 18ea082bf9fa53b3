/**
 * Checks that need more than one field: dates in order, names that exist, shares that add up, formulas
 * that are safe, distributions whose parameters make sense. They run on the merged scenario, next to the
 * schema check, and are written defensively: a value of the wrong type is the schema's business, not theirs.
 */
import { fsum } from 'd3-array';
import { describeValue, type IssueList } from './errors.ts';
import { DATE_PATTERN, parseDate, parseMonth } from './dates.ts';
import { compileFormula, RESERVED_NAMES } from './formula.ts';
import { nodeAt, type LNode } from './load.ts';
import { displayPath, type Segments } from './paths.ts';
import { numberWords, REGION_ID_PATTERN, ScenarioSchema } from './schema.ts';
import { isMap, suggestion, walk, type Schema } from './schemaWalk.ts';
import { MAX_MONTHS } from './limits.ts';
import { writeRank, writtenLast } from './writtenOrder.ts';

const DATE = new RegExp(DATE_PATTERN);

/** Tolerance on the sum of `initialShare` over all regions. */
export const SHARE_TOLERANCE = 0.001;

/**
 * Adds an issue for every cross-field problem of the merged scenario `data` (plain form of `root`). `files` is
 * the extends chain (the given scenario first): a problem between values is reported at the one written last.
 */
export function crossCheck(root: LNode, data: unknown, issues: IssueList, files: readonly string[] = []): void {
  if (!isMap(data)) return;
  const add = (segs: Segments, message: string, atKey = false) => {
    let node: LNode | undefined;
    for (let n = segs.length; n >= 0 && !node; n--) node = nodeAt(root, segs.slice(0, n));
    node ??= root;
    issues.add(atKey ? node.keyPos ?? node.pos : node.pos, displayPath(data, segs), message);
  };
  const rank = (segs: Segments) => writeRank(nodeAt(root, segs)?.pos, files);

  // Months in order, within the longest horizon.
  const start = typeof data.start === 'string' ? parseMonth(data.start) : undefined;
  const end = typeof data.end === 'string' ? parseMonth(data.end) : undefined;
  if (start !== undefined && end !== undefined) {
    const blameStart = writtenLast([['end'], ['start']], rank)[0] === 'start';
    if (end < start) {
      if (blameStart) add(['start'], `expected a month on or before end (${data.end}), found ${describeValue(data.start)}`);
      else add(['end'], `expected a month on or after start (${data.start}), found ${describeValue(data.end)}`);
    } else if (end - start + 1 > MAX_MONTHS) {
      const words = `at most ${MAX_MONTHS} months (${MAX_MONTHS / 12} years)`;
      if (blameStart) add(['start'], `expected a month ${words} before end (${data.end}), found ${describeValue(data.start)}`);
      else add(['end'], `expected a month ${words} from start (${data.start}), found ${describeValue(data.end)}`);
    }
  }

  // Regions, countries and shares.
  const valid = new RegExp(REGION_ID_PATTERN);
  const written = Object.entries(isMap(data.regions) ? data.regions : {});
  const regions = Object.fromEntries(written.filter(([id]) => valid.test(id)));
  const regionIds = Object.keys(regions);
  const countries = new Set<string>();
  for (const r of Object.values(regions)) if (isMap(r) && typeof r.country === 'string') countries.add(r.country);
  const names = [...new Set([...regionIds, ...countries])];
  // Without a map of regions whose every key is a region id (the schema reports what is wrong at `regions`), no
  // name can be checked against them: a `--set regions=5` is one mistake, not one per name that refers to a region.
  const regionsWell = isMap(data.regions) && written.length > 0 && regionIds.length === written.length;
  const checkName = (segs: Segments, name: unknown) => {
    if (!regionsWell) return;
    if (typeof name === 'string' && !regionIds.includes(name) && !countries.has(name)) {
      add(segs, `expected a region id or country code of this scenario, found ${describeValue(name)}${suggestion(name, names)}`);
    }
  };
  const shares = Object.values(regions).map((r) => (isMap(r) ? r.initialShare ?? 0 : 0));
  if (regionIds.length > 0 && regionIds.length === written.length && shares.every((s) => typeof s === 'number' && s >= 0 && s <= 1)) {
    const sum = fsum(shares as number[]);
    if (Math.abs(sum - 1) > SHARE_TOLERANCE) {
      const message = `expected initialShare values summing to 1 (+-${SHARE_TOLERANCE}), found a sum of ${Number(sum.toFixed(6))}`;
      // All written together: the whole list is wrong. A share written later (a child, a --set) broke the sum: there.
      const written = regionIds.filter((id) => isMap(regions[id]) && (regions[id] as Record<string, unknown>).initialShare !== undefined).map((id): Segments => ['regions', id, 'initialShare']);
      const ranks = written.map(rank);
      if (ranks.length > 0 && Math.max(...ranks) > Math.min(...ranks)) add(writtenLast(written, rank), message);
      else add(['regions'], message, true);
    }
  }

  // Events: names, dates, order.
  const events = Array.isArray(data.events) ? data.events : [];
  events.forEach((ev, i) => {
    if (!isMap(ev)) return;
    const at = (k: string): Segments => ['events', i, k];
    if (Array.isArray(ev.regions)) ev.regions.forEach((name, j) => checkName(['events', i, 'regions', j], name));
    const day = (k: string): number | undefined => {
      const v = ev[k];
      if (typeof v !== 'string' || !DATE.test(v)) return undefined; // the schema reports anything else
      const d = parseDate(v);
      if (d === undefined) add(at(k), `expected a date YYYY-MM-DD, found ${describeValue(v)}`);
      return d;
    };
    const dates: Record<string, number | undefined> = {};
    for (const k of ['announced', 'effective', 'lifted', 'from', 'to']) dates[k] = day(k);
    const order = (early: string, late: string, strict: boolean) => {
      const a = dates[early];
      const b = dates[late];
      if (a === undefined || b === undefined || (strict ? b > a : b >= a)) return;
      if (rank(at(early)) > rank(at(late))) add(at(early), `expected a date ${strict ? 'before' : 'on or before'} ${late} (${ev[late]}), found ${describeValue(ev[early])}`);
      else add(at(late), `expected a date ${strict ? 'after' : 'on or after'} ${early} (${ev[early]}), found ${describeValue(ev[late])}`);
    };
    if (ev.type === 'ban') {
      order('announced', 'effective', false);
      order('effective', 'lifted', true);
    } else if (ev.type === 'powerCut' || ev.type === 'tariff') order('from', 'to', true);
  });

  // Routes name regions or countries that exist.
  const moves = isMap(data.moves) ? data.moves : {};
  if (Array.isArray(moves.routes)) {
    moves.routes.forEach((route, i) => {
      if (!isMap(route)) return;
      for (const end of ['from', 'to']) {
        const v = route[end];
        if (Array.isArray(v)) v.forEach((name, j) => checkName(['moves', 'routes', i, end, j], name));
        else checkName(['moves', 'routes', i, end], v);
      }
    });
  }

  // Series names, formulas, distributions.
  const series = isMap(data.series) ? Object.keys(data.series) : [];
  for (const name of series) {
    if (RESERVED_NAMES.has(name)) add(['series', name], `expected a series name that is not reserved (${[...RESERVED_NAMES].join(', ')}), found ${describeValue(name)}`, true);
  }
  walk(data, ScenarioSchema as Schema, [], (value, declared, resolved, segs) => {
    if (resolved?.['x-kind'] === 'formula' && typeof value === 'string') {
      const bounds = (declared?.anyOf?.[0] ?? {}) as Schema;
      const f = compileFormula(value, series, numberWords(bounds));
      if (!f.ok) add(segs, f.message);
    }
    if (resolved?.['x-tag'] === 'dist' && isMap(value)) {
      const { min, max, mode } = value;
      const key = (...keys: string[]) => writtenLast(keys, (k) => rank([...segs, k]));
      if (typeof min === 'number' && typeof max === 'number' && max < min) {
        if (key('max', 'min') === 'max') add([...segs, 'max'], `expected a number >= min (${min}), found ${describeValue(max)}`);
        else add([...segs, 'min'], `expected a number <= max (${max}), found ${describeValue(min)}`);
      } else if (typeof mode === 'number' && typeof min === 'number' && typeof max === 'number' && (mode < min || mode > max)) {
        const k = key('mode', mode < min ? 'min' : 'max');
        if (k === 'mode') add([...segs, 'mode'], `expected a number between min (${min}) and max (${max}), found ${describeValue(mode)}`);
        else if (k === 'min') add([...segs, 'min'], `expected a number <= mode (${mode}), found ${describeValue(min)}`);
        else add([...segs, 'max'], `expected a number >= mode (${mode}), found ${describeValue(max)}`);
      }
    }
  });
}
