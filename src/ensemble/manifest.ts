/**
 * `manifest.json` of an ensemble: what was run (scenario, master seed, points, the seed rule; every run's seed
 * is in `runs.csv`), by which program (version, git commit when known), and the sha256 of every summary file.
 * No times, no worker count, no paths of this machine beyond the scenario file as given: one machine, any number
 * of workers and merged shards give the same bytes. Written last, so a folder with a manifest is complete.
 */
import { PROGRAM_VERSION } from '../report/version.ts';
import { programCommit } from './gitCommit.ts';
import type { EnsembleJob } from './job.ts';
import type { SummaryResult } from './summarise.ts';

/** The rule every run seed follows (runSeeds.ts), in words, for readers of the manifest. */
export const SEED_RULE =
  'seed = first 48 bits (big-endian) of sha256 of the JSON text ["hashsim-run", masterSeed, scenarioHash, point, replicate], ' +
  "point being the point's overrides joined by newlines ('' for a plain ensemble)";

/** What the manifest records besides the job and the summaries. */
export interface ManifestInput {
  job: EnsembleJob;
  /** `ensemble` or `sweep`. */
  command: string;
  /** Runs asked for (all points). */
  runs: number;
  /** The points: index and overrides (one point with none for a plain ensemble). */
  points: readonly { point: number; overrides: readonly string[] }[];
  summary: SummaryResult;
}

/**
 * The text of manifest.json (two-space JSON, final newline).
 * @example ensembleManifest({job, command: 'ensemble', runs: 100, points: [{point: 0, overrides: []}], summary})
 */
export function ensembleManifest(input: ManifestInput): string {
  const { job, summary } = input;
  const commit = programCommit();
  const manifest = {
    program: 'hashsim',
    version: PROGRAM_VERSION,
    ...(commit ? { gitCommit: commit } : {}),
    command: input.command,
    scenario: job.scenario,
    scenarioFile: job.scenarioFile.split('\\').join('/'),
    scenarioHash: job.scenarioHash,
    sets: [...job.sets],
    masterSeed: job.masterSeed,
    runs: input.runs,
    runsFound: summary.runs,
    failedRuns: summary.failed.length,
    points: input.points.map((p) => ({ point: p.point, overrides: [...p.overrides] })),
    seedRule: SEED_RULE,
    seeds: 'runs.csv',
    files: summary.sha256,
  };
  return JSON.stringify(manifest, null, 2) + '\n';
}
