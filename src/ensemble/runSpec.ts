/**
 * The explicit list of runs an ensemble or a sweep executes (the runner takes any such list: a whole job, a
 * shard, the runs left to resume). A run is identified by its parameter point and its replicate number; its
 * seed is derived from them (runSeeds.ts), so the list can be cut into shards, resumed or extended without
 * changing any run. Sweeps build their lists with `planRuns` (sweepRuns.ts) from `runSpec`; a plain ensemble is
 * one point with no override (`ensembleSpecs`).
 */
import { runSeed } from './runSeeds.ts';

/** One run to execute. */
export interface RunSpec {
  /** Stable text id, `p<point, 4 digits>-r<replicate, 6 digits>`, e.g. `p0000-r000012` (wider when needed). */
  runId: string;
  /** Parameter point index, from 0 (a plain ensemble has the one point 0). */
  point: number;
  /** The point's overrides, `path=value` as `--set` takes them, applied on top of the job's scenario (`[]`: none). */
  overrides: readonly string[];
  /** Replicate number at the point, from 0. */
  replicate: number;
  /** Run seed: `runSeed({masterSeed, scenarioHash, point: pointText(overrides), replicate})`. */
  seed: number;
}

/**
 * The text id of a run: point and replicate, zero-padded so that the ids of up to 10,000 points and 1,000,000
 * replicates sort as text in run order (sorting elsewhere uses the numbers, see `compareRuns`).
 * @example runId(0, 12) // 'p0000-r000012'
 */
export function runId(point: number, replicate: number): string {
  return `p${String(point).padStart(4, '0')}-r${String(replicate).padStart(6, '0')}`;
}

/**
 * The canonical text of a point's overrides, as hashed into run seeds: the overrides in order, one per line
 * (`''` for none).
 * @example pointText(['behaviour.hideProbability=0.1']) // 'behaviour.hideProbability=0.1'
 */
export function pointText(overrides: readonly string[]): string {
  return overrides.join('\n');
}

/**
 * The spec of one run at a point.
 * @example runSpec({masterSeed: 1, scenarioHash: h, point: 0, overrides: [], replicate: 3}).runId // 'p0000-r000003'
 */
export function runSpec(key: { masterSeed: number; scenarioHash: string; point: number; overrides: readonly string[]; replicate: number }): RunSpec {
  const { masterSeed, scenarioHash, point, overrides, replicate } = key;
  const seed = runSeed({ masterSeed, scenarioHash, point: pointText(overrides), replicate });
  return { runId: runId(point, replicate), point, overrides, replicate, seed };
}

/**
 * The runs of a plain ensemble: replicates 0 .. runs-1 of point 0 with no override. Adding runs appends specs
 * and never changes existing ones.
 * @example ensembleSpecs(1, resolved.hash, 3).map((s) => s.runId) // ['p0000-r000000', 'p0000-r000001', 'p0000-r000002']
 */
export function ensembleSpecs(masterSeed: number, scenarioHash: string, runs: number): RunSpec[] {
  const specs: RunSpec[] = [];
  for (let r = 0; r < runs; r++) specs.push(runSpec({ masterSeed, scenarioHash, point: 0, overrides: [], replicate: r }));
  return specs;
}

/**
 * Run order: by point, then replicate (as numbers). Summaries add values in this order; batch rows follow it.
 * @example specs.sort(compareRuns)
 */
export function compareRuns(a: { point: number; replicate: number }, b: { point: number; replicate: number }): number {
  return a.point - b.point || a.replicate - b.replicate;
}
