/**
 * `job.json`: what a whole ensemble or sweep is, written into its output folder (and into every shard's folder)
 * before any run starts. It names the scenario (file, `--set`s, hash), the master seed, the points with their
 * overrides and the runs per point, so that the complete run list can be rebuilt anywhere (`jobRuns`): `merge`
 * lists what is missing from it, and a rerun of the same command knows what is already done. Two folders hold
 * the same job when their `job.json` agree on everything but `shard`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFolderFile } from './folderFile.ts';
import { planRuns, type PlannedRun } from './sweepRuns.ts';
import type { PointValue } from './sweepDesign.ts';

/** File name of the job manifest in an output (or shard) folder. */
export const JOB_FILE = 'job.json';

/** Format tag of `job.json`. */
export const JOB_FORMAT = 'hashsim-job/1';

/** One point of a job. */
export interface JobPoint {
  index: number;
  /** Canonical text (`''` for a plain ensemble). */
  canonical: string;
  /** The swept values, in `--param` order (empty for a plain ensemble). */
  values: PointValue[];
  /** Scenario overrides of the point, sorted by path (what the runs apply and their seeds hash). */
  overrides: string[];
}

/** The content of `job.json`. */
export interface JobManifest {
  format: typeof JOB_FORMAT;
  /** `ensemble` or `sweep`. */
  command: 'ensemble' | 'sweep';
  scenario: string;
  scenarioFile: string;
  /** `--set` overrides of the command line, in order. */
  sets: string[];
  /** sha256 of the resolved scenario with `sets` (before any point). */
  scenarioHash: string;
  masterSeed: number;
  /** Runs per point. */
  runsPerPoint: number;
  /** How the points were made (sweeps): the `--param`s as typed, the design, its options. */
  design?: { params: string[]; design: 'factorial' | 'lhs'; points?: number; eventDates: 'shift' | 'fixed'; metricMonth?: string };
  points: JobPoint[];
  /** The shard this folder holds (`{index: 0, count: 1}` for the whole job). */
  shard: { index: number; count: number };
}

/** A `job.json` that is missing, unreadable, or of another job: the message names the folder. Exit code 2. */
export class JobMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobMismatchError';
  }
}

/**
 * The complete run list of a job (every shard), replicate-major.
 * @example jobRuns(manifest).length // points x runsPerPoint
 */
export function jobRuns(job: JobManifest): PlannedRun[] {
  return planRuns(job.points, job.runsPerPoint, job.masterSeed, job.scenarioHash);
}

/**
 * The job without its shard, as canonical text: equal texts mean the same job.
 * @example jobIdentity(shard0) === jobIdentity(shard1) // true
 */
export function jobIdentity(job: JobManifest): string {
  const { shard: _shard, ...rest } = job;
  return JSON.stringify(rest);
}

/**
 * `job.json` as written: two-space JSON and a final newline (no times, so it compares byte for byte).
 * @example jobText(manifest).endsWith('}\n') // true
 */
export function jobText(job: JobManifest): string {
  return JSON.stringify(job, null, 2) + '\n';
}

/**
 * Reads and checks the `job.json` of a folder. Throws `JobMismatchError` when it is missing or not a job manifest.
 * @example readJob('results/sweep/shard-0-of-3').points.length
 */
export function readJob(dir: string): JobManifest {
  const path = join(dir, JOB_FILE);
  if (!existsSync(path)) throw new JobMismatchError(`${dir}: no ${JOB_FILE} (not the output folder of a hashsim ensemble or sweep)`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new JobMismatchError(`${path}: expected a job manifest (JSON), found text that does not parse (${(e as Error).message})`);
  }
  const job = data as Partial<JobManifest>;
  const ok =
    job !== null && typeof job === 'object' && job.format === JOB_FORMAT && (job.command === 'ensemble' || job.command === 'sweep') &&
    typeof job.scenarioHash === 'string' && Number.isSafeInteger(job.masterSeed) && Number.isSafeInteger(job.runsPerPoint) &&
    Array.isArray(job.points) && Array.isArray(job.sets) && typeof job.scenarioFile === 'string' &&
    job.shard !== undefined && Number.isSafeInteger(job.shard.index) && Number.isSafeInteger(job.shard.count) &&
    job.points.every((p, i) => p && p.index === i && typeof p.canonical === 'string' && Array.isArray(p.overrides) && Array.isArray(p.values));
  if (!ok) throw new JobMismatchError(`${path}: expected a job manifest of format ${JOB_FORMAT}, found something else`);
  return job as JobManifest;
}

/**
 * Writes `job.json` into `dir` (created if missing), or checks that the one there is the same job and shard.
 * Throws `JobMismatchError` when the folder holds another job (so two jobs never mix their runs).
 * @example ensureJob('results/sweep', manifest) // 'created' the first time, 'same' on a rerun
 */
export function ensureJob(dir: string, job: JobManifest): 'created' | 'same' {
  if (!existsSync(join(dir, JOB_FILE))) {
    writeFolderFile(dir, JOB_FILE, jobText(job));
    return 'created';
  }
  const found = readJob(dir);
  if (jobIdentity(found) !== jobIdentity(job) || found.shard.index !== job.shard.index || found.shard.count !== job.shard.count) {
    throw new JobMismatchError(`${dir} holds another job (${describeDifference(found, job)}): give another --out, or delete the folder to start again`);
  }
  return 'same';
}

/** The first field in which two jobs differ, in words. */
export function describeDifference(a: JobManifest, b: JobManifest): string {
  const fields: (keyof JobManifest)[] = ['command', 'scenarioFile', 'sets', 'scenarioHash', 'masterSeed', 'runsPerPoint', 'design', 'points', 'shard'];
  for (const f of fields) {
    const [x, y] = [JSON.stringify(a[f]), JSON.stringify(b[f])];
    if (x === y) continue;
    if (f === 'points') return `points differ: ${a.points.length} and ${b.points.length} points`;
    if (f === 'shard') return `shard ${a.shard.index}/${a.shard.count} and ${b.shard.index}/${b.shard.count}`;
    if (f === 'scenarioHash') return 'the scenario differs (scenario hash)';
    return `${f} ${x ?? 'none'} and ${y ?? 'none'}`;
  }
  return 'they differ';
}
