/**
 * Which value was written last. A scenario's values come from layers: a parent file, the file that extends it,
 * then each `--set` in order; a later layer overrides an earlier one. When two values disagree (an effective
 * date before the announcement, shares that no longer sum to 1, a limit exceeded by a product of fields), the
 * mistake is the one written last: it is reported where that value was written, not at a value it met.
 */
import type { Pos } from './errors.ts';

/**
 * The layer of a position: `--set` values above everything (in order), then the files of the extends chain,
 * the given scenario above its parent, and so on; `files` is that chain, the given scenario first.
 * @example writeRank({file: 'child.yaml', line: 3, column: 1}, ['child.yaml', 'base.yaml']) // 2 (base.yaml: 1)
 */
export function writeRank(pos: Pos | undefined, files: readonly string[]): number {
  if (!pos) return -Infinity;
  if (pos.file === '--set') return 1e6 + pos.line;
  const i = files.indexOf(pos.file);
  return i < 0 ? 0 : files.length - i;
}

/**
 * The layer of an origin as `ResolvedScenario.origins` records it (`file:line:column`, `--set` or `default`).
 * @example originRank('--set', files) > originRank('scenarios/x.yaml:3:5', files) // true
 */
export function originRank(origin: string | undefined, files: readonly string[]): number {
  if (origin === undefined || origin === 'default') return -Infinity;
  if (origin === '--set') return 1e6;
  const m = /^(.*):\d+:\d+$/.exec(origin);
  return writeRank(m ? { file: m[1], line: 1, column: 1 } : undefined, files);
}

/**
 * The path, at `path` or inside it (a point of a series, a field of a map), of the value written last, and its
 * layer: after `--set network.supplyEhsPerMonth.2022-06=...` the series was last written by that `--set`.
 * @example latestWithin(origins, 'network.supplyEhsPerMonth', files) // { path: 'network.supplyEhsPerMonth.2022-06', rank: 1000000 }
 */
export function latestWithin(origins: ReadonlyMap<string, string>, path: string, files: readonly string[]): { path: string; rank: number } {
  let best = { path, rank: originRank(origins.get(path), files) };
  for (const [p, origin] of origins) {
    if (!p.startsWith(`${path}.`) && !p.startsWith(`${path}[`)) continue;
    const rank = originRank(origin, files);
    if (rank > best.rank) best = { path: p, rank };
  }
  return best;
}

/**
 * The candidate written last (highest rank); among equals, the first given (list the usual culprit first).
 * @example writtenLast([['effective'], ['announced']], rankOf) // ['announced'] if only the announcement came from --set
 */
export function writtenLast<T>(candidates: readonly T[], rank: (c: T) => number): T {
  let best = candidates[0];
  let bestRank = rank(best);
  for (const c of candidates.slice(1)) {
    const r = rank(c);
    if (r > bestRank) {
      best = c;
      bestRank = r;
    }
  }
  return best;
}
