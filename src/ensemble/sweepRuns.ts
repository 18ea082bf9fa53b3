/**
 * The run list of an ensemble or a sweep: every (point, replicate) with its run id and seed, replicate-major
 * (replicate 0 of every point, then replicate 1 of every point, ...), so a job stopped early, or one shard of
 * it, has a balanced share of every point. A plain ensemble is a sweep of one point with no parameters, and
 * its run list is the ensemble runner's (`ensembleSpecs`): same ids, same seeds.
 */
import { runId, runSpec, type RunSpec } from './runSpec.ts';

export { runId };

/** Most runs one job may have. */
export const MAX_RUNS = 10_000_000;

/** A point as the run list needs it. */
export interface PlannedPoint {
  /** Position in the design, from 0. */
  index: number;
  /** Scenario overrides `path=value` of the point, sorted by path (`[]` for a plain ensemble): their text is
   * the `point` of the runs' seeds (`runSpec`), so a point's seeds depend on its values alone. */
  overrides: readonly string[];
}

/** One run of a job (`RunSpec` of the ensemble runner: run id, point, overrides, replicate, seed). */
export type PlannedRun = RunSpec;

/**
 * Parses a run id back into its point and replicate, or undefined if it is not one.
 * @example parseRunId('p0003-r000012') // {point: 3, replicate: 12}
 */
export function parseRunId(id: string): { point: number; replicate: number } | undefined {
  const m = /^p(\d{4,})-r(\d{6,})$/.exec(id);
  if (!m || runId(Number(m[1]), Number(m[2])) !== id) return undefined;
  return { point: Number(m[1]), replicate: Number(m[2]) };
}

/**
 * Every run of a job, replicate-major: position k is replicate floor(k / P) of point k mod P.
 * @example planRuns([{index: 0, overrides: []}], 2, 1, 'ab').map((r) => r.runId) // ['p0000-r000000', 'p0000-r000001']
 */
export function planRuns(points: readonly PlannedPoint[], runsPerPoint: number, masterSeed: number, scenarioHash: string): PlannedRun[] {
  const total = points.length * runsPerPoint;
  if (total > MAX_RUNS) throw new RangeError(`a job of ${points.length} points x ${runsPerPoint} runs = ${total} runs is over the limit of ${MAX_RUNS}`);
  const runs: PlannedRun[] = [];
  for (let replicate = 0; replicate < runsPerPoint; replicate++) {
    for (const p of points) runs.push(runSpec({ masterSeed, scenarioHash, point: p.index, overrides: p.overrides, replicate }));
  }
  return runs;
}
