/**
 * The run list of an ensemble or a sweep: every (point, replicate) with its run id and seed, replicate-major
 * (replicate 0 of every point, then replicate 1 of every point, ...), so a job stopped early, or one shard of
 * it, has a balanced share of every point. A plain ensemble is a sweep of one point with no parameters.
 */
import { runSeed } from './runSeeds.ts';
import { pointLabel } from './sweepOverrides.ts';

/** Most runs one job may have. */
export const MAX_RUNS = 10_000_000;

/** A point as the run list needs it. */
export interface PlannedPoint {
  /** Position in the design, from 0. */
  index: number;
  /** Canonical text (`''` for a plain ensemble): the `point` of the seed. */
  canonical: string;
  /** Scenario overrides `path=value` of the point. */
  overrides: readonly string[];
}

/** One run of a job. */
export interface PlannedRun {
  /** Stable id: `p0003-r000012` (point 3, replicate 12). */
  runId: string;
  /** Point index. */
  point: number;
  /** Overrides of the point. */
  overrides: readonly string[];
  /** Replicate number at the point, from 0. */
  replicate: number;
  /** `runSeed({masterSeed, scenarioHash, point: canonical, replicate})`. */
  seed: number;
}

/**
 * The run id of replicate `replicate` at point `point`.
 * @example runId(3, 12) // 'p0003-r000012'
 */
export function runId(point: number, replicate: number): string {
  return `${pointLabel(point)}-r${String(replicate).padStart(6, '0')}`;
}

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
 * @example planRuns([{index: 0, canonical: '', overrides: []}], 2, 1, 'ab').map((r) => r.runId) // ['p0000-r000000', 'p0000-r000001']
 */
export function planRuns(points: readonly PlannedPoint[], runsPerPoint: number, masterSeed: number, scenarioHash: string): PlannedRun[] {
  const total = points.length * runsPerPoint;
  if (total > MAX_RUNS) throw new RangeError(`a job of ${points.length} points x ${runsPerPoint} runs = ${total} runs is over the limit of ${MAX_RUNS}`);
  const runs: PlannedRun[] = [];
  for (let replicate = 0; replicate < runsPerPoint; replicate++) {
    for (const p of points) {
      runs.push({
        runId: runId(p.index, replicate),
        point: p.index,
        overrides: p.overrides,
        replicate,
        seed: runSeed({ masterSeed, scenarioHash, point: p.canonical, replicate }),
      });
    }
  }
  return runs;
}
