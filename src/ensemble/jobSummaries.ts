/**
 * The summary files of a whole job, from the per-run files of its folders (one folder, or every shard's):
 * - an ensemble: the ensemble runner's `summary_countries.csv`, `summary_regions.csv`, `summary_network.csv`,
 *   `runs.csv`, `failed_runs.csv` (summarise.ts);
 * - a sweep: the same files with a leading `point` column (every point in one tidy file), the same rows of each
 *   point apart in `points/p0000/summary_*.csv` (the format of an ensemble's), and `points.csv` (pointsCsv.ts).
 * Then `manifest.json` (the ensemble runner's, manifest.ts), last, with the sha256 of every file above: it is
 * removed first, so a folder with a manifest has complete summaries. Each file is written through a temporary
 * name. The bytes depend only on the runs on disk: one machine and merged shards give the same ones.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { withOverrides } from '../run/runScenario.ts';
import { loadScenario, type ResolvedScenario } from '../scenario/index.ts';
import { writeFolderFile } from './folderFile.ts';
import { JobMismatchError, jobRuns, type JobManifest } from './jobManifest.ts';
import { ensembleManifest } from './manifest.ts';
import { pointsCsv } from './pointsCsv.ts';
import { summaryFiles, type SummaryResult } from './summarise.ts';
import { checkMetricMonth } from './sweepJob.ts';
import { pointLabel } from './sweepOverrides.ts';

/** Options of `writeJobSummaries`. */
export interface JobSummaryOptions {
  /** Month of points.csv's share column; default: the job's own (`design.metricMonth`), else the scenario's last month. */
  metricMonth?: string;
  /** Country of points.csv's share column (default `CN`). */
  country?: string;
}

/** What was written. */
export interface JobSummaryResult {
  summary: SummaryResult;
  /** Paths written, in order. */
  written: string[];
}

/**
 * Computes and writes the summaries of `job` from the runs found in `dirs` into `outDir`.
 * Throws `JobMismatchError` when the scenario file no longer gives the job's scenario (it changed since), and
 * `SweepArgError` for a metric month outside the scenario, before writing anything.
 * @example await writeJobSummaries(readJob('results/sweep'), ['results/sweep'], 'results/sweep')
 */
export async function writeJobSummaries(job: JobManifest, dirs: readonly string[], outDir: string, options: JobSummaryOptions = {}): Promise<JobSummaryResult> {
  const sweep = job.command === 'sweep';
  rmSync(join(outDir, 'manifest.json'), { force: true });
  const summary = await summaryFiles(dirs, { byPoint: sweep });
  const files = new Map(summary.files);
  if (sweep) {
    for (const [name, text] of summary.files) {
      if (!name.startsWith('summary_')) continue;
      for (const [point, part] of splitByPoint(text)) files.set(`points/${pointLabel(point)}/${name}`, part);
    }
    const resolved = jobScenario(job);
    const metricMonth = options.metricMonth ?? job.design?.metricMonth ?? lastMonth(resolved);
    checkMetricMonth(resolved, metricMonth);
    const banMonths = job.points.map((p) => firstBanMonth(withOverrides(resolved, p.overrides)));
    files.set('points.csv', await pointsCsv(job, dirs, { metricMonth, country: options.country, banMonths }));
  }
  const sha256 = Object.fromEntries([...files].map(([name, text]) => [name, createHash('sha256').update(text).digest('hex')]));
  files.set(
    'manifest.json',
    ensembleManifest({
      job: { scenario: job.scenario, scenarioFile: job.scenarioFile, sets: job.sets, scenarioHash: job.scenarioHash, masterSeed: job.masterSeed },
      command: job.command,
      runs: jobRuns(job).length,
      points: job.points.map((p) => ({ point: p.index, overrides: p.overrides })),
      summary: { ...summary, sha256 },
    }),
  );
  const written = [...files].map(([name, text]) => {
    const slash = name.lastIndexOf('/');
    return slash < 0 ? writeFolderFile(outDir, name, text) : writeFolderFile(join(outDir, name.slice(0, slash)), name.slice(slash + 1), text);
  });
  return { summary, written };
}

/**
 * The job's scenario, loaded again from its file and `--set`s; throws `JobMismatchError` if its hash is not
 * the job's (the file changed since the job ran).
 */
export function jobScenario(job: JobManifest): ResolvedScenario {
  const resolved = loadScenario(job.scenarioFile, { sets: job.sets });
  if (resolved.hash !== job.scenarioHash) {
    throw new JobMismatchError(`${job.scenarioFile} has changed since the job ran (scenario hash ${resolved.hash.slice(0, 12)}..., the job's ${job.scenarioHash.slice(0, 12)}...)`);
  }
  return resolved;
}

/**
 * The month (`YYYY-MM`) of the earliest `effective` date of a ban in a resolved scenario, or undefined.
 * @example firstBanMonth(loadScenario('scenarios/china-2021.yaml')) // '2021-04'
 */
export function firstBanMonth(resolved: ResolvedScenario): string | undefined {
  const events = (resolved.data as { events?: unknown[] }).events ?? [];
  const dates = events
    .filter((e): e is { type: string; effective: string } => typeof e === 'object' && e !== null && (e as { type?: unknown }).type === 'ban' && typeof (e as { effective?: unknown }).effective === 'string')
    .map((e) => e.effective)
    .sort();
  return dates.length > 0 ? dates[0].slice(0, 7) : undefined;
}

/** The scenario's last month (`end`). */
export function lastMonth(resolved: ResolvedScenario): string {
  return String((resolved.data as { end: unknown }).end);
}

/** Splits a summary CSV whose first column is `point` into one CSV per point, without that column. */
function splitByPoint(text: string): Map<number, string> {
  const lines = text.split('\n');
  const header = lines[0].slice(lines[0].indexOf(',') + 1);
  const parts = new Map<number, string[]>();
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const comma = line.indexOf(',');
    const point = Number(line.slice(0, comma));
    if (!parts.has(point)) parts.set(point, [header]);
    parts.get(point)!.push(line.slice(comma + 1));
  }
  return new Map([...parts].map(([p, l]) => [p, l.join('\n') + '\n']));
}
