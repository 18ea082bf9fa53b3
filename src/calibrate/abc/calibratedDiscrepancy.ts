/**
 * The model discrepancy of a calibrated scenario (modelDiscrepancy.ts), measured the way the backtest will judge
 * it: the calibrated scenario (as `calibrate` is about to write it, without a discrepancy) is backtested over the
 * calibration window with `runs` runs, and the residuals of its ensemble median against the record, beyond the
 * record's own measurement error, give the discrepancy's sizes and month-to-month correlations. No month outside
 * the calibration window is read (the backtest's window is the calibration's, never past 2021-08).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { loadScenario } from '../../scenario/index.ts';
import { backtest } from '../backtest.ts';
import { ensembleRunSource } from '../ensembleRunSource.ts';
import { estimateDiscrepancy, type DiscrepancyParams } from '../modelDiscrepancy.ts';
import { SCORED_COUNTRIES } from '../observations.ts';
import type { CalibrationResult } from './calibrateScenario.ts';

/** A measured discrepancy and how it was measured. */
export interface CalibratedDiscrepancy {
  params: DiscrepancyParams;
  /** Runs of the calibrated scenario the residuals come from, and their master seed. */
  runs: number;
  masterSeed: number;
}

/** Default runs of the backtest that measures the discrepancy. */
export const DEFAULT_DISCREPANCY_RUNS = 200;

/**
 * Measures the discrepancy of the calibrated scenario whose text (without a discrepancy) `scenarioText(path)`
 * gives for a file at `path`. The text is written to a hidden file beside the original scenario (so that its
 * `extends` and data paths resolve as they will), loaded, backtested and removed.
 * @example await measureDiscrepancy(result, (p) => calibratedScenarioText(input, p), 200, 2) // {params: {discrepancySampleSize: 140, ...}, ...}
 */
export async function measureDiscrepancy(result: CalibrationResult, scenarioText: (path: string) => string, runs: number, workers: number): Promise<CalibratedDiscrepancy> {
  const masterSeed = Number(result.settings.seed);
  const file = join(dirname(result.resolved.file), `.${basename(result.resolved.file).replace(/\.[^.]*$/, '')}-calibrated.discrepancy-${process.pid}.yaml`);
  try {
    writeFileSync(file, scenarioText(file));
    const resolved = loadScenario(file);
    const runSource = workers > 1 ? ensembleRunSource(resolved, masterSeed, Math.min(workers, runs)) : undefined;
    const bt = await backtest(resolved, { runs, masterSeed, from: result.window.from, to: result.window.to, runSource });
    const params = estimateDiscrepancy({
      medianSharesPercent: bt.shares.map.model.bands.median,
      observedSharesPercent: bt.observed.shares,
      medianHashrateEhs: bt.hashrate.model.bands.median,
      observedHashrateEhs: bt.observed.hashrateEhs,
      monthIndices: bt.window.scored,
      K: SCORED_COUNTRIES.length,
      mapSampleSize: bt.observation.mapSampleSize,
      hashrateNoise: bt.observation.hashrateNoise,
    });
    return { params, runs, masterSeed };
  } finally {
    rmSync(file, { force: true });
  }
}
