/**
 * What every run of an ensemble or sweep shares: the scenario (file and `--set` overrides, which a worker
 * reloads by itself) and the master seed. Plain data, so it can be sent to worker threads and stored.
 */
import type { ResolvedScenario } from '../scenario/index.ts';

/** The shared part of every run of an ensemble or a sweep. */
export interface EnsembleJob {
  /** Scenario name (`ResolvedScenario.name`). */
  scenario: string;
  /** The scenario file as given on the command line. */
  scenarioFile: string;
  /** The `--set` overrides of the command line, in order (a sweep point's overrides come on top, per run). */
  sets: readonly string[];
  /** sha256 of the resolved scenario with `sets` applied (`ResolvedScenario.hash`): an input of every run seed. */
  scenarioHash: string;
  /** The ensemble's `--seed` (an integer >= 0). */
  masterSeed: number;
}

/**
 * The job of an ensemble of a resolved scenario.
 * @example ensembleJob(loadScenario('scenarios/small.yaml'), 1).scenarioHash // the scenario's sha256
 */
export function ensembleJob(resolved: ResolvedScenario, masterSeed: number): EnsembleJob {
  return { scenario: resolved.name, scenarioFile: resolved.file, sets: [...resolved.sets], scenarioHash: resolved.hash, masterSeed };
}
