/**
 * Where a backtest's runs come from. Today: in this process, one after the other, through the run API, with
 * the seeds the ensemble runner gives the same runs (`runSeed` with point `''`). The parallel ensemble runner
 * (src/ensemble/) can replace `runsInProcess` by any function of the same `RunSource` type.
 */
import { runSeed } from '../ensemble/runSeeds.ts';
import { runScenario } from '../run/index.ts';
import type { PlanTemplate } from '../scenario/index.ts';
import { runSeriesFromTrajectory, type RunSeries } from './runSeries.ts';

/** Produces the `RunSeries` of the runs of `template` with `seeds`, in the order of `seeds`. */
export type RunSource = (template: PlanTemplate, seeds: readonly number[], onRun?: (done: number, total: number) => void) => Promise<RunSeries[]>;

/**
 * The seeds of an ensemble of `runs` runs of a scenario: `runSeed({masterSeed, scenarioHash, point: '',
 * replicate})` for replicate 0..runs-1, as the ensemble runner computes them.
 * @example ensembleSeeds(resolved.hash, 1, 3).length // 3
 */
export function ensembleSeeds(scenarioHash: string, masterSeed: number, runs: number): number[] {
  return Array.from({ length: runs }, (_, replicate) => runSeed({ masterSeed, scenarioHash, point: '', replicate }));
}

/**
 * Runs every seed in this process through `runScenario` and keeps each run's `RunSeries` (a few KB per run).
 * @example await runsInProcess(prepareRuns(resolved), ensembleSeeds(resolved.hash, 1, 10))
 */
export const runsInProcess: RunSource = async (template, seeds, onRun) => {
  const out: RunSeries[] = [];
  for (const seed of seeds) {
    out.push(runSeriesFromTrajectory(runScenario(template, seed).trajectory));
    onRun?.(out.length, seeds.length);
  }
  return out;
};
