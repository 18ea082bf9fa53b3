/**
 * Sweep designs: which parameter points a sweep runs.
 *
 * - `factorial`: every combination of the parameters' values; the first `--param` varies slowest.
 * - `lhs` (Latin hypercube) of P points: each parameter's [0, 1) is cut into P equal strata and every stratum
 *   is used once, in an order shuffled per parameter, with a uniform jitter inside the stratum. A continuous
 *   range (`0.02..0.08`) takes lo + u * (hi - lo), written with the fewest significant digits (at least 3) that
 *   keep it strictly inside its stratum; a list, a counted range
 *   (`0.02..0.08:7`), months or dates of L levels take level floor(k * L / P) in stratum k (no jitter), so each
 *   level is used P / L times (rounded down or up). Points that come out equal are kept once. Draws come from the named stream
 *   `sweep:lhs` of the master seed: the same seed and parameters give the same design.
 *
 * A point's canonical text (`path=value` sorted by path, joined by `;`) is what its runs' seeds hash, so a point
 * keeps its seeds whatever other points the sweep has.
 */
import { namedStream, shuffleInPlace } from '../engine/streams.ts';
import { canonicalNumber, levelCount, SweepArgError, type ParamValues } from './sweepValues.ts';

/** Most points a sweep may have. */
export const MAX_POINTS = 100_000;

/** One value of one parameter at a point. */
export interface PointValue {
  path: string;
  value: string;
}

/** One parameter point of a sweep. */
export interface SweepPoint {
  /** Position in the design, from 0 (`p0000` is point 0). */
  index: number;
  /** The value of each swept parameter, in the order the parameters were given. */
  values: PointValue[];
  /** `path=value` pairs sorted by path and joined by `;`: the `point` of the runs' seeds. */
  canonical: string;
}

/** Which design and, for `lhs`, how many points and from which seed. */
export type DesignOptions = { design: 'factorial' } | { design: 'lhs'; points: number; masterSeed: number };

/**
 * The points of a sweep over `params`.
 * @example designPoints([parseParam('a=1,2'), parseParam('b=x,y')], {design: 'factorial'}).map((p) => p.canonical)
 * // ['a=1;b=x', 'a=1;b=y', 'a=2;b=x', 'a=2;b=y']
 */
export function designPoints(params: readonly ParamValues[], options: DesignOptions): SweepPoint[] {
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.path)) throw new SweepArgError(`--param ${p.typed}: the path ${p.path} is swept twice`);
    seen.add(p.path);
  }
  const rows = options.design === 'factorial' ? factorial(params) : latinHypercube(params, options.points, options.masterSeed);
  const points: SweepPoint[] = [];
  const canonicals = new Set<string>();
  for (const row of rows) {
    const values = params.map((p, i) => ({ path: p.path, value: row[i] }));
    const canonical = canonicalText(values);
    if (canonicals.has(canonical)) continue;
    canonicals.add(canonical);
    points.push({ index: points.length, values, canonical });
  }
  return points;
}

/**
 * The canonical text of a point: `path=value` sorted by path, joined by `;` (`''` for no parameters).
 * @example canonicalText([{path: 'b', value: '2'}, {path: 'a', value: '1'}]) // 'a=1;b=2'
 */
export function canonicalText(values: readonly PointValue[]): string {
  return [...values]
    .sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0))
    .map((v) => `${v.path}=${v.value}`)
    .join(';');
}

function factorial(params: readonly ParamValues[]): string[][] {
  let total = 1;
  for (const p of params) {
    if (!('levels' in p)) {
      throw new SweepArgError(
        `--param ${p.typed}: a continuous range needs a count in a factorial design (e.g. ${p.path}=${p.continuous.lo}..${p.continuous.hi}:5), or use --design lhs`,
      );
    }
    total *= p.levels.length;
  }
  if (total > MAX_POINTS) throw new SweepArgError(`--param: a factorial design of ${params.map(levelCount).join(' x ')} = ${total} points is over the limit of ${MAX_POINTS}`);
  let rows: string[][] = [[]];
  for (const p of params) {
    const levels = (p as { levels: string[] }).levels;
    rows = rows.flatMap((row) => levels.map((level) => [...row, level]));
  }
  return rows;
}

function latinHypercube(params: readonly ParamValues[], count: number, masterSeed: number): string[][] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_POINTS) {
    throw new SweepArgError(`--points: expected an integer from 1 to ${MAX_POINTS}, found ${count}`);
  }
  const stream = namedStream(masterSeed, 'sweep:lhs');
  const columns = params.map((p) => {
    const order = Array.from({ length: count }, (_, i) => i);
    shuffleInPlace(order, stream);
    return order.map((stratum) => {
      if ('levels' in p) return p.levels[Math.floor((stratum * p.levels.length) / count)];
      const u = (stratum + stream.next()) / count;
      const { lo, hi } = p.continuous;
      return shortestInStratum(lo + u * (hi - lo), lo + (stratum / count) * (hi - lo), lo + ((stratum + 1) / count) * (hi - lo));
    });
  });
  return Array.from({ length: count }, (_, i) => columns.map((c) => c[i]));
}

/** `x` with the fewest significant digits (3 to 12) that keep it strictly inside (from, to). */
function shortestInStratum(x: number, from: number, to: number): string {
  for (let digits = 3; digits < 12; digits++) {
    const v = Number(x.toPrecision(digits));
    if (v > from && v < to) return canonicalNumber(v);
  }
  return canonicalNumber(x);
}
