/**
 * `merge`: the folders of a job's shards (or of parts of it run anywhere) brought together. Every folder must
 * hold the same job (`job.json`), and every run of the job must be present exactly once across them; then the
 * summaries are written as one machine would have written them (jobSummaries.ts), byte for byte.
 *
 * A run is missing when no finished batch records it; doubled when two batches record it `ok` (the same shard
 * given twice, overlapping shards); unknown when it is not a run of the job. A run recorded only as failed is
 * present (as on one machine, the summaries list it in failed_runs.csv) and is reported as failed; a failed
 * record followed by an `ok` one (a resumed job retried it) is one run.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { listBatches, readRunIndex, type RunRecord } from './batchReader.ts';
import { describeDifference, JOB_FILE, jobIdentity, JobMismatchError, jobRuns, readJob, type JobManifest } from './jobManifest.ts';
import { writeJobSummaries, type JobSummaryOptions, type JobSummaryResult } from './jobSummaries.ts';
import { SweepArgError } from './sweepValues.ts';

/** A run record and the batch folder holding it. */
export interface FoundRecord extends Pick<RunRecord, 'runId' | 'status' | 'error'> {
  batch: string;
}

/** The outcome of the coverage check. */
export interface Coverage {
  /** Runs of the job with no record, in run-list order. */
  missing: string[];
  /** Runs of the job recorded as failed and never `ok`, in run-list order, with the first error. */
  failed: { runId: string; error: string }[];
  /** Runs recorded `ok` more than once, with the batches. */
  doubled: { runId: string; batches: string[] }[];
  /** Records of runs that are not in the job. */
  unknown: FoundRecord[];
}

/**
 * Checks that the records cover the expected run ids exactly once.
 * @example checkCoverage(['a', 'b'], [{runId: 'a', status: 'ok', error: '', batch: 'x'}]).missing // ['b']
 */
export function checkCoverage(expected: readonly string[], records: readonly FoundRecord[]): Coverage {
  const wanted = new Set(expected);
  const ok = new Map<string, string[]>();
  const errors = new Map<string, string>();
  const unknown: FoundRecord[] = [];
  for (const r of records) {
    if (!wanted.has(r.runId)) unknown.push(r);
    else if (r.status === 'ok') ok.set(r.runId, [...(ok.get(r.runId) ?? []), r.batch]);
    else if (!errors.has(r.runId)) errors.set(r.runId, r.error);
  }
  const missing = expected.filter((id) => !ok.has(id) && !errors.has(id));
  const failed = expected.filter((id) => !ok.has(id) && errors.has(id)).map((runId) => ({ runId, error: errors.get(runId)! }));
  const doubled = expected.filter((id) => (ok.get(id)?.length ?? 0) > 1).map((runId) => ({ runId, batches: ok.get(runId)! }));
  return { missing, failed, doubled, unknown };
}

/**
 * The coverage problems in words (missing, doubled, unknown; not failed runs), at most `maxListed` ids per
 * kind; none when every run is present exactly once.
 * @example formatCoverage(checkCoverage(['a', 'b'], [...]), 2) // ['1 of 2 runs missing: b']
 */
export function formatCoverage(c: Coverage, total: number, maxListed = 20): string[] {
  const list = (items: string[]) => items.slice(0, maxListed).join(', ') + (items.length > maxListed ? `, ... (${items.length - maxListed} more)` : '');
  const lines: string[] = [];
  if (c.missing.length > 0) lines.push(`${c.missing.length} of ${total} run${total === 1 ? '' : 's'} missing: ${list(c.missing)}`);
  if (c.doubled.length > 0) {
    lines.push(`${c.doubled.length} run${c.doubled.length === 1 ? '' : 's'} doubled (recorded in more than one batch): ${list(c.doubled.map((d) => d.runId))}`);
    for (const d of c.doubled.slice(0, maxListed)) lines.push(`  ${d.runId} in ${d.batches.join(' and ')}`);
  }
  if (c.unknown.length > 0) {
    lines.push(`${c.unknown.length} record${c.unknown.length === 1 ? '' : 's'} of runs that are not in the job: ${list(c.unknown.map((u) => `${u.runId} (${u.batch})`))}`);
  }
  return lines;
}

/** A merge that cannot be done: the folders do not hold one complete job. Exit code 2. */
export class MergeError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'MergeError';
  }
}

/**
 * The job folders named by `paths`: a folder with `job.json` is one; a folder without it stands for its
 * subfolders that have one (`results/x` for `results/x/shard-0-of-3`, ...), sorted by name.
 * Throws `MergeError` for a path that is neither.
 * @example jobFolders(['results/cluster']) // ['results/cluster/shard-0-of-3', 'results/cluster/shard-1-of-3', ...]
 */
export function jobFolders(paths: readonly string[]): string[] {
  const folders: string[] = [];
  const problems: string[] = [];
  for (const p of paths) {
    if (!existsSync(p) || !statSync(p).isDirectory()) {
      problems.push(`${p}: expected a folder written by hashsim ensemble or sweep, found ${existsSync(p) ? 'a file' : 'nothing'}`);
      continue;
    }
    if (existsSync(join(p, JOB_FILE))) {
      folders.push(p);
      continue;
    }
    const subs = readdirSync(p).filter((n) => !n.startsWith('.')).sort().map((n) => join(p, n)).filter((s) => statSync(s).isDirectory() && existsSync(join(s, JOB_FILE)));
    if (subs.length === 0) problems.push(`${p}: no ${JOB_FILE} in it nor in its subfolders (not the output of a hashsim ensemble or sweep)`);
    folders.push(...subs);
  }
  const seen = new Set<string>();
  for (const f of folders) {
    const abs = resolve(f);
    if (seen.has(abs)) problems.push(`${f}: named twice`);
    seen.add(abs);
  }
  if (problems.length > 0) throw new MergeError(problems);
  return folders;
}

/**
 * The default output folder of a merge: the one path given, or the common parent of the folders.
 * @example mergeOutDir(['results/cluster']) // 'results/cluster'
 */
export function mergeOutDir(paths: readonly string[]): string | undefined {
  if (paths.length === 1) return paths[0];
  const parents = new Set(paths.map((p) => resolve(dirname(resolve(p)))));
  return parents.size === 1 ? dirname(paths[0]) : undefined;
}

/** When every folder is a shard of the same split, the shards of that split not among them, in words. */
function absentShards(jobs: readonly JobManifest[]): string[] {
  const counts = new Set(jobs.map((j) => j.shard.count));
  if (counts.size !== 1) return [];
  const count = jobs[0].shard.count;
  const present = new Set(jobs.map((j) => j.shard.index));
  const absent = Array.from({ length: count }, (_, i) => i).filter((i) => !present.has(i));
  return absent.length === 0 ? [] : [`no folder of shard${absent.length === 1 ? '' : 's'} ${absent.map((i) => `${i}/${count}`).join(', ')} (shard-${absent[0]}-of-${count}...): run ${absent.length === 1 ? 'it' : 'them'} (--shard i/${count}) or give ${absent.length === 1 ? 'its' : 'their'} folder${absent.length === 1 ? '' : 's'}`];
}

/** What a merge did. */
export interface MergeResult extends JobSummaryResult {
  job: JobManifest;
  folders: string[];
  runs: number;
  /** Runs present only as failed (listed in failed_runs.csv). */
  failed: { runId: string; error: string }[];
}

/**
 * Merges the job folders named by `paths` into `outDir`: checks they hold one job and cover its runs exactly
 * once (else throws `MergeError` listing what is missing, doubled or foreign, and writes nothing), then writes
 * the summaries.
 * @example await mergeJob(['results/cluster'], 'results/cluster')
 */
export async function mergeJob(paths: readonly string[], outDir: string, options: JobSummaryOptions = {}): Promise<MergeResult> {
  const folders = jobFolders(paths);
  const jobs = folders.map((f) => {
    try {
      return readJob(f);
    } catch (e) {
      if (e instanceof JobMismatchError) throw new MergeError([e.message]);
      throw e;
    }
  });
  const job = jobs[0];
  const others = jobs.map((j, i) => ({ j, f: folders[i] })).filter(({ j }) => jobIdentity(j) !== jobIdentity(job));
  if (others.length > 0) {
    throw new MergeError(others.map(({ j, f }) => `${f} holds another job than ${folders[0]} (${describeDifference(job, j)})`));
  }
  const records: FoundRecord[] = [];
  for (const batch of listBatches(folders)) {
    for (const r of await readRunIndex(batch)) records.push({ runId: r.runId, status: r.status, error: r.error, batch });
  }
  const expected = jobRuns(job).map((r) => r.runId);
  const coverage = checkCoverage(expected, records);
  const lines = formatCoverage(coverage, expected.length);
  if (coverage.missing.length > 0) lines.push(...absentShards(jobs));
  if (lines.length > 0) throw new MergeError(lines);
  try {
    const written = await writeJobSummaries(job, folders, outDir, options);
    return { ...written, job, folders, runs: expected.length, failed: coverage.failed };
  } catch (e) {
    if (e instanceof JobMismatchError || e instanceof SweepArgError) throw new MergeError([e.message]);
    throw e;
  }
}
